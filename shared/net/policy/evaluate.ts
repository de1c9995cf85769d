/**
 * NetworkPolicy evaluation for one connection, per the API semantics:
 * - a pod is isolated for ingress (egress) when at least one policy in its namespace selects it
 *   and has Ingress (Egress) among its effective policyTypes — policyTypes default to
 *   [Ingress], plus Egress when the policy has egress rules;
 * - an isolated direction admits a connection when any rule of any selecting policy admits it
 *   (policies and rules are additive, OR-ed); otherwise it is dropped;
 * - both the sender's egress and the receiver's ingress must admit it;
 * - only where the node's CNI plugin enforces policies (see enforcement.ts).
 *
 * Addresses are post-DNAT: a connection to a ClusterIP is evaluated against the endpoint pod
 * kube-proxy picked, as a real policy engine sees it.
 */
import type { Stored } from "../../k8s/kinds.ts";
import type { NetworkPolicy } from "../../k8s/schema/networking.ts";
import type { Pod } from "../../k8s/schema/pod.ts";
import type { Store } from "../../sim/store.ts";
import { policyEnforcedOn } from "./enforcement.ts";
import { podByIP } from "./pod-ip-index.ts";
import { peersMatch, portsMatch, selectorMatcher, type PeerEndpoint, type Protocol } from "./rules.ts";

export type PolicyDirection = "ingress" | "egress";

export interface PolicyQuery {
  /** The sending pod (`ns/name` or the object); or only its address. */
  fromPod?: string | Stored<Pod>;
  fromIP?: string;
  toPod?: string | Stored<Pod>;
  toIP?: string;
  /** Destination port after DNAT (the container port). */
  port: number;
  protocol?: Protocol;
}

export type PolicyVerdict =
  | { allowed: true }
  | {
      allowed: false;
      /** `ns/name` of the first (by name) policy isolating the pod in that direction. */
      policy: string;
      direction: PolicyDirection;
      /** Every policy isolating it: none of them admits the connection. */
      policies: string[];
    };

/** Effective policyTypes: given ones, else Ingress plus Egress when egress rules exist. */
export function effectivePolicyTypes(np: NetworkPolicy): ("Ingress" | "Egress")[] {
  if (np.spec.policyTypes && np.spec.policyTypes.length > 0) return np.spec.policyTypes;
  return np.spec.egress && np.spec.egress.length > 0 ? ["Ingress", "Egress"] : ["Ingress"];
}

/** The policies of the pod's namespace that select it for `direction`, sorted by name. */
export function isolatingPolicies(store: Store, pod: Stored<Pod>, direction: PolicyDirection): Stored<NetworkPolicy>[] {
  const ns = pod.metadata.namespace ?? "default";
  const keys = store.namespaceKeys("NetworkPolicy", ns);
  if (keys.size === 0) return [];
  const type = direction === "ingress" ? "Ingress" : "Egress";
  const out: Stored<NetworkPolicy>[] = [];
  for (const k of [...keys].sort()) {
    const np = store.get("NetworkPolicy", k)!;
    if (!effectivePolicyTypes(np).includes(type)) continue;
    if (selectorMatcher(np.spec.podSelector)(pod.metadata.labels ?? {})) out.push(np);
  }
  return out;
}

function resolvePod(store: Store, ref: string | Stored<Pod> | undefined, ip: string | undefined): Stored<Pod> | undefined {
  if (typeof ref === "string") return store.get("Pod", ref);
  if (ref) return ref;
  return ip ? podByIP(store, ip) : undefined;
}

function podIP(pod: Stored<Pod> | undefined): string | undefined {
  return pod && !pod.spec.hostNetwork ? pod.status?.podIP : undefined;
}

/** Does `direction` of `self` admit the connection with `other`? */
function check(
  store: Store,
  self: Stored<Pod>,
  direction: PolicyDirection,
  other: PeerEndpoint,
  port: number,
  protocol: Protocol,
  destPod: Stored<Pod> | undefined,
): PolicyVerdict {
  if (self.spec.hostNetwork || !policyEnforcedOn(store.state, self.spec.nodeName)) return { allowed: true };
  const policies = isolatingPolicies(store, self, direction);
  if (policies.length === 0) return { allowed: true };
  for (const np of policies) {
    const ns = np.metadata.namespace ?? "default";
    const rules = direction === "ingress" ? np.spec.ingress ?? [] : np.spec.egress ?? [];
    for (const r of rules) {
      const peers = direction === "ingress" ? (r as { from?: never }).from : (r as { to?: never }).to;
      if (portsMatch(r.ports, port, protocol, destPod) && peersMatch(store, ns, peers, other)) return { allowed: true };
    }
  }
  const names = policies.map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
  return { allowed: false, policy: names[0], direction, policies: names };
}

/** One direction only: the sender's egress (on its node) or the receiver's ingress (on its node), as a trace walks them. */
export function policyAllowsDirection(store: Store, direction: PolicyDirection, q: PolicyQuery): PolicyVerdict {
  const protocol = q.protocol ?? "TCP";
  const from = resolvePod(store, q.fromPod, q.fromIP);
  const to = resolvePod(store, q.toPod, q.toIP);
  const fromIP = q.fromIP ?? podIP(from);
  const toIP = q.toIP ?? podIP(to);
  if (direction === "egress") return from ? check(store, from, "egress", { ip: toIP, pod: to }, q.port, protocol, to) : { allowed: true };
  return to ? check(store, to, "ingress", { ip: fromIP, pod: from }, q.port, protocol, to) : { allowed: true };
}

/** Whether NetworkPolicies let this connection through: the sender's egress first, then the receiver's ingress. */
export function policyAllows(store: Store, q: PolicyQuery): PolicyVerdict {
  const protocol = q.protocol ?? "TCP";
  const from = resolvePod(store, q.fromPod, q.fromIP);
  const to = resolvePod(store, q.toPod, q.toIP);
  const fromIP = q.fromIP ?? podIP(from);
  const toIP = q.toIP ?? podIP(to);
  if (from) {
    const v = check(store, from, "egress", { ip: toIP, pod: to }, q.port, protocol, to);
    if (!v.allowed) return v;
  }
  if (to) return check(store, to, "ingress", { ip: fromIP, pod: from }, q.port, protocol, to);
  return { allowed: true };
}
