import type { Job } from "../../../k8s/schema/workloads.ts";
import { humanDuration } from "../../../k8s/duration.ts";
import { translateTimestampSince } from "../../../k8s/printers/timestamp.ts";
import { parseTimestamp } from "../../../k8s/time.ts";
import { formatLabelSelector, layoutContainerCells } from "./helpers.ts";
import { col, type ColumnSet } from "./types.ts";

/** hasJobCondition: the first condition of that type decides. */
function hasJobCondition(job: Job, type: string): boolean {
  const c = (job.status?.conditions ?? []).find((x) => x.type === type);
  return c?.status === "True";
}

/** The STATUS column kubectl 1.30 added (printers.go printJob). */
export function jobStatus(job: Job): string {
  if (hasJobCondition(job, "Complete")) return "Complete";
  if (hasJobCondition(job, "Failed")) return "Failed";
  if (job.metadata.deletionTimestamp) return "Terminating";
  if (hasJobCondition(job, "Suspended")) return "Suspended";
  if (hasJobCondition(job, "FailureTarget")) return "FailureTarget";
  return "Running";
}

/** COMPLETIONS: `succeeded/completions`; without completions `n/1`, or `n/1 of P` when parallel. */
export function jobCompletions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  if (job.spec.completions != null) return `${succeeded}/${job.spec.completions}`;
  const parallelism = job.spec.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** DURATION: start to completion, or start to now while running; empty before the job started. */
export function jobDuration(job: Job, nowMs: number): string {
  const start = job.status?.startTime;
  if (!start) return "";
  const end = job.status?.completionTime;
  return humanDuration((end ? parseTimestamp(end) : nowMs) - parseTimestamp(start));
}

export const jobColumns: ColumnSet<"Job"> = {
  columns: [
    col("Name"),
    col("Status"),
    col("Completions"),
    col("Duration"),
    col("Age"),
    col("Containers", true),
    col("Images", true),
    col("Selector", true),
  ],
  nameColumn: 0,
  row(job, { nowMs }) {
    const [names, images] = layoutContainerCells(job.spec.template.spec.containers);
    return [
      job.metadata.name,
      jobStatus(job),
      jobCompletions(job),
      jobDuration(job, nowMs),
      translateTimestampSince(job.metadata.creationTimestamp, nowMs),
      names,
      images,
      formatLabelSelector(job.spec.selector),
    ];
  },
};
