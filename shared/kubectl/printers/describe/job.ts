import type { Stored } from "../../../k8s/kinds.ts";
import type { Job } from "../../../k8s/schema/workloads.ts";
import { humanDuration } from "../../../k8s/duration.ts";
import { parseTimestamp } from "../../../k8s/time.ts";
import type { Store } from "../../../sim/store.ts";
import { selectorString } from "../columns/helpers.ts";
import { printAnnotationsMultiline, printController, printLabelsMultiline } from "./common.ts";
import { describeEvents, eventsFor } from "./events.ts";
import { describePodTemplate } from "./pod-template.ts";
import { describeTime } from "./time.ts";
import { DescribeWriter, LEVEL_0 } from "./writer.ts";

/** describeJob. */
export function describeJob(store: Store, job: Stored<Job>, nowMs: number): string {
  const w = new DescribeWriter();
  const spec = job.spec;
  const s = job.status ?? {};
  w.write(LEVEL_0, `Name:\t${job.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${job.metadata.namespace ?? ""}\n`);
  w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
  printLabelsMultiline(w, "Labels", job.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", job.metadata.annotations);
  const controlledBy = printController(job.metadata);
  if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
  if (spec.parallelism != null) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(LEVEL_0, spec.completions != null ? `Completions:\t${spec.completions}\n` : "Completions:\t<unset>\n");
  if (spec.completionMode) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
  if (spec.suspend != null) w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`);
  if (spec.backoffLimit != null) w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (spec.ttlSecondsAfterFinished != null) w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  if (s.startTime) w.write(LEVEL_0, `Start Time:\t${describeTime(s.startTime)}\n`);
  if (s.completionTime) w.write(LEVEL_0, `Completed At:\t${describeTime(s.completionTime)}\n`);
  if (s.startTime && s.completionTime) {
    w.write(LEVEL_0, `Duration:\t${humanDuration(parseTimestamp(s.completionTime) - parseTimestamp(s.startTime))}\n`);
  }
  if (spec.activeDeadlineSeconds != null) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  const active = s.active ?? 0;
  const tail = `${s.succeeded ?? 0} Succeeded / ${s.failed ?? 0} Failed`;
  w.write(LEVEL_0, s.ready == null ? `Pods Statuses:\t${active} Active / ${tail}\n` : `Pods Statuses:\t${active} Active (${s.ready} Ready) / ${tail}\n`);
  if (spec.completionMode === "Indexed") {
    const indexes = (s as { completedIndexes?: string }).completedIndexes ?? "";
    w.write(LEVEL_0, `Completed Indexes:\t${capIndexesList(indexes, 50)}\n`);
  }
  describePodTemplate(w, spec.template);
  describeEvents(w, eventsFor(store, "Job", job), nowMs);
  return w.toString();
}

/** capIndexesListOrNone: cut after the first comma past `softLimit` characters. */
function capIndexesList(indexes: string, softLimit: number): string {
  if (indexes.length === 0) return "<none>";
  let ix = softLimit;
  while (ix < indexes.length && indexes[ix] !== ",") ix++;
  return ix >= indexes.length ? indexes : indexes.slice(0, ix + 1) + "...";
}
