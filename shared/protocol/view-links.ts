/**
 * Overlay links of the slim view: which node pairs the map draws a line between and whether
 * each direction of the overlay delivers. Small clusters get every pair; larger ones a ring
 * (each node to its next neighbour by name) so the payload and the probes grow linearly.
 */
import type { Cluster } from "../sim/cluster.ts";
import { packetPath } from "../net/traffic/data-plane.ts";
import type { RouteTables } from "../net/traffic/fast-path.ts";
import { cidrContains } from "../net/cidr.ts";
import type { Node } from "../k8s/schema/node.ts";
import type { Pod } from "../k8s/schema/pod.ts";
import type { Stored } from "../k8s/kinds.ts";

export type LinkHealth = "ok" | "degraded" | "down";

export interface LinkView {
  /** `a|b` with a < b. */
  key: string;
  from: string;
  to: string;
  health: LinkHealth;
  /** Why a direction fails (drop reason and where), "" when healthy. */
  reason: string;
}

/** Up to this many nodes every pair is a link (n² probes); above it, a ring of n links. */
export const VIEW_MAX_LINK_NODES = 12;
/** Above this many nodes no links are computed at all (the map cannot show them usefully). */
export const VIEW_MAX_RING_NODES = 100;

export function nodeIP(n: Stored<Node>): string {
  return n.status?.addresses?.find((a) => a.type === "InternalIP")?.address ?? "";
}

/** Node pairs to probe, `[a, b]` with a before b by name (nodes come sorted from the store). */
export function linkPairs(nodes: readonly Stored<Node>[]): [Stored<Node>, Stored<Node>][] {
  const sorted = [...nodes].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  const pairs: [Stored<Node>, Stored<Node>][] = [];
  if (sorted.length <= VIEW_MAX_LINK_NODES) {
    for (let i = 0; i < sorted.length; i++) for (let j = i + 1; j < sorted.length; j++) pairs.push([sorted[i], sorted[j]]);
    return pairs;
  }
  if (sorted.length > VIEW_MAX_RING_NODES) return pairs;
  // Simplification: a ring shows a broken node (both its lines fail) and a cut between two
  // nodes, but not every pair; `kubectl` probes from a pod remain the way to check the rest.
  for (let i = 0; i < sorted.length - 1; i++) pairs.push([sorted[i], sorted[i + 1]]);
  pairs.push([sorted[0], sorted[sorted.length - 1]]);
  return pairs;
}

/** An address on each node's pod network to aim at: a pod of its podCIDR, else the bridge (.1). */
export function podNetworkTargets(nodes: readonly Stored<Node>[], pods: readonly Stored<Pod>[]): Map<string, string | undefined> {
  const cidrs = new Map(nodes.map((n) => [n.metadata.name, n.spec?.podCIDR]));
  const firstPod = new Map<string, string>();
  for (const p of pods) {
    const node = p.spec.nodeName;
    const ip = p.status?.podIP;
    if (!node || !ip || firstPod.has(node)) continue;
    const cidr = cidrs.get(node);
    if (cidr && cidrContains(cidr, ip)) firstPod.set(node, ip);
  }
  const out = new Map<string, string | undefined>();
  for (const n of nodes) {
    const cidr = n.spec?.podCIDR;
    if (!cidr) {
      out.set(n.metadata.name, undefined);
      continue;
    }
    const hit = firstPod.get(n.metadata.name);
    if (hit) {
      out.set(n.metadata.name, hit);
      continue;
    }
    const parts = cidr.split("/")[0].split(".").map(Number);
    parts[3] += 1;
    out.set(n.metadata.name, parts.join("."));
  }
  return out;
}

/**
 * Overlay health between two nodes: can the host of one reach the pod network of the other
 * (routes, encapsulation, host firewall, MTU of a small packet) in each direction?
 * Simplification: one probe per direction on TCP 80; policy and the application are not links.
 * Plainly healthy pairs are answered from route tables built once per call (fast-path.ts);
 * only suspicious ones run a full trace, which also words the reason.
 */
export function linkViews(cluster: Cluster, pairs: readonly [Stored<Node>, Stored<Node>][], targets: Map<string, string | undefined>): LinkView[] {
  const tables: RouteTables = new Map();
  const probe = (a: Stored<Node>, b: Stored<Node>): string => {
    const toIP = targets.get(b.metadata.name);
    const fromIP = nodeIP(a);
    if (!toIP || !fromIP) return "no pod network";
    const v = packetPath(cluster.store, { fromNode: a.metadata.name, fromIP, toNode: b.metadata.name, toIP, protocol: "tcp", port: 80, requestBytes: 64, responseBytes: 64 }, undefined, tables);
    return v.delivered ? "" : `${a.metadata.name}→${b.metadata.name}: ${v.reason} at ${v.hop}`;
  };
  return pairs.map(([a, b]) => {
    const fails = [probe(a, b), probe(b, a)].filter((r) => r !== "");
    const health: LinkHealth = fails.length === 0 ? "ok" : fails.length === 1 ? "degraded" : "down";
    return { key: `${a.metadata.name}|${b.metadata.name}`, from: a.metadata.name, to: b.metadata.name, health, reason: fails.join("; ") };
  });
}
