/**
 * What CoreDNS's kubernetes plugin answers for a name in the cluster zone (the Kubernetes
 * DNS-Based Service Discovery specification):
 * - `<svc>.<ns>.svc.<zone>`: A = the ClusterIP; headless ⇒ one A per ready endpoint address;
 *   ExternalName ⇒ CNAME to spec.externalName;
 * - `<hostname>.<svc>.<ns>.svc.<zone>`: a headless Service's endpoint with that hostname (pods
 *   with spec.hostname and spec.subdomain = the Service), or named by its dashed IP;
 * - `<a-b-c-d>.<ns>.pod.<zone>`: A = a.b.c.d (`pods insecure`, kubeadm's Corefile);
 * - anything else in the zone, an unknown Service or a headless Service without ready
 *   endpoints: NXDOMAIN (the plugin's errNoItems / errNsNotExposed are name errors).
 * TTL 30, as kubeadm's Corefile sets it.
 */
import type { Stored } from "../../k8s/kinds.ts";
import type { EndpointSlice, Service } from "../../k8s/schema/service.ts";
import type { Store } from "../../sim/store.ts";
import { CLUSTER_DOMAIN } from "./cluster-dns.ts";

export type DnsAnswer = { name: string; type: "A"; ip: string; ttl: number } | { name: string; type: "CNAME"; target: string; ttl: number };
export type ZoneAnswer = { rcode: "NOERROR"; answers: DnsAnswer[] } | { rcode: "NXDOMAIN" };

const TTL = 30;
const NX: ZoneAnswer = { rcode: "NXDOMAIN" };

export function inClusterZone(fqdn: string): boolean {
  return fqdn === CLUSTER_DOMAIN || fqdn.endsWith(`.${CLUSTER_DOMAIN}`);
}

/** Ready endpoint addresses (and hostnames) of a Service, from its EndpointSlices, deduplicated, sorted. */
export function readyEndpoints(store: Store, svc: Stored<Service>): { ip: string; hostname?: string }[] {
  const ns = svc.metadata.namespace ?? "default";
  const seen = new Map<string, { ip: string; hostname?: string }>();
  for (const k of [...store.namespaceKeys("EndpointSlice", ns)].sort()) {
    const s = store.get("EndpointSlice", k) as Stored<EndpointSlice>;
    if (s.metadata.labels?.["kubernetes.io/service-name"] !== svc.metadata.name || s.addressType !== "IPv4") continue;
    for (const ep of s.endpoints ?? []) {
      if (ep.conditions?.ready === false) continue;
      for (const ip of ep.addresses) if (!seen.has(ip)) seen.set(ip, { ip, ...(ep.hostname ? { hostname: ep.hostname } : {}) });
    }
  }
  return [...seen.values()].sort((a, b) => ipOrder(a.ip) - ipOrder(b.ip));
}

function ipOrder(ip: string): number {
  return ip.split(".").reduce((a, o) => a * 256 + Number(o), 0);
}

function a(name: string, ip: string): DnsAnswer {
  return { name, type: "A", ip, ttl: TTL };
}

function serviceAnswer(store: Store, fqdn: string, svc: Stored<Service>): ZoneAnswer {
  if (svc.spec.type === "ExternalName") {
    return svc.spec.externalName ? { rcode: "NOERROR", answers: [{ name: fqdn, type: "CNAME", target: svc.spec.externalName, ttl: TTL }] } : NX;
  }
  const ip = svc.spec.clusterIP;
  if (ip && ip !== "None") return { rcode: "NOERROR", answers: [a(fqdn, ip)] };
  const eps = readyEndpoints(store, svc);
  return eps.length === 0 ? NX : { rcode: "NOERROR", answers: eps.map((e) => a(fqdn, e.ip)) };
}

/** The zone's answer for a fully qualified name (no trailing dot, any case). */
export function answerClusterName(store: Store, name: string): ZoneAnswer {
  const fqdn = name.toLowerCase();
  if (!inClusterZone(fqdn)) return NX;
  const labels = fqdn.slice(0, -(CLUSTER_DOMAIN.length + 1)).split(".");
  if (labels.length === 3 && labels[2] === "pod") {
    const m = /^(\d{1,3})-(\d{1,3})-(\d{1,3})-(\d{1,3})$/.exec(labels[0]);
    if (!m || !store.get("Namespace", labels[1])) return NX;
    return { rcode: "NOERROR", answers: [a(fqdn, m.slice(1).join("."))] };
  }
  if (labels.length === 3 && labels[2] === "svc") {
    const svc = store.get("Service", `${labels[1]}/${labels[0]}`);
    return svc ? serviceAnswer(store, fqdn, svc) : NX;
  }
  if (labels.length === 4 && labels[3] === "svc") {
    const svc = store.get("Service", `${labels[2]}/${labels[1]}`);
    if (!svc || (svc.spec.clusterIP && svc.spec.clusterIP !== "None")) return NX;
    const host = labels[0];
    const hit = readyEndpoints(store, svc).find((e) => e.hostname === host || e.ip.replaceAll(".", "-") === host);
    return hit ? { rcode: "NOERROR", answers: [a(fqdn, hit.ip)] } : NX;
  }
  return NX;
}
