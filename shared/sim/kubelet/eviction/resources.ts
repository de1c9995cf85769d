import type { Container, Pod } from "../../../k8s/schema/pod.ts";
import { canonicalizeQuantity, parseQuantityBytes } from "../../../k8s/quantity.ts";

/** The resources node-pressure eviction reclaims (v1.ResourceMemory, v1.ResourceEphemeralStorage). */
export type ReclaimableResource = "memory" | "ephemeral-storage";

/** scheduling.SystemCriticalPriority: pods at or above it are never evicted nor refused (kubelettypes.IsCriticalPod). */
export const SYSTEM_CRITICAL_PRIORITY = 2_000_000_000;

/**
 * A container's request as the API server leaves it: an unset request defaults to the limit
 * (pkg/apis/core/v1/defaults.go), so a limit-only container requests its limit. Undefined when
 * neither is set.
 */
function requestQuantity(c: Pick<Container, "resources">, resource: ReclaimableResource): string | number | undefined {
  return c.resources?.requests?.[resource] ?? c.resources?.limits?.[resource];
}

export function containerRequestBytes(c: Pick<Container, "resources">, resource: ReclaimableResource): number {
  const q = requestQuantity(c, resource);
  return q === undefined ? 0 : parseQuantityBytes(q);
}

/** The request as Quantity.String() prints it in eviction messages: "100Mi", or "0" when unset. */
export function containerRequestString(c: Pick<Container, "resources">, resource: ReclaimableResource): string {
  const q = requestQuantity(c, resource);
  return q === undefined ? "0" : canonicalizeQuantity(q);
}

/**
 * GetResourceRequestQuantity (pkg/api/v1/resource): the sum over app containers (and sidecars,
 * init containers with restartPolicy Always), or the largest plain init container if bigger.
 * Simplification: pod overhead and pod-level resources are not modelled.
 */
export function podRequestBytes(pod: Pick<Pod, "spec">, resource: ReclaimableResource): number {
  let sum = 0;
  for (const c of pod.spec.containers) sum += containerRequestBytes(c, resource);
  let maxInit = 0;
  for (const c of pod.spec.initContainers ?? []) {
    const r = containerRequestBytes(c, resource);
    if (c.restartPolicy === "Always") sum += r;
    else maxInit = Math.max(maxInit, r);
  }
  return Math.max(sum, maxInit);
}

/** corev1helpers.PodPriority: spec.priority, 0 when unset. */
export function podPriority(pod: Pick<Pod, "spec">): number {
  return pod.spec.priority ?? 0;
}

/** kubelettypes.IsCriticalPod, minus static and mirror pods (the simulator has none). */
export function isCriticalPod(pod: Pick<Pod, "spec">): boolean {
  return podPriority(pod) >= SYSTEM_CRITICAL_PRIORITY;
}

/**
 * v1qos.GetPodQOS == BestEffort: no container (init containers included) sets a non-zero
 * cpu or memory request or limit (pkg/apis/core/v1/helper/qos/qos.go).
 */
export function isBestEffort(pod: Pick<Pod, "spec">): boolean {
  for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
    for (const list of [c.resources?.requests, c.resources?.limits]) {
      for (const r of ["cpu", "memory"]) {
        const q = list?.[r];
        if (q !== undefined && parseQuantityBytes(q) !== 0) return false;
      }
    }
  }
  return true;
}
