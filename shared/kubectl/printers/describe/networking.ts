import type { Stored } from "../../../k8s/kinds.ts";
import type { Ingress, NetworkPolicy } from "../../../k8s/schema/networking.ts";
import { formatTimestamp, parseTimestamp } from "../../../k8s/time.ts";
import type { Store } from "../../../sim/store.ts";
import { formatLabelSelector } from "../columns/helpers.ts";
import { ingressAddress } from "../columns/networking.ts";
import { printAnnotationsMultiline, printLabelsMultiline } from "./common.ts";
import { describeEvents, eventsFor } from "./events.ts";
import { formatEndpointSlices } from "./service.ts";
import { DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2 } from "./writer.ts";

type Backend = NonNullable<NonNullable<Ingress["spec"]>["defaultBackend"]>;

/** describeIngressV1. */
export function describeIngress(store: Store, ing: Stored<Ingress>, nowMs: number): string {
  const w = new DescribeWriter();
  const ns = ing.metadata.namespace ?? "default";
  const spec = ing.spec ?? {};
  w.write(LEVEL_0, `Name:\t${ing.metadata.name}\n`);
  printLabelsMultiline(w, "Labels", ing.metadata.labels);
  w.write(LEVEL_0, `Namespace:\t${ns}\n`);
  w.write(LEVEL_0, `Address:\t${ingressAddress(ing)}\n`);
  w.write(LEVEL_0, `Ingress Class:\t${spec.ingressClassName ?? "<none>"}\n`);
  const def = spec.defaultBackend ? describeBackend(store, ns, spec.defaultBackend) : "<default>";
  w.write(LEVEL_0, `Default backend:\t${def}\n`);
  if (spec.tls && spec.tls.length > 0) {
    w.write(LEVEL_0, "TLS:\n");
    for (const t of spec.tls) {
      const hosts = (t.hosts ?? []).join(",");
      w.write(LEVEL_1, t.secretName ? `${t.secretName} terminates ${hosts}\n` : `SNI routes ${hosts}\n`);
    }
  }
  w.write(LEVEL_0, "Rules:\n  Host\tPath\tBackends\n");
  w.write(LEVEL_1, "----\t----\t--------\n");
  let count = 0;
  for (const rule of spec.rules ?? []) {
    if (!rule.http) continue;
    count++;
    w.write(LEVEL_1, `${rule.host || "*"}\t\n`);
    for (const p of rule.http.paths) w.write(LEVEL_2, `\t${p.path ?? ""} \t${describeBackend(store, ns, p.backend)}\n`);
  }
  if (count === 0) w.write(LEVEL_1, `*\t*\t${def}\n`);
  printAnnotationsMultiline(w, "Annotations", ing.metadata.annotations);
  describeEvents(w, eventsFor(store, "Ingress", ing), nowMs);
  return w.toString();
}

/**
 * describeBackendV1: `svc:port (endpoints)`. kubectl 1.30 fetched the Endpoints object first,
 * so a missing Service reads as a missing Endpoints object.
 */
function describeBackend(store: Store, ns: string, backend: Backend): string {
  const sb = backend.service;
  if (!sb) return "";
  const label = `${sb.name}:${sb.port.number ? sb.port.number : sb.port.name ?? ""}`;
  const svc = store.get("Service", `${ns}/${sb.name}`);
  if (!svc) return `${label} (<error: endpoints "${sb.name}" not found>)`;
  let spName = "";
  for (const sp of svc.spec.ports ?? []) {
    if (sb.port.number && sb.port.number === sp.port) spName = sp.name ?? "";
    else if (sb.port.name && sb.port.name === sp.name) spName = sp.name ?? "";
  }
  const slices = store.list("EndpointSlice", ns).filter((s) => s.metadata.labels?.["kubernetes.io/service-name"] === sb.name);
  return `${label} (${formatEndpointSlices(slices, spName)})`;
}

/** describeNetworkPolicy. `Created on` is metav1.Time's String(): `2025-01-01 09:00:00 +0000 UTC`. */
export function describeNetworkPolicy(np: Stored<NetworkPolicy>): string {
  const w = new DescribeWriter();
  const iso = formatTimestamp(parseTimestamp(np.metadata.creationTimestamp));
  w.write(LEVEL_0, `Name:\t${np.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${np.metadata.namespace ?? ""}\n`);
  w.write(LEVEL_0, `Created on:\t${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000 UTC\n`);
  printLabelsMultiline(w, "Labels", np.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", np.metadata.annotations);
  const spec = np.spec;
  w.write(LEVEL_0, "Spec:\n");
  w.write(LEVEL_1, "PodSelector: ");
  const sel = spec.podSelector;
  const empty = Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0;
  w.write(LEVEL_2, empty ? "<none> (Allowing the specific traffic to all pods in this namespace)\n" : `${formatLabelSelector(sel)}\n`);
  const types = spec.policyTypes ?? [];
  if (types.includes("Ingress")) {
    w.write(LEVEL_1, "Allowing ingress traffic:\n");
    printRules(w, spec.ingress ?? [], "From", "source", "ingress");
  } else {
    w.write(LEVEL_1, "Not affecting ingress traffic\n");
  }
  if (types.includes("Egress")) {
    w.write(LEVEL_1, "Allowing egress traffic:\n");
    printRules(w, (spec.egress ?? []).map((e) => ({ ports: e.ports, from: e.to })), "To", "destination", "egress");
  } else {
    w.write(LEVEL_1, "Not affecting egress traffic\n");
  }
  w.write(LEVEL_1, `Policy Types: ${types.length > 0 ? types.join(", ") : "<none>"}\n`);
  return w.toString();
}

type Rule = NonNullable<NetworkPolicy["spec"]["ingress"]>[number];

/** printNetworkPolicySpecIngressFrom / EgressTo (they differ only in words). */
function printRules(w: DescribeWriter, rules: readonly Rule[], peerWord: string, restrictWord: string, dir: string): void {
  const indent = "    ";
  if (rules.length === 0) {
    w.write(LEVEL_0, `${indent}<none> (Selected pods are isolated for ${dir} connectivity)\n`);
    return;
  }
  rules.forEach((rule, i) => {
    if (!rule.ports || rule.ports.length === 0) {
      w.write(LEVEL_0, `${indent}To Port: <any> (traffic allowed to all ports)\n`);
    } else {
      for (const p of rule.ports) {
        const proto = p.protocol ?? "TCP";
        const port = String(p.port ?? "");
        w.write(LEVEL_0, p.endPort == null ? `${indent}To Port: ${port}/${proto}\n` : `${indent}To Port Range: ${port}-${p.endPort}/${proto}\n`);
      }
    }
    if (!rule.from || rule.from.length === 0) {
      w.write(LEVEL_0, `${indent}${peerWord}: <any> (traffic not restricted by ${restrictWord})\n`);
    } else {
      for (const peer of rule.from) {
        w.write(LEVEL_0, `${indent}${peerWord}:\n`);
        if (peer.namespaceSelector) w.write(LEVEL_1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
        if (peer.podSelector) w.write(LEVEL_1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
        if (!peer.namespaceSelector && !peer.podSelector && peer.ipBlock) {
          w.write(LEVEL_1, `${indent}IPBlock:\n`);
          w.write(LEVEL_2, `${indent}CIDR: ${peer.ipBlock.cidr}\n`);
          w.write(LEVEL_2, `${indent}Except: ${(peer.ipBlock.except ?? []).join(", ")}\n`);
        }
      }
    }
    if (i !== rules.length - 1) w.write(LEVEL_0, `${indent}----------\n`);
  });
}
