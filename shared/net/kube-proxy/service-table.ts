/**
 * What kube-proxy knows about Services: its ServicePortMap and EndpointsMap, flattened into one
 * plain-JSON table (service key ⇒ one entry per Service port with its endpoints). Built from
 * Services and EndpointSlices exactly as the proxier sees them; frozen copies of it stand for
 * the rules of a node whose kube-proxy is down.
 *
 * The live table is a cache outside the state: a watch on the store marks Services dirty and
 * only those are rebuilt on the next read.
 */
import type { Stored } from "../../k8s/kinds.ts";
import type { EndpointSlice, Service } from "../../k8s/schema/service.ts";
import type { Store } from "../../sim/store.ts";

export interface ProxyEndpoint {
  ip: string;
  port: number;
  nodeName?: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  /** `ns/name` of the pod behind it, from targetRef. */
  pod?: string;
}

export interface ServicePortEntry {
  svcKey: string;
  /** ServicePortName.String(): `ns/name:port-name`, or `ns/name` for an unnamed port. */
  servicePortName: string;
  /** Lower case, as the proxier uses it in hashes and rules. */
  protocol: "tcp" | "udp" | "sctp";
  port: number;
  type: "ClusterIP" | "NodePort" | "LoadBalancer";
  clusterIP: string;
  nodePort?: number;
  loadBalancerIPs: string[];
  externalIPs: string[];
  externalPolicyLocal: boolean;
  internalPolicyLocal: boolean;
  /** sessionAffinity ClientIP timeout (default 10800 s); undefined: no affinity. */
  affinitySeconds?: number;
  /** Sorted by IP then port, as the proxier writes them. */
  endpoints: ProxyEndpoint[];
}

/** Service key (`ns/name`) ⇒ its ports. */
export type ServiceTable = Record<string, ServicePortEntry[]>;

const LABEL_SERVICE_NAME = "kubernetes.io/service-name";

interface LiveCache {
  table: ServiceTable;
  dirty: Set<string>;
}
const caches = new WeakMap<Store, LiveCache>();

/** The table as the store says now (what a healthy kube-proxy has programmed). */
export function liveServiceTable(store: Store): ServiceTable {
  let cache = caches.get(store);
  if (!cache) {
    const c: LiveCache = { table: {}, dirty: new Set() };
    cache = c;
    caches.set(store, c);
    for (const svc of store.list("Service")) c.dirty.add(keyOf(svc));
    store.watch((ev) => {
      if (ev.kind === "Service") c.dirty.add(ev.key);
      else if (ev.kind === "EndpointSlice") {
        for (const o of [ev.object, ev.old]) {
          const svcName = o?.metadata.labels?.[LABEL_SERVICE_NAME];
          if (svcName) c.dirty.add(`${o!.metadata.namespace}/${svcName}`);
        }
      }
    });
  }
  if (cache.dirty.size > 0) {
    for (const key of [...cache.dirty].sort()) {
      const svc = store.get("Service", key);
      const entries = svc ? serviceEntries(store, svc) : [];
      if (entries.length > 0) cache.table[key] = entries;
      else delete cache.table[key];
    }
    cache.dirty.clear();
  }
  return cache.table;
}

/** The entries of one Service: none for headless and ExternalName Services (kube-proxy skips them). */
export function serviceEntries(store: Store, svc: Stored<Service>): ServicePortEntry[] {
  const spec = svc.spec;
  const type = spec.type ?? "ClusterIP";
  if (type === "ExternalName" || !spec.clusterIP || spec.clusterIP === "None") return [];
  const ns = svc.metadata.namespace ?? "default";
  const svcKey = `${ns}/${svc.metadata.name}`;
  const slices: EndpointSlice[] = [];
  for (const k of [...store.namespaceKeys("EndpointSlice", ns)].sort()) {
    const s = store.get("EndpointSlice", k);
    if (s && s.metadata.labels?.[LABEL_SERVICE_NAME] === svc.metadata.name && s.addressType === "IPv4") slices.push(s);
  }
  const lbIPs = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip).filter((ip): ip is string => !!ip);
  const affinity = spec.sessionAffinity === "ClientIP" ? spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800 : undefined;
  return (spec.ports ?? []).map((p): ServicePortEntry => {
    const protocol = (p.protocol ?? "TCP").toLowerCase() as ServicePortEntry["protocol"];
    return {
      svcKey,
      servicePortName: p.name ? `${svcKey}:${p.name}` : svcKey,
      protocol,
      port: p.port,
      type: type as ServicePortEntry["type"],
      clusterIP: spec.clusterIP!,
      ...(p.nodePort && type !== "ClusterIP" ? { nodePort: p.nodePort } : {}),
      loadBalancerIPs: type === "LoadBalancer" ? lbIPs : [],
      externalIPs: [...(spec.externalIPs ?? [])],
      externalPolicyLocal: spec.externalTrafficPolicy === "Local" && type !== "ClusterIP",
      internalPolicyLocal: spec.internalTrafficPolicy === "Local",
      ...(affinity !== undefined ? { affinitySeconds: affinity } : {}),
      endpoints: endpointsFor(slices, p.name ?? "", protocol),
    };
  });
}

function endpointsFor(slices: EndpointSlice[], portName: string, protocol: string): ProxyEndpoint[] {
  const seen = new Map<string, ProxyEndpoint>();
  for (const s of slices) {
    const port = (s.ports ?? []).find((sp) => (sp.name ?? "") === portName && (sp.protocol ?? "TCP").toLowerCase() === protocol);
    if (!port || port.port === undefined) continue;
    for (const ep of s.endpoints ?? []) {
      for (const ip of ep.addresses) {
        const key = `${ip}:${port.port}`;
        if (seen.has(key)) continue;
        const c = ep.conditions ?? {};
        seen.set(key, {
          ip,
          port: port.port,
          ...(ep.nodeName ? { nodeName: ep.nodeName } : {}),
          // A nil ready condition means ready (the EndpointSlice API's rule).
          ready: c.ready !== false,
          serving: c.serving ?? c.ready !== false,
          terminating: c.terminating === true,
          ...(ep.targetRef?.kind === "Pod" ? { pod: `${ep.targetRef.namespace ?? ""}/${ep.targetRef.name}` } : {}),
        });
      }
    }
  }
  return [...seen.values()].sort(compareEndpoints);
}

function ipNum(ip: string): number {
  return ip.split(".").reduce((a, o) => a * 256 + Number(o), 0);
}

function compareEndpoints(a: ProxyEndpoint, b: ProxyEndpoint): number {
  return ipNum(a.ip) - ipNum(b.ip) || a.port - b.port;
}

function keyOf(o: Stored): string {
  return `${o.metadata.namespace}/${o.metadata.name}`;
}

/**
 * CategorizeEndpoints: the endpoints traffic may go to. Ready ones; when none is ready,
 * serving-and-terminating ones (ProxyTerminatingEndpoints). With a Local policy only the
 * endpoints on `node` count.
 */
export function usableEndpoints(entry: ServicePortEntry, local: boolean, node: string | undefined): ProxyEndpoint[] {
  const pool = local ? entry.endpoints.filter((e) => e.nodeName === node) : entry.endpoints;
  const ready = pool.filter((e) => e.ready && !e.terminating);
  if (ready.length > 0) return ready;
  return pool.filter((e) => e.serving && e.terminating);
}
