import type { Stored } from "../../../k8s/kinds.ts";
import type { EndpointSlice, Service } from "../../../k8s/schema/service.ts";
import type { Store } from "../../../sim/store.ts";
import { formatLabels } from "../columns/helpers.ts";
import { printAnnotationsMultiline, printLabelsMultiline } from "./common.ts";
import { describeEvents, eventsFor } from "./events.ts";
import { DescribeWriter, LEVEL_0 } from "./writer.ts";

const SERVICE_NAME_LABEL = "kubernetes.io/service-name";
const MAX_ENDPOINTS = 3;

/**
 * describeService. Endpoints come from the Service's EndpointSlices (label
 * kubernetes.io/service-name), as kubectl reads them; the simulator keeps no Endpoints objects.
 */
export function describeService(store: Store, svc: Stored<Service>, nowMs: number): string {
  const w = new DescribeWriter();
  const spec = svc.spec;
  const slices = slicesOf(store, svc);
  w.write(LEVEL_0, `Name:\t${svc.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${svc.metadata.namespace ?? ""}\n`);
  printLabelsMultiline(w, "Labels", svc.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", svc.metadata.annotations);
  w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(LEVEL_0, `Type:\t${spec.type ?? "ClusterIP"}\n`);
  if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(LEVEL_0, `IP Families:\t${spec.ipFamilies && spec.ipFamilies.length > 0 ? spec.ipFamilies.join(",") : "<none>"}\n`);
  w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ""}\n`);
  w.write(LEVEL_0, `IPs:\t${spec.clusterIPs && spec.clusterIPs.length > 0 ? spec.clusterIPs.join(",") : "<none>"}\n`);
  if (spec.externalIPs && spec.externalIPs.length > 0) w.write(LEVEL_0, `External IPs:\t${spec.externalIPs.join(",")}\n`);
  if (spec.loadBalancerIP) w.write(LEVEL_0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
  if (spec.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`);
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  if (ingress.length > 0) w.write(LEVEL_0, `LoadBalancer Ingress:\t${ingress.map((i) => i.ip || i.hostname || "").join(", ")}\n`);
  for (const p of spec.ports ?? []) {
    const name = p.name || "<unset>";
    const proto = p.protocol ?? "TCP";
    w.write(LEVEL_0, `Port:\t${name}\t${p.port}/${proto}\n`);
    w.write(LEVEL_0, `TargetPort:\t${String(p.targetPort ?? p.port)}/${proto}\n`);
    if (p.appProtocol) w.write(LEVEL_0, `AppProtocol:\t${p.appProtocol}\n`);
    if (p.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${p.nodePort}/${proto}\n`);
    w.write(LEVEL_0, `Endpoints:\t${formatEndpointSlices(slices, p.name ?? "")}\n`);
  }
  w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? "None"}\n`);
  if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (spec.healthCheckNodePort) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  if (spec.loadBalancerSourceRanges && spec.loadBalancerSourceRanges.length > 0) {
    w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(",")}\n`);
  }
  describeEvents(w, eventsFor(store, "Service", svc), nowMs);
  return w.toString();
}

function slicesOf(store: Store, svc: Stored<Service>): Stored<EndpointSlice>[] {
  return store.list("EndpointSlice", svc.metadata.namespace).filter((s) => s.metadata.labels?.[SERVICE_NAME_LABEL] === svc.metadata.name);
}

/**
 * The Endpoints line for one service port: ready (or unknown-ready) endpoints as `ip:port`,
 * the first three, then ` + N more...` (formatEndpointSlices, quirks included: the "more" flag
 * is raised by any fourth endpoint, ready or not). kubectl 1.30 read the Endpoints object,
 * whose subsets are empty exactly when no slice has an endpoint: that case prints `<none>`.
 * Slices without ports list bare addresses (headless services).
 */
export function formatEndpointSlices(slices: readonly EndpointSlice[], portName: string): string {
  if (slices.every((s) => (s.endpoints ?? []).length === 0)) return "<none>";
  const list: string[] = [];
  let more = false;
  let count = 0;
  const visit = (e: NonNullable<EndpointSlice["endpoints"]>[number], render: (addr: string) => string) => {
    if (list.length === MAX_ENDPOINTS) more = true;
    if (e.conditions?.ready === false || e.addresses.length === 0) return;
    if (!more) list.push(render(e.addresses[0]));
    count++;
  };
  for (const slice of slices) {
    if (!slice.ports || slice.ports.length === 0) {
      for (const e of slice.endpoints ?? []) visit(e, (a) => a);
      continue;
    }
    for (const port of slice.ports) {
      if ((port.name ?? "") !== portName) continue;
      for (const e of slice.endpoints ?? []) visit(e, (a) => joinHostPort(a, String(port.port ?? 0)));
    }
  }
  const ret = list.join(",");
  return more ? `${ret} + ${count - MAX_ENDPOINTS} more...` : ret;
}

function joinHostPort(host: string, port: string): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}
