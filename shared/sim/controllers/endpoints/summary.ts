import type { Store } from "../../store.ts";
import { LABEL_SERVICE_NAME } from "./pod-endpoint.ts";

export interface EndpointAddress {
  ip: string;
  nodeName?: string;
  targetRef?: { kind: string; namespace?: string; name: string };
}

/** One subset of the legacy Endpoints view: addresses sharing a port set. */
export interface EndpointSubset {
  addresses: EndpointAddress[];
  notReadyAddresses: EndpointAddress[];
  ports: { name: string; port: number; protocol: string }[];
}

export interface EndpointsSummary {
  subsets: EndpointSubset[];
  /** `ip:port` of ready endpoints (just `ip` for a subset without ports), sorted. */
  ready: string[];
  notReady: string[];
  /** The ENDPOINTS cell of `kubectl get endpoints` (formatEndpoints): `<none>` without subsets. */
  text: string;
}

/**
 * What `kubectl get/describe endpoints <svc>` shows, derived from the Service's EndpointSlices
 * (every slice labelled kubernetes.io/service-name=<svc>, as the endpoints mirroring does):
 * ready endpoints as addresses, the others as notReadyAddresses (terminating ones left out,
 * as the Endpoints controller does), addresses sorted by IP.
 * Simplification: the Endpoints object itself is not stored; this is its read-only view.
 */
export function endpointsForService(store: Store, svcKey: string): EndpointsSummary {
  const slash = svcKey.indexOf("/");
  const ns = svcKey.slice(0, slash);
  const name = svcKey.slice(slash + 1);
  const bySet = new Map<string, EndpointSubset>();
  for (const key of [...store.namespaceKeys("EndpointSlice", ns)].sort()) {
    const slice = store.get("EndpointSlice", key);
    if (!slice || slice.metadata.labels?.[LABEL_SERVICE_NAME] !== name || slice.addressType !== "IPv4") continue;
    if (!slice.endpoints?.length) continue;
    const ports = (slice.ports ?? []).map((p) => ({ name: p.name ?? "", port: p.port ?? 0, protocol: p.protocol ?? "TCP" }));
    const portKey = JSON.stringify([...ports].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.port - b.port)));
    if (!bySet.has(portKey)) bySet.set(portKey, { addresses: [], notReadyAddresses: [], ports });
    const subset = bySet.get(portKey)!;
    for (const ep of slice.endpoints) {
      // The Endpoints controller leaves terminating pods out unless they are published anyway.
      if (ep.conditions?.terminating === true && ep.conditions.ready !== true) continue;
      for (const ip of ep.addresses) {
        const addr: EndpointAddress = {
          ip,
          ...(ep.nodeName ? { nodeName: ep.nodeName } : {}),
          ...(ep.targetRef ? { targetRef: { kind: ep.targetRef.kind, namespace: ep.targetRef.namespace, name: ep.targetRef.name } } : {}),
        };
        (ep.conditions?.ready !== false ? subset.addresses : subset.notReadyAddresses).push(addr);
      }
    }
  }
  const subsets = [...bySet.values()];
  for (const s of subsets) {
    s.addresses.sort(byIP);
    s.notReadyAddresses.sort(byIP);
  }
  const hostPorts = (addrs: EndpointAddress[], s: EndpointSubset) =>
    s.ports.length === 0 ? addrs.map((a) => a.ip) : s.ports.flatMap((p) => addrs.map((a) => `${a.ip}:${p.port}`));
  return {
    subsets,
    ready: subsets.flatMap((s) => hostPorts(s.addresses, s)).sort(),
    notReady: subsets.flatMap((s) => hostPorts(s.notReadyAddresses, s)).sort(),
    text: formatEndpoints(subsets),
  };
}

/** formatEndpoints (printers.go): at most 3 `ip:port`, then ` + N more...`. */
function formatEndpoints(subsets: EndpointSubset[]): string {
  if (subsets.length === 0) return "<none>";
  const max = 3;
  const list: string[] = [];
  let count = 0;
  let more = false;
  for (const ss of subsets) {
    const rows = ss.ports.length === 0 ? [undefined] : ss.ports;
    for (const port of rows) {
      count += ss.addresses.length;
      for (const a of ss.addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(port ? `${a.ip}:${port.port}` : a.ip);
      }
    }
  }
  const ret = list.join(",");
  return more ? `${ret} + ${count - max} more...` : ret;
}

function byIP(a: EndpointAddress, b: EndpointAddress): number {
  const n = (ip: string) => ip.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
  return n(a.ip) - n(b.ip);
}
