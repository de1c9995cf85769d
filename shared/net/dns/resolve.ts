/**
 * A lookup as a pod's stub resolver does it: names from resolv.conf's search list and ndots,
 * each sent to the nameserver until one answers with records.
 *
 * The cluster nameserver is a Service IP like any other: the query goes through the source
 * node's kube-proxy rules to a CoreDNS endpoint (UDP 53), subject to NetworkPolicy (a default
 * deny egress breaks DNS) and the data plane. When no CoreDNS endpoint can be reached the
 * resolver gives up: `;; connection timed out; no servers could be reached`.
 *
 * Simplification: clusters without any DNS addon objects (no kube-dns Service, coredns
 * Deployment or ConfigMap in kube-system) resolve "implicitly", as if CoreDNS were healthy, so
 * levels that are not about DNS need not install it. A CoreDNS whose Corefile has no
 * `kubernetes cluster.local` block forwards cluster names upstream: NXDOMAIN.
 */
import type { Stored } from "../../k8s/kinds.ts";
import type { Pod } from "../../k8s/schema/pod.ts";
import type { Store } from "../../sim/store.ts";
import type { Cluster } from "../../sim/cluster.ts";
import { proxyTableOn } from "../kube-proxy/programmed.ts";
import { matchService } from "../kube-proxy/dnat.ts";
import { usableEndpoints } from "../kube-proxy/service-table.ts";
import { policyAllows } from "../policy/evaluate.ts";
import { packetPath, type PathMemo } from "../traffic/data-plane.ts";
import { readL7 } from "../traffic/l7-state.ts";
import { nodeIP } from "../underlay.ts";
import { DNS_CONFIGMAP, DNS_DEPLOYMENT, DNS_NAMESPACE, DNS_SERVICE } from "./cluster-dns.ts";
import { answerClusterName, inClusterZone, type DnsAnswer } from "./records.ts";
import { candidateNames, nodeResolvConf, podResolvConf, type ResolvConf } from "./resolv-conf.ts";

export type ResolveResult =
  | { answers: DnsAnswer[]; name: string; server: string }
  | { error: "NXDOMAIN"; tried: string[]; server: string }
  | { error: "timeout"; server: string; detail: string };

export type DnsSource = string | { pod: string } | { node: string };

function storeOf(x: Cluster | Store): Store {
  return "engine" in x ? x.store : x;
}

/** The DNS addon is installed (its objects exist in kube-system). */
export function dnsAddonInstalled(store: Store): boolean {
  return (
    !!store.get("Service", `${DNS_NAMESPACE}/${DNS_SERVICE}`) ||
    !!store.get("Deployment", `${DNS_NAMESPACE}/${DNS_DEPLOYMENT}`) ||
    !!store.get("ConfigMap", `${DNS_NAMESPACE}/${DNS_CONFIGMAP}`)
  );
}

/** Whether the Corefile still has the kubernetes plugin for cluster.local (true when there is no ConfigMap). */
export function corefileServesCluster(store: Store): boolean {
  const cm = store.get("ConfigMap", `${DNS_NAMESPACE}/${DNS_CONFIGMAP}`);
  const corefile = cm?.data?.Corefile;
  return corefile === undefined || /^\s*kubernetes\s+(\S+\s+)*cluster\.local(\s|$)/m.test(corefile);
}

/** Can a query from this source reach some CoreDNS endpoint through `server`:53/UDP? */
export function dnsServerReachable(store: Store, server: string, from: { node?: string; pod?: Stored<Pod>; ip: string }, memo?: PathMemo): { ok: true } | { ok: false; detail: string } {
  if (!dnsAddonInstalled(store)) return { ok: true };
  if (!from.node) return { ok: false, detail: `no route to ${server}` };
  const table = proxyTableOn(store.state, store, from.node);
  const m = table && matchService(table, server, 53, "udp", false);
  if (!m) return { ok: false, detail: `no Service rule for ${server}:53/UDP on ${from.node}` };
  const eps = usableEndpoints(m.entry, m.entry.internalPolicyLocal, from.node);
  if (eps.length === 0) return { ok: false, detail: `Service ${m.entry.svcKey} has no ready endpoints` };
  let why = "";
  for (const ep of eps) {
    const toPod = ep.pod ? store.get("Pod", ep.pod) : undefined;
    const v = policyAllows(store, { fromPod: from.pod, fromIP: from.ip, toPod, toIP: ep.ip, port: ep.port, protocol: "UDP" });
    if (!v.allowed) {
      why ||= `dropped by NetworkPolicy ${v.policy} (${v.direction}) to ${ep.ip}:${ep.port}`;
      continue;
    }
    const path = packetPath(store, { fromNode: from.node, fromIP: from.ip, fromPod: from.pod && `${from.pod.metadata.namespace}/${from.pod.metadata.name}`, toNode: ep.nodeName ?? "", toIP: ep.ip, toPod: ep.pod, protocol: "udp", port: ep.port, requestBytes: 64, responseBytes: 128 }, memo);
    if (!path.delivered) {
      why ||= `${path.reason} to ${ep.ip}: ${path.detail}`;
      continue;
    }
    return { ok: true };
  }
  return { ok: false, detail: why };
}

/** The resolver a source uses and where its queries leave from. */
export function resolverOf(store: Store, src: DnsSource): { rc: ResolvConf; node?: string; pod?: Stored<Pod>; ip: string } | undefined {
  const podKey = typeof src === "string" ? src : "pod" in src ? src.pod : undefined;
  if (podKey !== undefined) {
    const pod = store.get("Pod", podKey);
    if (!pod) return undefined;
    const node = pod.spec.nodeName;
    const hostIP = nodeIP(node ? store.get("Node", node) : undefined) ?? "";
    const upstream = store.state.network.subnets[0]?.gateway ?? "192.168.10.1";
    return { rc: podResolvConf(pod, store.state.config, upstream), node, pod, ip: pod.spec.hostNetwork ? hostIP : pod.status?.podIP ?? "" };
  }
  const nodeName = (src as { node: string }).node;
  const ip = nodeIP(store.get("Node", nodeName)) ?? "";
  return { rc: nodeResolvConf(store.state.network.subnets[0]?.gateway ?? "192.168.10.1"), node: nodeName, ip };
}

/** One name as the nameserver answers it (cluster zone by CoreDNS, the rest by the upstream resolver). */
function answer(store: Store, fqdn: string, clusterServer: boolean): DnsAnswer[] | undefined {
  const lower = fqdn.toLowerCase();
  if (clusterServer && inClusterZone(lower) && corefileServesCluster(store)) {
    const z = answerClusterName(store, lower);
    if (z.rcode !== "NOERROR") return undefined;
    // Follow a CNAME into the cluster zone, as CoreDNS does for ExternalName targets it serves.
    const last = z.answers[z.answers.length - 1];
    if (last?.type === "CNAME") return [...z.answers, ...(answer(store, last.target, clusterServer) ?? [])];
    return z.answers;
  }
  const ip = readL7(store.state).upstreamDNS[lower];
  return ip ? [{ name: lower, type: "A", ip, ttl: 300 }] : undefined;
}

/**
 * resolveName(cluster, fromPodKey, name): the records the pod's resolver ends up with, or
 * NXDOMAIN (every candidate name failed), or a timeout (the nameserver cannot be reached).
 */
export function resolveName(cluster: Cluster | Store, from: DnsSource, name: string, opts: { paths?: PathMemo } = {}): ResolveResult {
  const store = storeOf(cluster);
  const r = resolverOf(store, from);
  if (!r) return { error: "timeout", server: "", detail: `no such source ${JSON.stringify(from)}` };
  const server = r.rc.nameservers[0] ?? "";
  if (!server) return { error: "timeout", server, detail: "no nameserver in resolv.conf" };
  if (r.rc.cluster) {
    const reach = dnsServerReachable(store, server, r, opts.paths);
    if (!reach.ok) return { error: "timeout", server, detail: reach.detail };
  }
  const tried = candidateNames(name, r.rc);
  for (const fqdn of tried) {
    const answers = answer(store, fqdn, r.rc.cluster);
    if (answers && answers.length > 0) return { answers, name: fqdn.toLowerCase(), server };
  }
  return { error: "NXDOMAIN", tried, server };
}

/** The first IPv4 address of a successful lookup. */
export function firstAddress(r: ResolveResult): string | undefined {
  if ("error" in r) return undefined;
  for (const a of r.answers) if (a.type === "A") return a.ip;
  return undefined;
}
