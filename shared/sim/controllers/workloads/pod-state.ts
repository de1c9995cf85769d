import type { Pod } from "../../../k8s/schema/pod.ts";
import { parseTimestamp } from "../../../k8s/time.ts";

/**
 * Pod predicates the workload controllers share (pkg/controller/controller_utils.go,
 * pkg/api/v1/pod/util.go).
 */

/** IsPodActive: not Succeeded, not Failed, not being deleted. An Evicted pod is Failed, so it is replaced. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== "Succeeded" && phase !== "Failed" && !pod.metadata.deletionTimestamp;
}

export function isPodTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === "Succeeded" || phase === "Failed";
}

/** IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return readyCondition(pod)?.status === "True";
}

function readyCondition(pod: Pod) {
  return pod.status?.conditions?.find((c) => c.type === "Ready");
}

/** When the pod last turned Ready, Unix ms; undefined when it is not ready. */
export function podReadySinceMs(pod: Pod): number | undefined {
  const c = readyCondition(pod);
  if (!c || c.status !== "True") return undefined;
  const t = c.lastTransitionTime ? parseTimestamp(c.lastTransitionTime) : NaN;
  return Number.isNaN(t) ? undefined : t;
}

/**
 * IsPodAvailable: ready for strictly more than minReadySeconds (`lastTransitionTime +
 * minReadySeconds` is before now). With minReadySeconds > 0, a Ready condition without a
 * transition time never counts, as in Kubernetes.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = podReadySinceMs(pod);
  return since !== undefined && since + minReadySeconds * 1000 < nowMs;
}

/**
 * How long until a ready but not yet available pod becomes available: the delay for
 * enqueueAfter. undefined when the pod is not ready, already available, or never will be.
 */
export function msUntilAvailable(pod: Pod, minReadySeconds: number, nowMs: number): number | undefined {
  if (minReadySeconds <= 0 || !isPodReady(pod)) return undefined;
  const since = podReadySinceMs(pod);
  if (since === undefined) return undefined;
  const remaining = since + minReadySeconds * 1000 - nowMs;
  return remaining >= 0 ? remaining + 1 : undefined;
}

/** The highest restartCount among the regular containers. */
export function maxContainerRestarts(pod: Pod): number {
  let max = 0;
  for (const c of pod.status?.containerStatuses ?? []) max = Math.max(max, c.restartCount);
  return max;
}

/** Sum of restart counts of all containers, init containers included (the Job's OnFailure backoff). */
export function totalContainerRestarts(pod: Pod): number {
  let n = 0;
  for (const c of pod.status?.initContainerStatuses ?? []) n += c.restartCount;
  for (const c of pod.status?.containerStatuses ?? []) n += c.restartCount;
  return n;
}
