import type { Stored } from "../../../k8s/kinds.ts";
import type { ConfigMap, KubeEvent, Namespace, PriorityClass, Secret } from "../../../k8s/schema/misc.ts";
import type { EndpointSlice } from "../../../k8s/schema/service.ts";
import type { Store } from "../../../sim/store.ts";
import { formatLabels } from "../columns/helpers.ts";
import { printAnnotationsMultiline, printLabelsMultiline } from "./common.ts";
import { describeEvents, eventsFor } from "./events.ts";
import { DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3 } from "./writer.ts";

/**
 * ConfigMapDescriber as of kubectl 1.30: each key, a `----` rule, the value; no blank line
 * between entries (that came in 1.31). Keys are sorted: Go ranged over the map in random order.
 */
export function describeConfigMap(store: Store, cm: Stored<ConfigMap>, nowMs: number): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${cm.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${cm.metadata.namespace ?? ""}\n`);
  printLabelsMultiline(w, "Labels", cm.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", cm.metadata.annotations);
  w.write(LEVEL_0, "\nData\n====\n");
  for (const k of Object.keys(cm.data ?? {}).sort()) {
    w.write(LEVEL_0, `${k}:\n----\n`);
    w.write(LEVEL_0, `${cm.data![k]}\n`);
  }
  w.write(LEVEL_0, "\nBinaryData\n====\n");
  for (const k of Object.keys(cm.binaryData ?? {}).sort()) {
    w.write(LEVEL_0, `${k}: ${base64Length(cm.binaryData![k])} bytes\n`);
  }
  w.write(LEVEL_0, "\n");
  describeEvents(w, eventsFor(store, "ConfigMap", cm), nowMs);
  return w.toString();
}

/** describeSecret: sizes only, never values (except a service-account token). */
export function describeSecret(secret: Stored<Secret>): string {
  const w = new DescribeWriter();
  const type = secret.type ?? "Opaque";
  w.write(LEVEL_0, `Name:\t${secret.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${secret.metadata.namespace ?? ""}\n`);
  printLabelsMultiline(w, "Labels", secret.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", secret.metadata.annotations);
  w.write(LEVEL_0, `\nType:\t${type}\n`);
  w.write(LEVEL_0, "\nData\n====\n");
  for (const k of Object.keys(secret.data ?? {}).sort()) {
    const v = secret.data![k];
    if (k === "token" && type === "kubernetes.io/service-account-token") w.write(LEVEL_0, `${k}:\t${decodeBase64(v)}\n`);
    else w.write(LEVEL_0, `${k}:\t${base64Length(v)} bytes\n`);
  }
  return w.toString();
}

/** describeNamespace: quotas and limit ranges are not simulated, so both report none. */
export function describeNamespace(ns: Stored<Namespace>): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${ns.metadata.name}\n`);
  printLabelsMultiline(w, "Labels", ns.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", ns.metadata.annotations);
  w.write(LEVEL_0, `Status:\t${ns.status?.phase ?? "Active"}\n`);
  w.write(LEVEL_0, "\n");
  w.write(LEVEL_0, "No resource quota.\n");
  w.write(LEVEL_0, "\n");
  w.write(LEVEL_0, "No LimitRange resource.\n");
  return w.toString();
}

/** describePriorityClass (preemptionPolicy reads its default, PreemptLowerPriority, when unset). */
export function describePriorityClass(store: Store, pc: Stored<PriorityClass>, nowMs: number): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${pc.metadata.name}\n`);
  w.write(LEVEL_0, `Value:\t${pc.value}\n`);
  w.write(LEVEL_0, `GlobalDefault:\t${pc.globalDefault ?? false}\n`);
  w.write(LEVEL_0, `PreemptionPolicy:\t${pc.preemptionPolicy ?? "PreemptLowerPriority"}\n`);
  w.write(LEVEL_0, `Description:\t${pc.description ?? ""}\n`);
  w.write(LEVEL_0, `Annotations:\t${formatLabels(pc.metadata.annotations)}\n`);
  describeEvents(w, eventsFor(store, "PriorityClass", pc), nowMs);
  return w.toString();
}

/** describeEndpointSliceV1. */
export function describeEndpointSlice(store: Store, eps: Stored<EndpointSlice>, nowMs: number): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${eps.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${eps.metadata.namespace ?? ""}\n`);
  printLabelsMultiline(w, "Labels", eps.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", eps.metadata.annotations);
  w.write(LEVEL_0, `AddressType:\t${eps.addressType}\n`);
  const ports = eps.ports ?? [];
  if (ports.length === 0) {
    w.write(LEVEL_0, "Ports: <unset>\n");
  } else {
    w.write(LEVEL_0, "Ports:\n");
    w.write(LEVEL_1, "Name\tPort\tProtocol\n");
    w.write(LEVEL_1, "----\t----\t--------\n");
    for (const p of ports) w.write(LEVEL_1, `${p.name || "<unset>"}\t${p.port != null ? p.port : "<unset>"}\t${p.protocol ?? "TCP"}\n`);
  }
  const endpoints = eps.endpoints ?? [];
  if (endpoints.length === 0) {
    w.write(LEVEL_0, "Endpoints: <none>\n");
  } else {
    w.write(LEVEL_0, "Endpoints:\n");
    for (const e of endpoints) {
      w.write(LEVEL_1, `- Addresses:\t${e.addresses.join(", ") || "<none>"}\n`);
      w.write(LEVEL_2, "Conditions:\n");
      w.write(LEVEL_3, `Ready:\t${e.conditions?.ready != null ? String(e.conditions.ready) : "<unset>"}\n`);
      w.write(LEVEL_2, `Hostname:\t${e.hostname ?? "<unset>"}\n`);
      if (e.targetRef) w.write(LEVEL_2, `TargetRef:\t${e.targetRef.kind}/${e.targetRef.name}\n`);
      w.write(LEVEL_2, `NodeName:\t${e.nodeName ?? "<unset>"}\n`);
      w.write(LEVEL_2, `Zone:\t${e.zone ?? "<unset>"}\n`);
    }
  }
  describeEvents(w, eventsFor(store, "EndpointSlice", eps), nowMs);
  return w.toString();
}

/**
 * Events have no describer of their own: kubectl falls back to its generic describer, which
 * prints every field. This is the part of that listing a player reads.
 * Simplification: the generic describer's full field walk is not reproduced.
 */
export function describeEvent(ev: Stored<KubeEvent>): string {
  const w = new DescribeWriter();
  const io = ev.involvedObject;
  w.write(LEVEL_0, `Name:\t${ev.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${ev.metadata.namespace ?? ""}\n`);
  printLabelsMultiline(w, "Labels", ev.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", ev.metadata.annotations);
  w.write(LEVEL_0, `API Version:\tv1\n`);
  w.write(LEVEL_0, `Count:\t${ev.count}\n`);
  w.write(LEVEL_0, `First Timestamp:\t${ev.firstTimestamp}\n`);
  w.write(LEVEL_0, "Involved Object:\n");
  if (io.apiVersion) w.write(LEVEL_1, `API Version:\t${io.apiVersion}\n`);
  if (io.fieldPath) w.write(LEVEL_1, `Field Path:\t${io.fieldPath}\n`);
  w.write(LEVEL_1, `Kind:\t${io.kind}\n`);
  w.write(LEVEL_1, `Name:\t${io.name}\n`);
  if (io.namespace) w.write(LEVEL_1, `Namespace:\t${io.namespace}\n`);
  if (io.uid) w.write(LEVEL_1, `UID:\t${io.uid}\n`);
  w.write(LEVEL_0, "Kind:\tEvent\n");
  w.write(LEVEL_0, `Last Timestamp:\t${ev.lastTimestamp}\n`);
  w.write(LEVEL_0, `Message:\t${ev.message}\n`);
  w.write(LEVEL_0, `Reason:\t${ev.reason}\n`);
  w.write(LEVEL_0, "Source:\n");
  if (ev.source.component) w.write(LEVEL_1, `Component:\t${ev.source.component}\n`);
  if (ev.source.host) w.write(LEVEL_1, `Host:\t${ev.source.host}\n`);
  w.write(LEVEL_0, `Type:\t${ev.type}\n`);
  w.write(LEVEL_0, "Events:\t<none>\n");
  return w.toString();
}

/** Decoded length of a base64 string (what len(secret.Data[k]) counts). */
function base64Length(b64: string): number {
  const clean = b64.replace(/\s/g, "");
  const pad = clean.endsWith("==") ? 2 : clean.endsWith("=") ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - pad;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function decodeBase64(b64: string): string {
  let bits = 0;
  let acc = 0;
  let out = "";
  for (const ch of b64.replace(/[\s=]/g, "")) {
    acc = (acc << 6) | B64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((acc >> bits) & 0xff);
    }
  }
  return out;
}
