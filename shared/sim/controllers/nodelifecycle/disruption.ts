import type { Node } from "../../../k8s/schema/node.ts";
import type { NoExecuteMode } from "./taints.ts";

export type ZoneState = "Normal" | "PartialDisruption" | "FullDisruption";

/** --unhealthy-zone-threshold default. */
export const UNHEALTHY_ZONE_THRESHOLD = 0.55;
const EXCLUDE_DISRUPTION_LABEL = "node.kubernetes.io/exclude-disruption";

/** nodetopology.GetZoneKey: region and zone labels, "" for a node with neither. */
export function zoneKey(node: Pick<Node, "metadata">): string {
  const l = node.metadata.labels ?? {};
  const region = l["topology.kubernetes.io/region"] ?? l["failure-domain.beta.kubernetes.io/region"] ?? "";
  const zone = l["topology.kubernetes.io/zone"] ?? l["failure-domain.beta.kubernetes.io/zone"] ?? "";
  return region === "" && zone === "" ? "" : `${region}:\x00:${zone}`;
}

/**
 * ComputeZoneState: no Ready node ⇒ FullDisruption; more than two not-Ready nodes making up at
 * least 55% of the zone ⇒ PartialDisruption; otherwise Normal. A node with no Ready condition
 * counts as not Ready.
 */
export function computeZoneState(readyStatuses: readonly (string | undefined)[]): ZoneState {
  let ready = 0;
  let notReady = 0;
  for (const s of readyStatuses) if (s === "True") ready++; else notReady++;
  if (ready === 0 && notReady > 0) return "FullDisruption";
  if (notReady > 2 && notReady / (ready + notReady) >= UNHEALTHY_ZONE_THRESHOLD) return "PartialDisruption";
  return "Normal";
}

/**
 * handleDisruption's effect on one node's NoExecute taint: every zone fully disrupted ⇒ the
 * controller stops evicting and removes the taints (`clear`); the node's zone partially
 * disrupted ⇒ its eviction rate drops to 0 and no new taint is added (`hold`).
 * Simplification: zones larger than --large-cluster-size-threshold (50) keep a reduced rate in
 * Kubernetes (0.01 nodes/s); here they hold too. Healthy zones taint at once (the 0.1 nodes/s
 * limiter lets the first node through immediately).
 */
export function noExecuteModeFor(allNodes: readonly Pick<Node, "metadata" | "status">[], node: Pick<Node, "metadata">): NoExecuteMode {
  const zones = new Map<string, (string | undefined)[]>();
  for (const n of allNodes) {
    if (n.metadata.labels?.[EXCLUDE_DISRUPTION_LABEL] !== undefined) continue;
    const z = zoneKey(n);
    if (!zones.has(z)) zones.set(z, []);
    zones.get(z)!.push(n.status?.conditions?.find((c) => c.type === "Ready")?.status);
  }
  const states = new Map([...zones].map(([z, s]) => [z, computeZoneState(s)]));
  if (states.size > 0 && [...states.values()].every((s) => s === "FullDisruption")) return "clear";
  return states.get(zoneKey(node)) === "PartialDisruption" ? "hold" : "normal";
}
