/**
 * The core/v1 Endpoints of a Service, derived from its EndpointSlices (the simulator runs the
 * EndpointSlice controller only; the Endpoints controller's output is computed on read, which
 * shows exactly what it would store), and the `kubectl get endpoints` table (printEndpoints).
 */
import type { Stored } from "../k8s/kinds.ts";
import type { ObjectMeta } from "../k8s/schema/meta.ts";
import type { Service } from "../k8s/schema/service.ts";
import { translateTimestampSince } from "../k8s/printers/timestamp.ts";
import type { Store } from "../sim/store.ts";
import { formatLabels } from "./printers/columns/helpers.ts";
import { tabwrite, TABLE_TABWRITER } from "./printers/tabwriter.ts";

export interface EndpointAddress {
  ip: string;
  nodeName?: string;
  targetRef?: { kind: string; namespace?: string; name: string; uid?: string };
}

export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: { name?: string; port: number; protocol: string }[];
}

export interface Endpoints {
  apiVersion: "v1";
  kind: "Endpoints";
  metadata: ObjectMeta & { name: string; namespace: string; creationTimestamp: string };
  subsets?: EndpointSubset[];
}

const SERVICE_NAME_LABEL = "kubernetes.io/service-name";

/** The Endpoints object the endpoints controller keeps for a Service with a selector (undefined without one). */
export function endpointsForService(store: Store, svc: Stored<Service>): Endpoints | undefined {
  if (!svc.spec.selector || Object.keys(svc.spec.selector).length === 0) return undefined;
  const ns = svc.metadata.namespace ?? "default";
  const bySignature = new Map<string, EndpointSubset>();
  for (const key of [...store.namespaceKeys("EndpointSlice", ns)].sort()) {
    const slice = store.get("EndpointSlice", key);
    if (!slice || slice.metadata.labels?.[SERVICE_NAME_LABEL] !== svc.metadata.name) continue;
    const ports = (slice.ports ?? []).map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.port ?? 0, protocol: p.protocol ?? "TCP" }));
    const sig = JSON.stringify(ports);
    let subset = bySignature.get(sig);
    if (!subset) bySignature.set(sig, (subset = { ports }));
    for (const ep of slice.endpoints ?? []) {
      if (ep.conditions?.terminating) continue;
      for (const ip of ep.addresses) {
        const addr: EndpointAddress = { ip, ...(ep.nodeName ? { nodeName: ep.nodeName } : {}), ...(ep.targetRef ? { targetRef: ep.targetRef } : {}) };
        if (ep.conditions?.ready !== false) (subset.addresses ??= []).push(addr);
        else (subset.notReadyAddresses ??= []).push(addr);
      }
    }
  }
  // RepackSubsets sorts addresses by IP; subsets with no address at all are dropped.
  const byIp = (a: EndpointAddress, b: EndpointAddress) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0);
  const subsets = [...bySignature.values()]
    .filter((s) => s.addresses?.length || s.notReadyAddresses?.length)
    .map((s) => ({ ...(s.addresses ? { addresses: s.addresses.sort(byIp) } : {}), ...(s.notReadyAddresses ? { notReadyAddresses: s.notReadyAddresses.sort(byIp) } : {}), ...(s.ports?.length ? { ports: s.ports } : {}) }));
  return {
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: {
      name: svc.metadata.name,
      namespace: ns,
      creationTimestamp: svc.metadata.creationTimestamp,
      ...(svc.metadata.labels ? { labels: svc.metadata.labels } : {}),
    },
    ...(subsets.length ? { subsets } : {}),
  };
}

/** formatEndpoints: the first three `ip:port`, then `+ N more...`; `<none>` without subsets. */
export function formatEndpoints(ep: Endpoints): string {
  if (!ep.subsets?.length) return "<none>";
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of ep.subsets) {
    const addrs = ss.addresses ?? [];
    if (!ss.ports?.length) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) { more = true; break; }
        list.push(a.ip);
      }
      continue;
    }
    for (const p of ss.ports) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) { more = true; break; }
        list.push(`${a.ip}:${p.port}`);
      }
    }
  }
  const ret = list.join(",");
  return more ? `${ret} + ${count - max} more...` : ret;
}

export interface EndpointsTableOptions {
  nowMs: number;
  allNamespaces?: boolean;
  showLabels?: boolean;
  labelColumns?: string[];
  noHeaders?: boolean;
  showKind?: boolean;
}

/** `kubectl get endpoints`: NAME ENDPOINTS AGE. */
export function printEndpointsTable(items: readonly Endpoints[], o: EndpointsTableOptions): string {
  if (items.length === 0) return "";
  const labelKeys = o.labelColumns ?? [];
  const header = [...(o.allNamespaces ? ["NAMESPACE"] : []), "NAME", "ENDPOINTS", "AGE", ...labelKeys.map((k) => k.split("/").pop()!.toUpperCase()), ...(o.showLabels ? ["LABELS"] : [])];
  const rows = o.noHeaders ? [] : [header];
  for (const ep of items) {
    const labels = ep.metadata.labels ?? {};
    rows.push([
      ...(o.allNamespaces ? [ep.metadata.namespace] : []),
      o.showKind ? `endpoints/${ep.metadata.name}` : ep.metadata.name,
      formatEndpoints(ep),
      translateTimestampSince(ep.metadata.creationTimestamp, o.nowMs),
      ...labelKeys.map((k) => labels[k] ?? ""),
      ...(o.showLabels ? [formatLabels(labels)] : []),
    ]);
  }
  return tabwrite(rows.map((r) => r.join("\t") + "\n").join(""), TABLE_TABWRITER);
}

/** describeEndpoints: subsets with their ready and not-ready addresses and ports. */
export function describeEndpoints(ep: Endpoints): string {
  const lines: string[] = [];
  const labels = Object.entries(ep.metadata.labels ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${v}`);
  lines.push(`Name:\t${ep.metadata.name}`, `Namespace:\t${ep.metadata.namespace}`);
  lines.push(`Labels:\t${labels.length ? labels.join("\n\t") : "<none>"}`, `Annotations:\t<none>`, `Subsets:`);
  for (const ss of ep.subsets ?? []) {
    const ips = (a?: EndpointAddress[]) => (a?.length ? a.map((x) => x.ip).join(",") : "<none>");
    lines.push(`  Addresses:\t${ips(ss.addresses)}`, `  NotReadyAddresses:\t${ips(ss.notReadyAddresses)}`);
    if (ss.ports?.length) {
      lines.push(`  Ports:`, `    Name\tPort\tProtocol`, `    ----\t----\t--------`);
      for (const p of ss.ports) lines.push(`    ${p.name || "<unset>"}\t${p.port}\t${p.protocol}`);
    }
    lines.push("");
  }
  lines.push(`Events:\t<none>`);
  return tabwrite(lines.join("\n") + "\n", { minWidth: 0, padding: 2 });
}
