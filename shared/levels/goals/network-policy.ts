/**
 * `networkPolicyAllows`: would the cluster's NetworkPolicies let pods A open a TCP connection to
 * pods B on a port? Evaluated from the API objects with the semantics every policy-enforcing CNI
 * implements (networking.k8s.io/v1): a pod is isolated for a direction once any policy selecting
 * it lists that policyType; then only traffic some rule allows passes, and a connection needs
 * both the source's egress and the destination's ingress to allow it.
 *
 * Simplification: this answers the policy question only (no routes, no overlay); the end-to-end
 * `connectivity` goal belongs to the network model (net-adapter.ts).
 */
import type { Cluster } from "../../sim/cluster.ts";
import type { Pod } from "../../k8s/schema/pod.ts";
import type { NetworkPolicy } from "../../k8s/schema/networking.ts";
import { matchesSelector } from "../../k8s/labels.ts";
import { cidrContains } from "../../net/cidr.ts";
import type { GoalEvaluation, GoalOf } from "./schema.ts";

type Peer = NonNullable<NonNullable<NonNullable<NetworkPolicy["spec"]["ingress"]>[number]["from"]>[number]>;
type PolicyPort = NonNullable<NonNullable<NetworkPolicy["spec"]["ingress"]>[number]["ports"]>[number];

function policyTypes(p: NetworkPolicy): string[] {
  return p.spec.policyTypes ?? (p.spec.egress?.length ? ["Ingress", "Egress"] : ["Ingress"]);
}

function nsLabels(cluster: Cluster, ns: string): Record<string, string> {
  return cluster.get("Namespace", undefined, ns)?.metadata.labels ?? { "kubernetes.io/metadata.name": ns };
}

function peerMatches(cluster: Cluster, peer: Peer, policyNs: string, other: Pod): boolean {
  if (peer.ipBlock) {
    const ip = other.status?.podIP;
    return !!ip && cidrContains(peer.ipBlock.cidr, ip) && !(peer.ipBlock.except ?? []).some((c) => cidrContains(c, ip));
  }
  const otherNs = other.metadata.namespace ?? "default";
  const nsOk = peer.namespaceSelector ? matchesSelector(peer.namespaceSelector, nsLabels(cluster, otherNs)) : otherNs === policyNs;
  const podOk = peer.podSelector ? matchesSelector(peer.podSelector, other.metadata.labels ?? {}) : true;
  return nsOk && podOk;
}

/** A rule's port matches the destination port (numbers, or a named port of the destination pod). */
function portMatches(ports: readonly PolicyPort[] | undefined, port: number, dst: Pod): boolean {
  if (!ports || ports.length === 0) return true;
  return ports.some((p) => {
    if ((p.protocol ?? "TCP") !== "TCP") return false;
    if (p.port === undefined) return true;
    if (typeof p.port === "number") return p.endPort !== undefined ? port >= p.port && port <= p.endPort : p.port === port;
    return dst.spec.containers.some((c) => (c.ports ?? []).some((cp) => cp.name === p.port && cp.containerPort === port));
  });
}

function allowedOneWay(cluster: Cluster, direction: "Ingress" | "Egress", subject: Pod, other: Pod, port: number, dst: Pod): boolean {
  const ns = subject.metadata.namespace ?? "default";
  const policies = cluster.list("NetworkPolicy", { namespace: ns }).filter((p) => policyTypes(p).includes(direction) && matchesSelector(p.spec.podSelector, subject.metadata.labels ?? {}));
  if (policies.length === 0) return true;
  return policies.some((p) => {
    const rules = direction === "Ingress" ? (p.spec.ingress ?? []).map((r) => ({ peers: r.from, ports: r.ports })) : (p.spec.egress ?? []).map((r) => ({ peers: r.to, ports: r.ports }));
    return rules.some((r) => (!r.peers || r.peers.length === 0 || r.peers.some((peer) => peerMatches(cluster, peer, ns, other))) && portMatches(r.ports, port, dst));
  });
}

export function connectionAllowed(cluster: Cluster, src: Pod, dst: Pod, port: number): boolean {
  return allowedOneWay(cluster, "Egress", src, dst, port, dst) && allowedOneWay(cluster, "Ingress", dst, src, port, dst);
}

export function evaluateNetworkPolicyAllows(cluster: Cluster, g: GoalOf<"networkPolicyAllows">): GoalEvaluation {
  const live = (p: Pod) => p.status?.phase === "Running" && !p.metadata.deletionTimestamp;
  const srcs = cluster.list("Pod", { namespace: g.from.namespace ?? "default", labelSelector: g.from.selector }).filter(live);
  const dsts = cluster.list("Pod", { namespace: g.to.namespace ?? "default", labelSelector: g.to.selector }).filter(live);
  if (srcs.length === 0) return { holding: false, detail: `no running pod matches ${g.from.selector}` };
  if (dsts.length === 0) return { holding: false, detail: `no running pod matches ${g.to.selector}` };
  for (const s of srcs) {
    for (const d of dsts) {
      if (!connectionAllowed(cluster, s, d, g.port)) return { holding: false, detail: `${s.metadata.name} → ${d.metadata.name}:${g.port} is denied by NetworkPolicy` };
    }
  }
  return { holding: true, detail: `${srcs.length}×${dsts.length} pod pairs allowed on port ${g.port}` };
}
