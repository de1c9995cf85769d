/**
 * ClusterIP and NodePort allocation, as the Service registry's bitmap allocators do it
 * (pkg/registry/core/service/ipallocator, portallocator, storage/alloc.go): requested values
 * must be in range and free; dynamic values are random, taken first from the upper band of the
 * range (the lower band is kept for static requests, KEP-3070/3668), then from the lower one.
 * Randomness comes from the cluster's generator, passed in as `randomInt`.
 */
import type { FieldError } from "../errors.ts";
import type { Service } from "../schema/service.ts";
import { cidrContains, cidrSize, formatIPv4, parseCIDR } from "../../net/cidr.ts";

export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

export interface AllocationContext {
  serviceCIDR: string;
  /** ClusterIPs held by other Services (and the `kubernetes` Service's `.1`). */
  usedClusterIPs: ReadonlySet<string>;
  /** NodePorts held by other Services. */
  usedNodePorts: ReadonlySet<number>;
  /** Uniform integer in [0, n) from the cluster's random generator. */
  randomInt(n: number): number;
}

/** calculateRangeOffset: the size of the static band at the bottom of a range. */
function rangeOffset(size: number, min: number, max: number, step: number): number {
  if (size <= min) return 0;
  return Math.min(max, Math.max(min, Math.floor(size / step)));
}

/** randomScanStrategyWithOffset: random start in the upper band, scan up with wrap-around, then the lower band. */
function pickFree(size: number, offset: number, taken: (i: number) => boolean, randomInt: (n: number) => number): number | undefined {
  for (const [lo, hi] of [[offset, size], [0, offset]] as const) {
    const n = hi - lo;
    if (n <= 0) continue;
    const start = randomInt(n);
    for (let k = 0; k < n; k++) {
      const i = lo + ((start + k) % n);
      if (!taken(i)) return i;
    }
  }
  return undefined;
}

function allocateClusterIP(svc: Service, ctx: AllocationContext): Result {
  const spec = svc.spec;
  if (spec.type === "ExternalName" || spec.clusterIP === "None") {
    return { svc: spec.clusterIP === "None" ? { ...svc, spec: { ...spec, clusterIPs: ["None"] } } : svc, errors: [] };
  }
  if (spec.clusterIP) {
    const ip = spec.clusterIP;
    const fail = (why: string): Result => ({
      svc,
      errors: [{ field: "spec.clusterIPs", type: "Invalid", value: spec.clusterIPs ?? [ip], detail: `failed to allocate IP ${ip}: ${why}` }],
    });
    if (!cidrContains(ctx.serviceCIDR, ip)) return fail(`the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${ctx.serviceCIDR}`);
    if (ctx.usedClusterIPs.has(ip)) return fail("provided IP is already allocated");
    return { svc, errors: [] };
  }
  const cidr = parseCIDR(ctx.serviceCIDR);
  const size = cidrSize(cidr) - 2; // network and broadcast addresses are never handed out
  const offset = rangeOffset(cidrSize(cidr), 16, 256, 16);
  const first = cidr.base + 1;
  const i = pickFree(size, offset, (k) => ctx.usedClusterIPs.has(formatIPv4(first + k)), ctx.randomInt);
  if (i === undefined) return { svc, errors: [{ field: "spec.clusterIPs", type: "Invalid", value: [], detail: "failed to allocate a serviceIP: range is full" }] };
  const ip = formatIPv4(first + i);
  return { svc: { ...svc, spec: { ...spec, clusterIP: ip, clusterIPs: [ip] } }, errors: [] };
}

function allocateNodePorts(svc: Service, ctx: AllocationContext): Result {
  const spec = svc.spec;
  if (spec.type !== "NodePort" && !(spec.type === "LoadBalancer" && spec.allocateLoadBalancerNodePorts !== false)) return { svc, errors: [] };
  const errors: FieldError[] = [];
  const mine = new Map<number, number>(); // service port ⇒ node port already given within this Service
  const taken = new Set(ctx.usedNodePorts);
  const ports = (spec.ports ?? []).map((p, i) => {
    if (!p.nodePort) return p;
    if (p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX) {
      errors.push({ field: `spec.ports[${i}].nodePort`, type: "Invalid", value: p.nodePort, detail: `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}` });
    } else if (taken.has(p.nodePort) && ![...mine.values()].includes(p.nodePort)) {
      errors.push({ field: `spec.ports[${i}].nodePort`, type: "Invalid", value: p.nodePort, detail: "provided port is already allocated" });
    }
    taken.add(p.nodePort);
    mine.set(p.port, p.nodePort);
    return p;
  });
  if (errors.length) return { svc, errors };
  const size = NODE_PORT_MAX - NODE_PORT_MIN + 1;
  const offset = rangeOffset(size, 16, 128, 32);
  const filled = ports.map((p) => {
    if (p.nodePort) return p;
    // The same port number over TCP and UDP shares one node port.
    const shared = mine.get(p.port);
    if (shared !== undefined) return { ...p, nodePort: shared };
    const i = pickFree(size, offset, (k) => taken.has(NODE_PORT_MIN + k), ctx.randomInt);
    if (i === undefined) {
      errors.push({ field: "spec.ports", type: "Invalid", value: p.port, detail: "failed to allocate a nodePort: range is full" });
      return p;
    }
    taken.add(NODE_PORT_MIN + i);
    mine.set(p.port, NODE_PORT_MIN + i);
    return { ...p, nodePort: NODE_PORT_MIN + i };
  });
  return { svc: { ...svc, spec: { ...spec, ports: filled } }, errors };
}

type Result = { svc: Service; errors: FieldError[] };

/** Allocate what the Service still lacks; errors worded as the registry words them. */
export function allocateServiceAddresses(svc: Service, ctx: AllocationContext): Result {
  const ip = allocateClusterIP(svc, ctx);
  if (ip.errors.length) return ip;
  return allocateNodePorts(ip.svc, ctx);
}

