/**
 * Containers, their ports, probes and resources (pkg/apis/core/validation/validation.go:
 * validateContainers, validateContainerPorts, validateProbe, ValidateResourceRequirements).
 */
import type { FieldError } from "../errors.ts";
import { canonicalizeQuantity, parseQuantityExact, type Quantity } from "../quantity.ts";
import type { Container, Probe } from "../schema/pod.ts";
import { isDNS1123Label, isEnvVarName, isValidPortName, isValidPortNum } from "./content.ts";
import { nonNegative } from "./meta.ts";

const STANDARD_CONTAINER_RESOURCES = new Set(["cpu", "memory", "ephemeral-storage"]);

function cmpQuantity(a: Quantity, b: Quantity): number {
  // Compare a.m·10^a.e with b.m·10^b.e exactly.
  const e = Math.min(a.exponent, b.exponent);
  const x = a.mantissa * 10n ** BigInt(a.exponent - e);
  const y = b.mantissa * 10n ** BigInt(b.exponent - e);
  return x === y ? 0 : x > y ? 1 : -1;
}

/** validateContainerResourceName + ValidateResourceRequirements. */
export function validateResources(r: Container["resources"], field: string): FieldError[] {
  const errs: FieldError[] = [];
  const limits = r?.limits ?? {};
  const requests = r?.requests ?? {};
  const check = (list: Record<string, string | number>, name: string, p: string) => {
    if (!name.includes("/") && !STANDARD_CONTAINER_RESOURCES.has(name) && !name.startsWith("hugepages-")) {
      errs.push({ field: `${p}[${name}]`, type: "Invalid", value: name, detail: "must be a standard resource for containers" });
    }
    const q = parseQuantityExact(list[name]);
    if (q.mantissa < 0n) errs.push({ field: `${p}[${name}]`, type: "Invalid", value: canonicalizeQuantity(list[name]), detail: "must be greater than or equal to 0" });
    return q;
  };
  for (const name of Object.keys(limits).sort()) check(limits, name, `${field}.limits`);
  for (const name of Object.keys(requests).sort()) {
    const req = check(requests, name, `${field}.requests`);
    if (limits[name] === undefined) continue;
    if (cmpQuantity(req, parseQuantityExact(limits[name])) > 0) {
      errs.push({
        field: `${field}.requests`,
        type: "Invalid",
        value: canonicalizeQuantity(requests[name]),
        detail: `must be less than or equal to ${name} limit of ${canonicalizeQuantity(limits[name])}`,
      });
    }
  }
  return errs;
}

function validatePortNumOrName(port: number | string | undefined, field: string): FieldError[] {
  if (port === undefined) return [{ field, type: "Required" }];
  const msgs = typeof port === "number" ? isValidPortNum(port) : isValidPortName(port);
  return msgs.map((detail) => ({ field, type: "Invalid" as const, value: port, detail }));
}

const HANDLERS = ["exec", "httpGet", "tcpSocket", "grpc"] as const;

/** validateProbe + validateHandler: exactly one handler, non-negative numbers. */
export function validateProbe(p: Probe | undefined, field: string): FieldError[] {
  if (!p) return [];
  const errs: FieldError[] = [];
  const present = HANDLERS.filter((h) => p[h] !== undefined);
  if (present.length === 0) errs.push({ field, type: "Required", detail: "must specify a handler type" });
  for (const extra of present.slice(1)) errs.push({ field: `${field}.${extra}`, type: "Forbidden", detail: "may not specify more than 1 handler type" });
  if (p.exec && !(p.exec.command ?? []).length) errs.push({ field: `${field}.exec.command`, type: "Required" });
  if (p.httpGet) {
    if (p.httpGet.path === "") errs.push({ field: `${field}.httpGet.path`, type: "Required" });
    errs.push(...validatePortNumOrName(p.httpGet.port, `${field}.httpGet.port`));
  }
  if (p.tcpSocket) errs.push(...validatePortNumOrName(p.tcpSocket.port, `${field}.tcpSocket.port`));
  if (p.grpc) errs.push(...isValidPortNum(p.grpc.port).map((detail) => ({ field: `${field}.grpc.port`, type: "Invalid" as const, value: p.grpc!.port, detail })));
  for (const f of ["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"] as const) {
    errs.push(...nonNegative(p[f], `${field}.${f}`));
  }
  if (p.terminationGracePeriodSeconds !== undefined && p.terminationGracePeriodSeconds <= 0) {
    errs.push({ field: `${field}.terminationGracePeriodSeconds`, type: "Invalid", value: p.terminationGracePeriodSeconds, detail: "must be greater than 0" });
  }
  return errs;
}

function validatePorts(ports: Container["ports"], field: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((port, i) => {
    const p = `${field}[${i}]`;
    if (port.name) {
      for (const detail of isValidPortName(port.name)) errs.push({ field: `${p}.name`, type: "Invalid", value: port.name, detail });
      if (names.has(port.name)) errs.push({ field: `${p}.name`, type: "Duplicate", value: port.name });
      names.add(port.name);
    }
    if (!port.containerPort) errs.push({ field: `${p}.containerPort`, type: "Required" });
    else for (const detail of isValidPortNum(port.containerPort)) errs.push({ field: `${p}.containerPort`, type: "Invalid", value: port.containerPort, detail });
    if (port.hostPort) for (const detail of isValidPortNum(port.hostPort)) errs.push({ field: `${p}.hostPort`, type: "Invalid", value: port.hostPort, detail });
  });
  return errs;
}

/**
 * validateInitContainers / validateContainers. `allNames` is shared between both lists, as
 * container names must be unique across the pod.
 */
export function validateContainers(containers: Container[] | undefined, field: string, allNames: Set<string>, init: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (!init && !(containers ?? []).length) return [{ field, type: "Required" }];
  (containers ?? []).forEach((c, i) => {
    const p = `${field}[${i}]`;
    if (!c.name) errs.push({ field: `${p}.name`, type: "Required" });
    else {
      for (const detail of isDNS1123Label(c.name)) errs.push({ field: `${p}.name`, type: "Invalid", value: c.name, detail });
      if (allNames.has(c.name)) errs.push({ field: `${p}.name`, type: "Duplicate", value: c.name });
      allNames.add(c.name);
    }
    if (!c.image) errs.push({ field: `${p}.image`, type: "Required" });
    else if (c.image.trim() !== c.image) errs.push({ field: `${p}.image`, type: "Invalid", value: c.image, detail: "must not have leading or trailing whitespace" });
    errs.push(...validatePorts(c.ports, `${p}.ports`));
    (c.env ?? []).forEach((e, j) => {
      if (!e.name) errs.push({ field: `${p}.env[${j}].name`, type: "Required" });
      else for (const detail of isEnvVarName(e.name)) errs.push({ field: `${p}.env[${j}].name`, type: "Invalid", value: e.name, detail });
    });
    errs.push(...validateResources(c.resources, `${p}.resources`));
    if (init && c.restartPolicy !== "Always") {
      for (const probe of ["livenessProbe", "readinessProbe", "startupProbe"] as const) {
        if (c[probe]) errs.push({ field: `${p}.${probe}`, type: "Forbidden", detail: "may not be set for init containers without restartPolicy=Always" });
      }
      return;
    }
    errs.push(...validateProbe(c.livenessProbe, `${p}.livenessProbe`));
    errs.push(...validateProbe(c.readinessProbe, `${p}.readinessProbe`));
    errs.push(...validateProbe(c.startupProbe, `${p}.startupProbe`));
    for (const probe of ["livenessProbe", "startupProbe"] as const) {
      const st = c[probe]?.successThreshold;
      if (st !== undefined && st !== 1) errs.push({ field: `${p}.${probe}.successThreshold`, type: "Invalid", value: st, detail: "must be 1" });
    }
  });
  return errs;
}
