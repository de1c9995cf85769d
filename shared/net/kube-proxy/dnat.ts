/**
 * The DNAT a node's nat table does to one packet: which Service port it matches (cluster IP,
 * node port, load-balancer IP, external IP) and which endpoint the KUBE-SVC chain's statistic
 * rules pick. Each rule draws independently with probability 1/(n−i), exactly as iptables walks
 * the chain, so the pick is uniform; draws come from state.rng. ClientIP affinity is the
 * `-m recent` list, kept in state.network.affinity.
 */
import type { ClusterState } from "../../sim/state.ts";
import { nextFloat } from "../../sim/rng.ts";
import { iptablesProbability, servicePortChainName, servicePortEndpointChainName, servicePortPolicyLocalChainName } from "./chains.ts";
import { usableEndpoints, type ProxyEndpoint, type ServicePortEntry, type ServiceTable } from "./service-table.ts";

export type ServiceMatch = { entry: ServicePortEntry; via: "cluster IP" | "node port" | "loadbalancer IP" | "external IP" };

/** The KUBE-SERVICES / KUBE-NODEPORTS rule a packet matches, if any. */
export function matchService(
  table: ServiceTable,
  dstIP: string,
  port: number,
  protocol: string,
  dstIsThisNode: boolean,
): ServiceMatch | undefined {
  for (const key of Object.keys(table).sort()) {
    for (const entry of table[key]) {
      if (entry.protocol !== protocol) continue;
      if (entry.clusterIP === dstIP && entry.port === port) return { entry, via: "cluster IP" };
      if (entry.port === port && entry.loadBalancerIPs.includes(dstIP)) return { entry, via: "loadbalancer IP" };
      if (entry.port === port && entry.externalIPs.includes(dstIP)) return { entry, via: "external IP" };
      if (dstIsThisNode && entry.nodePort === port) return { entry, via: "node port" };
    }
  }
  return undefined;
}

export type DnatResult =
  | { ok: true; endpoint: ProxyEndpoint; svcChain: string; sepChain: string; why: string }
  | { ok: false; reason: "no endpoints" | "no local endpoints"; svcChain: string; why: string };

export function chooseEndpoint(state: ClusterState, m: ServiceMatch, clientIP: string, nodeName: string, nowMs: number): DnatResult {
  const { entry } = m;
  const external = m.via !== "cluster IP";
  const local = external ? entry.externalPolicyLocal : entry.internalPolicyLocal;
  const svcChain = local ? servicePortPolicyLocalChainName(entry.servicePortName, entry.protocol) : servicePortChainName(entry.servicePortName, entry.protocol);
  const eps = usableEndpoints(entry, local, nodeName);
  if (eps.length === 0) {
    if (local && external) {
      return { ok: false, reason: "no local endpoints", svcChain, why: `"${entry.servicePortName} has no local endpoints": externalTrafficPolicy Local and no ready endpoint on ${nodeName}: DROP` };
    }
    return { ok: false, reason: "no endpoints", svcChain, why: `"${entry.servicePortName} has no endpoints": REJECT (icmp-port-unreachable)` };
  }
  const sep = (e: ProxyEndpoint) => servicePortEndpointChainName(entry.servicePortName, entry.protocol, `${e.ip}:${e.port}`);
  const affinityKey = `${svcChain}|${clientIP}`;
  if (entry.affinitySeconds !== undefined) {
    const a = state.network.affinity[affinityKey];
    const hit = a && a.untilMs > nowMs ? eps.find((e) => sep(e) === a.endpoint) : undefined;
    if (hit) {
      state.network.affinity[affinityKey] = { endpoint: sep(hit), untilMs: nowMs + entry.affinitySeconds * 1000 };
      return { ok: true, endpoint: hit, svcChain, sepChain: sep(hit), why: `sessionAffinity ClientIP: ${clientIP} is in the recent list ${sep(hit)} (--rcheck --seconds ${entry.affinitySeconds})` };
    }
  }
  let picked = eps.length - 1;
  let why = eps.length === 1 ? "the only endpoint" : `last rule of ${eps.length} (no earlier statistic rule matched)`;
  for (let i = 0; i < eps.length - 1; i++) {
    if (nextFloat(state.rng) < 1 / (eps.length - i)) {
      picked = i;
      why = `-m statistic --mode random --probability ${iptablesProbability(eps.length - i)} matched (rule ${i + 1} of ${eps.length})`;
      break;
    }
  }
  const endpoint = eps[picked];
  if (entry.affinitySeconds !== undefined) state.network.affinity[affinityKey] = { endpoint: sep(endpoint), untilMs: nowMs + entry.affinitySeconds * 1000 };
  return { ok: true, endpoint, svcChain, sepChain: sep(endpoint), why: `${why}, ${eps.length} usable endpoint(s)` };
}
