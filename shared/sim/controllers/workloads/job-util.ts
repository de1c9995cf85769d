import type { Condition } from "../../../k8s/schema/meta.ts";
import type { Pod, PodTemplateSpec } from "../../../k8s/schema/pod.ts";
import type { Job } from "../../../k8s/schema/workloads.ts";
import { parseTimestamp } from "../../../k8s/time.ts";
import { totalContainerRestarts } from "./pod-state.ts";

/** pkg/controller/job: labels, the tracking finalizer, backoff, limits (1.30 behaviour). */
export const JOB_TRACKING_FINALIZER = "batch.kubernetes.io/job-tracking";
export const JOB_NAME_LABEL = "batch.kubernetes.io/job-name";
export const CONTROLLER_UID_LABEL = "batch.kubernetes.io/controller-uid";
/** DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff. */
const BACKOFF_BASE_MS = 10_000;
const BACKOFF_MAX_MS = 360_000;

export const backoffLimitOf = (job: Job): number => job.spec.backoffLimit ?? 6;
export const parallelismOf = (job: Job): number => job.spec.parallelism ?? 1;

/**
 * The four labels the API server puts on a Job's template (and so on its pods) when it
 * generates the selector. Added here too, so pods carry them even if admission did not.
 */
export function jobPodLabels(job: { metadata: { name?: string; uid?: string } }): Record<string, string> {
  const name = job.metadata.name ?? "";
  const uid = job.metadata.uid ?? "";
  return { [CONTROLLER_UID_LABEL]: uid, [JOB_NAME_LABEL]: name, "controller-uid": uid, "job-name": name };
}

export function jobPodTemplate(job: Job & { metadata: { uid: string } }): PodTemplateSpec {
  const t = job.spec.template;
  return { ...t, metadata: { ...(t.metadata ?? {}), labels: { ...jobPodLabels(job), ...(t.metadata?.labels ?? {}) } } };
}

export function finishedCondition(job: Job): Condition | undefined {
  return job.status?.conditions?.find((c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True");
}

/** isPodFailed (1.30, podReplacementPolicy TerminatingOrFailed): Failed, or deleted before it succeeded. */
export function isJobPodFailed(pod: Pod): boolean {
  if (pod.status?.phase === "Failed") return true;
  return !!pod.metadata.deletionTimestamp && pod.status?.phase !== "Succeeded";
}

/** pastBackoffLimitOnFailure: with restartPolicy OnFailure, container restarts count as failures. */
export function pastBackoffLimitOnFailure(job: Job, active: readonly Pod[]): boolean {
  if (job.spec.template.spec.restartPolicy !== "OnFailure") return false;
  const limit = backoffLimitOf(job);
  let restarts = 0;
  for (const p of active) {
    if (p.status?.phase !== "Running" && p.status?.phase !== "Pending" && p.status?.phase !== undefined) continue;
    restarts += totalContainerRestarts(p);
    if (limit === 0 && restarts > 0) return true;
  }
  return limit > 0 && restarts >= limit;
}

/** When a pod finished: its containers' latest finishedAt, else its deletion time. */
export function podFinishedMs(pod: Pod): number | undefined {
  let latest: number | undefined;
  for (const c of pod.status?.containerStatuses ?? []) {
    const st = c.state as { terminated?: { finishedAt?: string } } | undefined;
    const t = st?.terminated?.finishedAt ? parseTimestamp(st.terminated.finishedAt) : NaN;
    if (!Number.isNaN(t)) latest = Math.max(latest ?? t, t);
  }
  if (latest !== undefined) return latest;
  const del = pod.metadata.deletionTimestamp ? parseTimestamp(pod.metadata.deletionTimestamp) : NaN;
  return Number.isNaN(del) ? undefined : del;
}

/**
 * The pod failure back-off: after the n-th failure, new pods wait 10 s × 2^(n-1), at most
 * 6 minutes, counted from the last failure. Returns the remaining wait (0: create now).
 */
export function remainingBackoffMs(failed: number, lastFailureMs: number | undefined, nowMs: number): number {
  if (failed <= 0 || lastFailureMs === undefined) return 0;
  const backoff = Math.min(BACKOFF_BASE_MS * 2 ** (failed - 1), BACKOFF_MAX_MS);
  return Math.max(0, lastFailureMs + backoff - nowMs);
}
