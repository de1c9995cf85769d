/**
 * Workload defaulting: pkg/apis/apps/v1/defaults.go (Deployment, ReplicaSet, DaemonSet) and
 * pkg/apis/batch/v1/defaults.go (Job), plus the Job registry's generated selector.
 */
import type { PodTemplateSpec } from "../schema/pod.ts";
import type { DaemonSet, Deployment, Job, ReplicaSet } from "../schema/workloads.ts";
import { defaultPodSpec } from "./pod.ts";

function defaultTemplate(t: PodTemplateSpec | undefined): PodTemplateSpec | undefined {
  return t?.spec ? { ...t, spec: defaultPodSpec(t.spec) } : t;
}

export function defaultDeployment(d: Deployment): Deployment {
  const spec = { ...d.spec };
  if (spec.replicas === undefined) spec.replicas = 1;
  const strategy = { ...(spec.strategy ?? {}) };
  if (!strategy.type) strategy.type = "RollingUpdate";
  if (strategy.type === "RollingUpdate") {
    strategy.rollingUpdate = { maxUnavailable: "25%", maxSurge: "25%", ...(strategy.rollingUpdate ?? {}) };
  }
  spec.strategy = strategy;
  if (spec.revisionHistoryLimit === undefined) spec.revisionHistoryLimit = 10;
  if (spec.progressDeadlineSeconds === undefined) spec.progressDeadlineSeconds = 600;
  spec.template = defaultTemplate(spec.template)!;
  return { ...d, spec };
}

export function defaultReplicaSet(rs: ReplicaSet): ReplicaSet {
  const spec = { ...rs.spec };
  if (spec.replicas === undefined) spec.replicas = 1;
  spec.template = defaultTemplate(spec.template);
  return { ...rs, spec };
}

export function defaultDaemonSet(ds: DaemonSet): DaemonSet {
  const spec = { ...ds.spec };
  const us = { ...(spec.updateStrategy ?? {}) };
  if (!us.type) us.type = "RollingUpdate";
  if (us.type === "RollingUpdate") us.rollingUpdate = { maxUnavailable: 1, maxSurge: 0, ...(us.rollingUpdate ?? {}) };
  spec.updateStrategy = us;
  if (spec.revisionHistoryLimit === undefined) spec.revisionHistoryLimit = 10;
  spec.template = defaultTemplate(spec.template)!;
  return { ...ds, spec };
}

/** SetDefaults_Job: one pod to completion, 6 retries, NonIndexed, not suspended; labels from the template when the Job has none. */
export function defaultJob(job: Job): Job {
  const spec = { ...job.spec };
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  if (spec.parallelism === undefined) spec.parallelism = 1;
  if (spec.backoffLimit === undefined) spec.backoffLimit = 6;
  if (!spec.completionMode) spec.completionMode = "NonIndexed";
  if (spec.suspend === undefined) spec.suspend = false;
  if (spec.podReplacementPolicy === undefined) spec.podReplacementPolicy = spec.podFailurePolicy ? "Failed" : "TerminatingOrFailed";
  spec.template = defaultTemplate(spec.template)!;
  const labels = spec.template?.metadata?.labels;
  const metadata = labels && !Object.keys(job.metadata.labels ?? {}).length ? { ...job.metadata, labels: { ...labels } } : job.metadata;
  return { ...job, metadata, spec };
}

export const JOB_CONTROLLER_UID_LABEL = "batch.kubernetes.io/controller-uid";
export const JOB_NAME_LABEL = "batch.kubernetes.io/job-name";
export const LEGACY_JOB_CONTROLLER_UID_LABEL = "controller-uid";
export const LEGACY_JOB_NAME_LABEL = "job-name";

/**
 * generateSelector (pkg/registry/batch/job/strategy.go): unless manualSelector, the template
 * gets `job-name` and `controller-uid` labels (new and legacy spellings) and the selector
 * matches `batch.kubernetes.io/controller-uid=<uid>`. The uid must be the Job's own.
 */
export function generateJobSelector(job: Job, uid: string): Job {
  if (job.spec.manualSelector) return job;
  const name = job.metadata.name ?? "";
  const labels: Record<string, string> = { ...(job.spec.template.metadata?.labels ?? {}) };
  for (const key of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) if (!(key in labels)) labels[key] = name;
  for (const key of [LEGACY_JOB_CONTROLLER_UID_LABEL, JOB_CONTROLLER_UID_LABEL]) if (!(key in labels)) labels[key] = uid;
  const sel = job.spec.selector ?? {};
  const matchLabels = { ...(sel.matchLabels ?? {}) };
  if (!(JOB_CONTROLLER_UID_LABEL in matchLabels)) matchLabels[JOB_CONTROLLER_UID_LABEL] = uid;
  const template = { ...job.spec.template, metadata: { ...(job.spec.template.metadata ?? {}), labels } };
  // Defaulting runs again whenever the Job is read, so a Job without labels shows its template's.
  const jobLabels = Object.keys(job.metadata.labels ?? {}).length ? job.metadata.labels : { ...labels };
  return { ...job, metadata: { ...job.metadata, labels: jobLabels }, spec: { ...job.spec, selector: { ...sel, matchLabels }, template } };
}
