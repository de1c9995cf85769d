import type { Stored } from "../../k8s/kinds.ts";
import type { Condition } from "../../k8s/schema/meta.ts";
import type { Pod } from "../../k8s/schema/pod.ts";
import type { Job, JobStatus } from "../../k8s/schema/workloads.ts";
import { formatTimestamp, parseTimestamp } from "../../k8s/time.ts";
import { canonicalJSON } from "../../util/canonical.ts";
import type { Controller, SimContext } from "../controller.ts";
import { getPodsToDelete } from "./workloads/active-pods.ts";
import { byName, claimPods, controllerKeyOf, getControllerOf } from "./workloads/controller-ref.ts";
import {
  JOB_TRACKING_FINALIZER,
  backoffLimitOf,
  finishedCondition,
  isJobPodFailed,
  jobPodTemplate,
  parallelismOf,
  pastBackoffLimitOnFailure,
  podFinishedMs,
  remainingBackoffMs,
} from "./workloads/job-util.ts";
import { BURST_REPLICAS, createPodFromTemplate, deletePod, slowStartBatch, type PodOwner } from "./workloads/pod-control.ts";
import { isPodActive, isPodReady } from "./workloads/pod-state.ts";

const NAME = "job";
const COMPONENT = "job-controller";

/**
 * The Job controller (pkg/controller/job/job_controller.go), Kubernetes 1.30 behaviour: pods
 * carry the `batch.kubernetes.io/job-tracking` finalizer until counted; a success ends a Job
 * with a Complete condition without reason (the 1.31 SuccessCriteriaMet condition and the
 * CompletionsReached reason are not emitted); failures beyond backoffLimit or an
 * activeDeadlineSeconds overrun fail it and delete its active pods.
 * Simplifications: NonIndexed completion mode only; podFailurePolicy, suspend and
 * ttlSecondsAfterFinished are not acted on; without a selector, pods are found by controllerRef.
 */
export const jobController: Controller = {
  name: NAME,
  watches: {
    Job: (ev, ctx) => {
      if (ev.type !== "DELETED") ctx.enqueue(NAME, ev.key);
    },
    Pod: (ev, ctx) => {
      const owner = controllerKeyOf(ev.object, "Job");
      if (owner) ctx.enqueue(NAME, owner);
    },
  },
  sync(key, ctx) {
    const job = ctx.store.get("Job", key);
    if (!job || finishedCondition(job) || job.spec.suspend) return;
    syncJob(ctx, key, job);
  },
};

function ownedPods(ctx: SimContext, job: Stored<Job>): Stored<Pod>[] {
  if (job.spec.selector) return claimPods(ctx, job, "Job", job.spec.selector);
  const out: Stored<Pod>[] = [];
  for (const dep of [...ctx.store.dependents(job.metadata.uid)].sort()) {
    const pod = dep.startsWith("Pod\0") ? ctx.store.get("Pod", dep.slice(4)) : undefined;
    if (pod && getControllerOf(pod)?.uid === job.metadata.uid) out.push(pod);
  }
  return out;
}

/** Count a finished pod once: remove its tracking finalizer. */
function uncount(ctx: SimContext, pod: Stored<Pod>): void {
  const finalizers = (pod.metadata.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
  ctx.store.update("Pod", { ...pod, metadata: { ...pod.metadata, finalizers: finalizers.length ? finalizers : undefined } });
}

function syncJob(ctx: SimContext, key: string, job: Stored<Job>): void {
  const nowMs = ctx.nowMs();
  const owner: PodOwner = { owner: job, kind: "Job", component: COMPONENT };
  const pods = ownedPods(ctx, job).sort(byName);
  let succeeded = job.status?.succeeded ?? 0;
  let failed = job.status?.failed ?? 0;
  let lastFailureMs: number | undefined;
  for (const pod of pods) {
    if (isJobPodFailed(pod)) lastFailureMs = Math.max(lastFailureMs ?? 0, podFinishedMs(pod) ?? nowMs);
    if (!pod.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER)) continue;
    if (pod.status?.phase === "Succeeded") succeeded++;
    else if (isJobPodFailed(pod)) failed++;
    else continue;
    uncount(ctx, pod);
  }
  let active = pods.filter(isPodActive);
  const startTime = job.status?.startTime ?? formatTimestamp(nowMs);
  const conditions: Condition[] = [...(job.status?.conditions ?? [])];
  let completionTime: string | undefined;

  const deadlineMs = job.spec.activeDeadlineSeconds !== undefined ? parseTimestamp(startTime) + job.spec.activeDeadlineSeconds * 1000 : undefined;
  let failure: { reason: string; message: string } | undefined;
  if (failed > backoffLimitOf(job) || pastBackoffLimitOnFailure(job, active)) {
    failure = { reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit" };
  } else if (deadlineMs !== undefined && nowMs >= deadlineMs) {
    failure = { reason: "DeadlineExceeded", message: "Job was active longer than specified deadline" };
  }

  if (failure) {
    for (const pod of active) {
      uncount(ctx, ctx.store.get("Pod", `${pod.metadata.namespace}/${pod.metadata.name}`)!);
      deletePod(ctx, owner, pod);
      failed++;
    }
    active = [];
    conditions.push(jobCondition("Failed", failure.reason, failure.message, nowMs));
    ctx.recordEvent(job, "Warning", failure.reason, failure.message, { component: COMPONENT });
  } else {
    const completions = job.spec.completions ?? undefined;
    const parallelism = parallelismOf(job);
    const wantActive =
      completions === undefined ? (succeeded > 0 ? active.length : parallelism) : Math.max(0, Math.min(completions - succeeded, parallelism));
    const diff = active.length - wantActive;
    if (diff > 0) {
      for (const pod of getPodsToDelete(active, active, Math.min(diff, BURST_REPLICAS), nowMs)) deletePod(ctx, owner, pod);
      active = active.slice(0, wantActive);
    } else if (diff < 0) {
      const wait = remainingBackoffMs(failed, lastFailureMs, nowMs);
      if (wait > 0) ctx.enqueueAfter(NAME, key, wait);
      else {
        const template = jobPodTemplate(job);
        const withFinalizer = (p: Pod): Pod => ({ ...p, metadata: { ...p.metadata, finalizers: [...(p.metadata.finalizers ?? []), JOB_TRACKING_FINALIZER] } });
        slowStartBatch(Math.min(-diff, BURST_REPLICAS), () => {
          const r = createPodFromTemplate(ctx, owner, template, withFinalizer);
          if (r.ok) active.push(r.value);
          return r.ok ? undefined : r.error;
        });
      }
    }
    const complete = completions === undefined ? succeeded > 0 && active.length === 0 : succeeded >= completions;
    if (complete) {
      conditions.push(jobCondition("Complete", "", "", nowMs));
      completionTime = formatTimestamp(nowMs);
      ctx.recordEvent(job, "Normal", "Completed", "Job completed", { component: COMPONENT });
    } else if (deadlineMs !== undefined) ctx.enqueueAfter(NAME, key, deadlineMs - nowMs);
  }

  const status: JobStatus = {
    ...(conditions.length ? { conditions } : {}),
    startTime,
    ...(completionTime ? { completionTime } : {}),
    ...(active.length ? { active: active.length } : {}),
    ...(succeeded ? { succeeded } : {}),
    ...(failed ? { failed } : {}),
    terminating: pods.filter((p) => p.metadata.deletionTimestamp && !["Succeeded", "Failed"].includes(p.status?.phase ?? "")).length,
    uncountedTerminatedPods: {},
    ready: active.filter(isPodReady).length,
  };
  if (canonicalJSON(status) !== canonicalJSON(job.status ?? {})) ctx.store.updateStatus("Job", key, status);
}

function jobCondition(type: string, reason: string, message: string, nowMs: number): Condition {
  const t = formatTimestamp(nowMs);
  return { type, status: "True", lastProbeTime: t, lastTransitionTime: t, ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
}
