/**
 * Services (pkg/apis/core/validation/validation.go: ValidateService, validateServicePort,
 * ValidateServiceUpdate). Node-port range and "already allocated" checks belong to the
 * allocators and live in defaults/service-allocation.ts.
 */
import type { FieldError } from "../errors.ts";
import type { Service } from "../schema/service.ts";
import { isDNS1123Label, isDNS1123Subdomain, isValidPortName, isValidPortNum } from "./content.ts";
import { validateLabels } from "./meta.ts";

export const isHeadlessService = (svc: Service): boolean => svc.spec?.clusterIP === "None";

function isIPv4(s: string): boolean {
  return /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(s);
}

export function validateService(svc: Service): FieldError[] {
  const spec = svc.spec ?? {};
  const errs: FieldError[] = [];
  const type = spec.type ?? "ClusterIP";
  const ports = spec.ports ?? [];
  const headless = isHeadlessService(svc);
  if (type === "ExternalName") {
    if (!spec.externalName) errs.push({ field: "spec.externalName", type: "Required" });
    else for (const detail of isDNS1123Subdomain(spec.externalName)) errs.push({ field: "spec.externalName", type: "Invalid", value: spec.externalName, detail });
  } else if (ports.length === 0 && !headless) {
    errs.push({ field: "spec.ports", type: "Required" });
  }
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const f = `spec.ports[${i}]`;
    if (ports.length > 1 && !p.name) errs.push({ field: `${f}.name`, type: "Required" });
    else if (p.name) {
      for (const detail of isDNS1123Label(p.name)) errs.push({ field: `${f}.name`, type: "Invalid", value: p.name, detail });
      if (names.has(p.name)) errs.push({ field: `${f}.name`, type: "Duplicate", value: p.name });
      names.add(p.name);
    }
    for (const detail of isValidPortNum(p.port)) errs.push({ field: `${f}.port`, type: "Invalid", value: p.port, detail });
    const tp = p.targetPort;
    if (typeof tp === "number") for (const detail of isValidPortNum(tp)) errs.push({ field: `${f}.targetPort`, type: "Invalid", value: tp, detail });
    if (typeof tp === "string" && tp !== "") for (const detail of isValidPortName(tp)) errs.push({ field: `${f}.targetPort`, type: "Invalid", value: tp, detail });
    if (type === "ClusterIP" && p.nodePort) errs.push({ field: `${f}.nodePort`, type: "Forbidden", detail: "may not be used when `type` is 'ClusterIP'" });
  });
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!p.nodePort) return;
    const key = `${p.protocol ?? "TCP"}/${p.nodePort}`;
    if (nodePorts.has(key)) errs.push({ field: `spec.ports[${i}].nodePort`, type: "Duplicate", value: p.nodePort });
    nodePorts.add(key);
  });
  errs.push(...validateLabels(spec.selector ?? undefined, "spec.selector"));
  const ips = spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : []);
  if (spec.clusterIP && spec.clusterIPs?.length && spec.clusterIPs[0] !== spec.clusterIP) {
    errs.push({ field: "spec.clusterIPs", type: "Invalid", value: spec.clusterIPs, detail: "first value must match `clusterIP`" });
  }
  ips.forEach((ip, i) => {
    if (ip === "None" || ip === "") {
      if ((type === "NodePort" || type === "LoadBalancer") && ip === "None") {
        errs.push({ field: `spec.clusterIPs[${i}]`, type: "Invalid", value: ip, detail: `may not be set to 'None' for ${type} services` });
      }
      return;
    }
    if (type === "ExternalName") errs.push({ field: `spec.clusterIPs[${i}]`, type: "Forbidden", detail: "may not be set for ExternalName services" });
    else if (!isIPv4(ip)) errs.push({ field: `spec.clusterIPs[${i}]`, type: "Invalid", value: ip, detail: "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)" });
  });
  if (spec.externalTrafficPolicy && type !== "NodePort" && type !== "LoadBalancer") {
    errs.push({ field: "spec.externalTrafficPolicy", type: "Invalid", value: spec.externalTrafficPolicy, detail: "may only be set when `type` is 'NodePort' or 'LoadBalancer'" });
  }
  return errs;
}

/** validateUpgradeDowngradeClusterIPs: an allocated ClusterIP stays (unless to/from ExternalName). */
export function validateServiceUpdate(svc: Service, old: Service): FieldError[] {
  if (svc.spec.type === "ExternalName" || old.spec.type === "ExternalName") return [];
  if (isHeadlessService(svc) && isHeadlessService(old)) return [];
  const next = svc.spec.clusterIPs ?? [];
  const prev = old.spec.clusterIPs ?? [];
  const errs: FieldError[] = [];
  if (next.length === prev.length) {
    prev.forEach((ip, i) => {
      if (ip !== next[i]) errs.push({ field: `spec.clusterIPs[${i}]`, type: "Invalid", value: next, detail: "may not change once set" });
    });
  } else if (next.length > 0 && prev.length > 0 && next[0] !== prev[0]) {
    errs.push({ field: "spec.clusterIPs[0]", type: "Invalid", value: next, detail: "may not change once set" });
  }
  return errs;
}
