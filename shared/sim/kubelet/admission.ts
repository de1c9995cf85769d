/**
 * Kubelet pod admission (pkg/kubelet/lifecycle/predicate.go): a pod bound to the node (by
 * the scheduler, or by hand through spec.nodeName) must still fit what the node's admitted,
 * non-terminal pods leave free. A pod that does not fit is rejected: phase Failed, reason
 * `OutOfcpu`, message `Pod was rejected: Node didn't have enough resource: cpu, requested:
 * 4000, used: 1500, capacity: 2000`, and a Warning event with the same reason.
 */
import type { Stored } from "../../k8s/kinds.ts";
import { parseQuantityBytes, parseQuantityMillis } from "../../k8s/quantity.ts";
import type { Node } from "../../k8s/schema/node.ts";
import type { Container, Pod } from "../../k8s/schema/pod.ts";
import type { SimContext } from "../controller.ts";
import { nodeTotals } from "./node-accounting.ts";

export interface PodResources {
  cpuMillis: number;
  memoryBytes: number;
  ephemeralStorageBytes: number;
}

function containerRequests(c: Container): PodResources {
  const r = c.resources?.requests ?? {};
  // A limit without a request defaults the request to the limit (API defaulting).
  const l = c.resources?.limits ?? {};
  const cpu = r.cpu ?? l.cpu;
  const mem = r.memory ?? l.memory;
  const eph = r["ephemeral-storage"] ?? l["ephemeral-storage"];
  return {
    cpuMillis: cpu === undefined ? 0 : parseQuantityMillis(cpu),
    memoryBytes: mem === undefined ? 0 : parseQuantityBytes(mem),
    ephemeralStorageBytes: eph === undefined ? 0 : parseQuantityBytes(eph),
  };
}

/** Effective pod request: sum of app containers, or the largest init container if larger (resourcehelper.PodRequests). */
export function podRequests(pod: Pick<Pod, "spec">): PodResources {
  const sum: PodResources = { cpuMillis: 0, memoryBytes: 0, ephemeralStorageBytes: 0 };
  for (const c of pod.spec.containers) {
    const r = containerRequests(c);
    sum.cpuMillis += r.cpuMillis;
    sum.memoryBytes += r.memoryBytes;
    sum.ephemeralStorageBytes += r.ephemeralStorageBytes;
  }
  for (const c of pod.spec.initContainers ?? []) {
    const r = containerRequests(c);
    sum.cpuMillis = Math.max(sum.cpuMillis, r.cpuMillis);
    sum.memoryBytes = Math.max(sum.memoryBytes, r.memoryBytes);
    sum.ephemeralStorageBytes = Math.max(sum.ephemeralStorageBytes, r.ephemeralStorageBytes);
  }
  return sum;
}

export interface AdmitResult {
  admit: boolean;
  reason?: string;
  /** Without the `Pod was rejected: ` prefix (the event's message). */
  message?: string;
}

/**
 * Check `pod` against the node's allocatable minus the requests of the pods the kubelet
 * already runs there (admitted, not terminal; kept in node-accounting.ts). Only the first insufficient resource is reported, as the kubelet does;
 * the order is the noderesources plugin's: pods, cpu, memory, ephemeral-storage.
 */
export function admitPod(ctx: SimContext, pod: Stored<Pod>, node: Stored<Node>, req: PodResources = podRequests(pod)): AdmitResult {
  const alloc = node.status?.allocatable ?? {};
  const t = nodeTotals(ctx.state, node.metadata.name);
  const used: PodResources = { cpuMillis: t.cpuMillis, memoryBytes: t.memoryBytes, ephemeralStorageBytes: t.ephemeralStorageBytes };
  const podCount = t.pods - (t.counted.has(pod.metadata.uid) ? 1 : 0);
  const checks: [string, number, number, number | undefined][] = [
    ["pods", 1, podCount, alloc.pods === undefined ? undefined : Number(parseQuantityBytes(alloc.pods))],
    ["cpu", req.cpuMillis, used.cpuMillis, alloc.cpu === undefined ? undefined : parseQuantityMillis(alloc.cpu)],
    ["memory", req.memoryBytes, used.memoryBytes, alloc.memory === undefined ? undefined : parseQuantityBytes(alloc.memory)],
    [
      "ephemeral-storage",
      req.ephemeralStorageBytes,
      used.ephemeralStorageBytes,
      alloc["ephemeral-storage"] === undefined ? undefined : parseQuantityBytes(alloc["ephemeral-storage"]),
    ],
  ];
  for (const [name, requested, usedAmount, capacity] of checks) {
    if (capacity === undefined || requested === 0) continue;
    if (requested + usedAmount > capacity) {
      return {
        admit: false,
        reason: `OutOf${name}`,
        message: `Node didn't have enough resource: ${name}, requested: ${requested}, used: ${usedAmount}, capacity: ${capacity}`,
      };
    }
  }
  return { admit: true };
}
