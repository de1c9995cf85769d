/**
 * What `from` and `to` of a trace name: `ns/name` (a pod), `node/<name>` or a node name,
 * `svc/ns/name` (a Service's ClusterIP), `external` (a client outside the cluster), an IP, or a
 * host name (resolved by the DNS hook).
 */
import type { Cluster } from "../sim/cluster.ts";
import { parseIPv4 } from "./cidr.ts";
import { nodeWithIP, podIPOf } from "./addresses.ts";
import type { DropReason, TraceHooks } from "./trace-types.ts";
import { nodeIP } from "./underlay.ts";

/** The documentation address (RFC 5737) used for a client on the internet. */
export const EXTERNAL_CLIENT_IP = "203.0.113.50";

export type Source =
  | { kind: "pod"; pod: string; node: string; ip: string; uid: string }
  | { kind: "node"; node: string; ip: string }
  | { kind: "external"; ip: string };

export type Target = { ip: string; pod?: string; node?: string; service?: string; resolved?: string };

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason?: DropReason; error: string };

function isIP(s: string): boolean {
  try {
    parseIPv4(s);
    return true;
  } catch {
    return false;
  }
}

function podByIP(cluster: Cluster, ip: string): string | undefined {
  for (const p of cluster.store.list("Pod")) if (!p.spec.hostNetwork && podIPOf(cluster.state, p) === ip) return `${p.metadata.namespace}/${p.metadata.name}`;
  return undefined;
}

export function parseSource(cluster: Cluster, from: string): Parsed<Source> {
  if (from === "external") return { ok: true, value: { kind: "external", ip: EXTERNAL_CLIENT_IP } };
  const nodeName = from.startsWith("node/") ? from.slice(5) : !from.includes("/") && cluster.get("Node", undefined, from) ? from : undefined;
  if (nodeName !== undefined) {
    const ip = nodeIP(cluster.get("Node", undefined, nodeName));
    if (!ip) return { ok: false, error: `node "${nodeName}" not found` };
    return { ok: true, value: { kind: "node", node: nodeName, ip } };
  }
  if (isIP(from)) {
    const pod = podByIP(cluster, from);
    if (pod) return parseSource(cluster, pod);
    const node = nodeWithIP(cluster.store, from);
    if (node) return parseSource(cluster, `node/${node}`);
    return { ok: true, value: { kind: "external", ip: from } };
  }
  const slash = from.indexOf("/");
  if (slash < 0) return { ok: false, error: `cannot trace from "${from}": expected ns/pod, node/<name>, external or an IP` };
  const pod = cluster.get("Pod", from.slice(0, slash), from.slice(slash + 1));
  if (!pod) return { ok: false, error: `pods "${from.slice(slash + 1)}" not found` };
  const ip = podIPOf(cluster.state, pod);
  if (!pod.spec.nodeName || !ip) return { ok: false, error: `pod ${from} has no network yet (no sandbox): it cannot send` };
  if (pod.spec.hostNetwork) return parseSource(cluster, `node/${pod.spec.nodeName}`);
  return { ok: true, value: { kind: "pod", pod: from, node: pod.spec.nodeName, ip, uid: pod.metadata.uid } };
}

export function parseTarget(cluster: Cluster, to: string, fromWhere: { pod?: string; node?: string }, hooks: TraceHooks): Parsed<Target> {
  if (to.startsWith("svc/")) {
    const [ns, name] = to.slice(4).split("/");
    const svc = name ? cluster.get("Service", ns, name) : undefined;
    if (!svc) return { ok: false, error: `services "${name ?? ns}" not found` };
    if (!svc.spec.clusterIP || svc.spec.clusterIP === "None") return { ok: false, error: `service ${ns}/${name} is headless: trace one of its pods` };
    return { ok: true, value: { ip: svc.spec.clusterIP, service: `${ns}/${name}` } };
  }
  const nodeName = to.startsWith("node/") ? to.slice(5) : !to.includes("/") && cluster.get("Node", undefined, to) ? to : undefined;
  if (nodeName !== undefined) {
    const ip = nodeIP(cluster.get("Node", undefined, nodeName));
    if (!ip) return { ok: false, error: `node "${nodeName}" not found` };
    return { ok: true, value: { ip, node: nodeName } };
  }
  if (isIP(to)) return { ok: true, value: { ip: to } };
  const slash = to.indexOf("/");
  if (slash > 0) {
    const pod = cluster.get("Pod", to.slice(0, slash), to.slice(slash + 1));
    if (!pod) return { ok: false, error: `pods "${to.slice(slash + 1)}" not found` };
    const ip = pod.spec.hostNetwork ? nodeIP(cluster.get("Node", undefined, pod.spec.nodeName ?? "")) : podIPOf(cluster.state, pod);
    if (!ip) return { ok: false, reason: "no route to host", error: `pod ${to} has no IP (no sandbox yet)` };
    return { ok: true, value: { ip, pod: to } };
  }
  if (!hooks.resolve) return { ok: false, reason: "NXDOMAIN", error: `server can't find ${to}: NXDOMAIN (no DNS model)` };
  const r = hooks.resolve(cluster, to, fromWhere);
  if (!r.ok) return { ok: false, reason: r.reason, error: r.detail };
  return { ok: true, value: { ip: r.ip, resolved: `${to} → ${r.ip} (${r.detail})` } };
}
