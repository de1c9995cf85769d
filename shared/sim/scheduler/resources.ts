import { parseQuantityBytes, parseQuantityMillis } from "../../k8s/quantity.ts";
import type { Node } from "../../k8s/schema/node.ts";
import type { Container, Pod } from "../../k8s/schema/pod.ts";

/** What the scheduler counts of a pod: integers, as framework.Resource does. */
export interface PodRequest {
  cpuMillis: number;
  memoryBytes: number;
  /** With 100m / 200Mi for containers that request nothing (the scoring plugins' view). */
  nonZeroCpuMillis: number;
  nonZeroMemoryBytes: number;
  /** `protocol/hostIP/hostPort` of every container port with a hostPort. */
  hostPorts: string[];
}

/** schedutil.DefaultMilliCPURequest and DefaultMemoryRequest: what scoring assumes for a container without requests. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/**
 * Parses quantities once per distinct string: a Deployment's 30,000 pods share a handful.
 * The cache belongs to one scheduler instance (derived data, never persisted).
 */
export class QuantityCache {
  private readonly millis = new Map<string, number>();
  private readonly bytes = new Map<string, number>();

  cpuMillis(q: string | number | undefined): number {
    return q === undefined ? 0 : cached(this.millis, q, parseQuantityMillis);
  }

  byteValue(q: string | number | undefined): number {
    return q === undefined ? 0 : cached(this.bytes, q, parseQuantityBytes);
  }
}

function cached(map: Map<string, number>, q: string | number, parse: (q: string | number) => number): number {
  const k = String(q);
  let v = map.get(k);
  if (v === undefined) {
    try {
      v = parse(q);
    } catch {
      // Validation rejects bad quantities; an object that slipped through requests nothing.
      v = 0;
    }
    map.set(k, v);
  }
  return v;
}

/**
 * The pod's effective request (computePodResourceRequest / resourcehelper.PodRequests): the
 * sum over containers, raised to the largest init container per resource, because init
 * containers run one at a time before the others start.
 *
 * Simplification: restartable init containers (sidecars) are counted like other init
 * containers, and pod overhead is ignored (no RuntimeClass is simulated).
 */
export function podRequest(pod: Pick<Pod, "spec">, q: QuantityCache): PodRequest {
  let cpu = 0;
  let mem = 0;
  let nzCpu = 0;
  let nzMem = 0;
  const hostPorts: string[] = [];
  for (const c of pod.spec.containers) {
    const r = c.resources?.requests;
    const cCpu = q.cpuMillis(r?.cpu);
    const cMem = q.byteValue(r?.memory);
    cpu += cCpu;
    mem += cMem;
    nzCpu += r?.cpu === undefined ? DEFAULT_MILLI_CPU_REQUEST : cCpu;
    nzMem += r?.memory === undefined ? DEFAULT_MEMORY_REQUEST : cMem;
    collectHostPorts(c, hostPorts);
  }
  for (const c of pod.spec.initContainers ?? []) {
    const r = c.resources?.requests;
    const cCpu = q.cpuMillis(r?.cpu);
    const cMem = q.byteValue(r?.memory);
    cpu = Math.max(cpu, cCpu);
    mem = Math.max(mem, cMem);
    nzCpu = Math.max(nzCpu, r?.cpu === undefined ? DEFAULT_MILLI_CPU_REQUEST : cCpu);
    nzMem = Math.max(nzMem, r?.memory === undefined ? DEFAULT_MEMORY_REQUEST : cMem);
    collectHostPorts(c, hostPorts);
  }
  return { cpuMillis: cpu, memoryBytes: mem, nonZeroCpuMillis: nzCpu, nonZeroMemoryBytes: nzMem, hostPorts };
}

function collectHostPorts(c: Container, out: string[]): void {
  for (const p of c.ports ?? []) {
    if (p.hostPort && p.hostPort > 0) out.push(`${p.protocol ?? "TCP"}/${p.hostIP || "0.0.0.0"}/${p.hostPort}`);
  }
}

/** Whether two `protocol/ip/port` host ports conflict (0.0.0.0 overlaps every address). */
export function hostPortsConflict(a: string, b: string): boolean {
  if (a === b) return true;
  const [pa, ia, na] = a.split("/");
  const [pb, ib, nb] = b.split("/");
  return pa === pb && na === nb && (ia === "0.0.0.0" || ib === "0.0.0.0");
}

/** Node status.allocatable as integers. */
export function nodeAllocatable(node: Pick<Node, "status">, q: QuantityCache): { cpuMillis: number; memoryBytes: number; pods: number } {
  const a = node.status?.allocatable ?? {};
  return { cpuMillis: q.cpuMillis(a.cpu), memoryBytes: q.byteValue(a.memory), pods: q.byteValue(a.pods) };
}
