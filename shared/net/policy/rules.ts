/**
 * The pieces of one NetworkPolicy rule, matched exactly as the API defines them
 * (networking/v1 types.go and the "Network Policies" concept page):
 * - a peer selects pods by podSelector (in the policy's namespace), namespaceSelector (every
 *   pod of the matching namespaces), both in one peer (AND: those pods in those namespaces), or
 *   an ipBlock (cidr minus except);
 * - a port matches by protocol (default TCP) and number, a number range (port..endPort), or a
 *   name resolved against the destination pod's container ports; no port means every port.
 */
import type { Stored } from "../../k8s/kinds.ts";
import { compileSelector, type LabelMatcher, type LabelSelector } from "../../k8s/labels.ts";
import type { NetworkPolicy } from "../../k8s/schema/networking.ts";
import type { Pod } from "../../k8s/schema/pod.ts";
import type { Store } from "../../sim/store.ts";
import { cidrContains } from "../cidr.ts";

export type Protocol = "TCP" | "UDP" | "SCTP";
export type PolicyPeer = NonNullable<NonNullable<NetworkPolicy["spec"]["ingress"]>[number]["from"]>[number];
export type PolicyPort = NonNullable<NonNullable<NetworkPolicy["spec"]["ingress"]>[number]["ports"]>[number];

/** The other end of the connection, as a rule sees it. */
export interface PeerEndpoint {
  ip?: string;
  /** Set when the address belongs to a pod of the pod network. */
  pod?: Stored<Pod>;
}

const matchers = new WeakMap<object, LabelMatcher>();

/** A compiled selector, cached on the (immutable) selector object. Invalid selectors select nothing. */
export function selectorMatcher(sel: LabelSelector): LabelMatcher {
  let m = matchers.get(sel);
  if (!m) {
    try {
      m = compileSelector(sel);
    } catch {
      m = () => false;
    }
    matchers.set(sel, m);
  }
  return m;
}

export function namespaceLabels(store: Store, ns: string): Record<string, string> {
  const obj = store.get("Namespace", ns);
  // The API server always sets kubernetes.io/metadata.name; keep it even on hand-made objects.
  return { ...(obj?.metadata.labels ?? {}), "kubernetes.io/metadata.name": ns };
}

export function peerMatches(store: Store, policyNamespace: string, peer: PolicyPeer, other: PeerEndpoint): boolean {
  if (peer.ipBlock) {
    if (!other.ip) return false;
    const { cidr, except } = peer.ipBlock;
    return safeContains(cidr, other.ip) && !(except ?? []).some((e) => safeContains(e, other.ip!));
  }
  if (!peer.podSelector && !peer.namespaceSelector) return false;
  const pod = other.pod;
  if (!pod) return false;
  const podNs = pod.metadata.namespace ?? "default";
  if (peer.namespaceSelector) {
    if (!selectorMatcher(peer.namespaceSelector)(namespaceLabels(store, podNs))) return false;
  } else if (podNs !== policyNamespace) {
    return false;
  }
  return !peer.podSelector || selectorMatcher(peer.podSelector)(pod.metadata.labels ?? {});
}

function safeContains(cidr: string, ip: string): boolean {
  try {
    return cidrContains(cidr, ip);
  } catch {
    return false;
  }
}

/** The number a named port stands for on `pod` (the first container port with that name and protocol). */
export function namedPortNumber(pod: Stored<Pod> | undefined, name: string, protocol: Protocol): number | undefined {
  for (const c of pod?.spec.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === name && (p.protocol ?? "TCP") === protocol) return p.containerPort;
  }
  return undefined;
}

/** Whether one NetworkPolicyPort admits `port`/`protocol` towards `destPod`. */
export function portMatches(rule: PolicyPort, port: number, protocol: Protocol, destPod: Stored<Pod> | undefined): boolean {
  if ((rule.protocol ?? "TCP") !== protocol) return false;
  if (rule.port === undefined) return true;
  if (typeof rule.port === "string") {
    // A numeric string is still a name to the API (validation rejects it); it never matches.
    return namedPortNumber(destPod, rule.port, protocol) === port;
  }
  if (rule.endPort !== undefined) return port >= rule.port && port <= rule.endPort;
  return port === rule.port;
}

/** A rule's ports: empty or absent means every port. */
export function portsMatch(ports: PolicyPort[] | undefined, port: number, protocol: Protocol, destPod: Stored<Pod> | undefined): boolean {
  return !ports || ports.length === 0 || ports.some((p) => portMatches(p, port, protocol, destPod));
}

/** A rule's peers: empty or absent means every source (or destination). */
export function peersMatch(store: Store, policyNamespace: string, peers: PolicyPeer[] | undefined, other: PeerEndpoint): boolean {
  return !peers || peers.length === 0 || peers.some((p) => peerMatches(store, policyNamespace, p, other));
}
