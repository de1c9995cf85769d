import type { Condition } from "../../../k8s/schema/meta.ts";
import type { ContainerStatus, PodStatus } from "../../../k8s/schema/pod.ts";
import { EVICTED_REASON } from "./message.ts";

/** v1.PodReasonTerminationByKubelet, on the DisruptionTarget condition of an evicted pod. */
export const TERMINATION_BY_KUBELET = "TerminationByKubelet";

/**
 * The status an evicted pod ends with (TerminatePodAbnormallyAndWait with Evict, then
 * generateAPIPodStatus for a Failed pod): phase Failed, reason `Evicted`, the eviction message,
 * a `DisruptionTarget` condition (reason TerminationByKubelet), Ready and ContainersReady False
 * with reason PodFailed, and every container terminated.
 * Simplification: containers are killed at once (the real grace period override is 1 s) and a
 * running container is reported as SIGKILLed (exit code 137, reason Error); one that never
 * started reads ContainerStatusUnknown, as the kubelet reports a container it cannot locate.
 */
export function evictedPodStatus(status: PodStatus | undefined, message: string, nowIso: string): PodStatus {
  const old = status ?? {};
  const conditions: Condition[] = [
    { type: "DisruptionTarget", status: "True", lastProbeTime: null, lastTransitionTime: nowIso, reason: TERMINATION_BY_KUBELET, message },
  ];
  for (const c of old.conditions ?? []) {
    if (c.type === "DisruptionTarget") continue;
    if (c.type === "Ready" || c.type === "ContainersReady") {
      conditions.push({
        ...c,
        status: "False",
        reason: "PodFailed",
        message: undefined,
        lastTransitionTime: c.status === "False" ? c.lastTransitionTime : nowIso,
      });
      continue;
    }
    conditions.push(c);
  }
  return {
    ...old,
    phase: "Failed",
    reason: EVICTED_REASON,
    message,
    conditions: conditions.map(dropUndefined),
    ...(old.containerStatuses ? { containerStatuses: old.containerStatuses.map((s) => terminated(s, nowIso)) } : {}),
    ...(old.initContainerStatuses ? { initContainerStatuses: old.initContainerStatuses.map((s) => terminated(s, nowIso)) } : {}),
  };
}

function terminated(s: ContainerStatus, nowIso: string): ContainerStatus {
  const state = s.state as Record<string, Record<string, unknown>> | undefined;
  if (state?.terminated) return { ...s, ready: false, started: false };
  if (state?.running) {
    const startedAt = state.running.startedAt as string | undefined;
    return {
      ...s,
      ready: false,
      started: false,
      state: { terminated: { exitCode: 137, reason: "Error", ...(startedAt ? { startedAt } : {}), finishedAt: nowIso, ...(s.containerID ? { containerID: s.containerID } : {}) } },
    };
  }
  return {
    ...s,
    ready: false,
    started: false,
    state: { terminated: { exitCode: 137, reason: "ContainerStatusUnknown", message: "The container could not be located when the pod was terminated" } },
  };
}

function dropUndefined(c: Condition): Condition {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) if (v !== undefined) out[k] = v;
  return out as unknown as Condition;
}
