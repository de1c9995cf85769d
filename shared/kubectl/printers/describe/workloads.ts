import type { Stored } from "../../../k8s/kinds.ts";
import type { Condition } from "../../../k8s/schema/meta.ts";
import type { DaemonSet, ReplicaSet } from "../../../k8s/schema/workloads.ts";
import type { Store } from "../../../sim/store.ts";
import { formatLabels, formatLabelSelector, selectorString } from "../columns/helpers.ts";
import { printAnnotationsMultiline, printController, printLabelsMultiline } from "./common.ts";
import { formatPodPhaseCounts, podStatusForController } from "./controller-pods.ts";
import { describeEvents, eventsFor } from "./events.ts";
import { describePodTemplate } from "./pod-template.ts";
import { DescribeWriter, LEVEL_0, LEVEL_1 } from "./writer.ts";

/** The `Conditions:` table of ReplicaSet and Deployment: Type, Status, Reason. */
export function describeTypeStatusReason(w: DescribeWriter, conditions: readonly Condition[] | undefined): void {
  if (!conditions || conditions.length === 0) return;
  w.write(LEVEL_0, "Conditions:\n  Type\tStatus\tReason\n");
  w.write(LEVEL_1, "----\t------\t------\n");
  for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ""}\n`);
}

/** describeReplicaSet. */
export function describeReplicaSet(store: Store, rs: Stored<ReplicaSet>, nowMs: number): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${rs.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${rs.metadata.namespace ?? ""}\n`);
  w.write(LEVEL_0, `Selector:\t${formatLabelSelector(rs.spec.selector)}\n`);
  printLabelsMultiline(w, "Labels", rs.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", rs.metadata.annotations);
  const controlledBy = printController(rs.metadata);
  if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
  w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec.replicas ?? 1} desired\n`);
  w.write(LEVEL_0, `Pods Status:\t${formatPodPhaseCounts(podStatusForController(store, rs))}\n`);
  describePodTemplate(w, rs.spec.template);
  describeTypeStatusReason(w, rs.status?.conditions);
  describeEvents(w, eventsFor(store, "ReplicaSet", rs), nowMs);
  return w.toString();
}

/** describeDaemonSet (the `Desired Number of Nodes Scheduled: 3` lines carry no tab in kubectl). */
export function describeDaemonSet(store: Store, ds: Stored<DaemonSet>, nowMs: number): string {
  const w = new DescribeWriter();
  const s = ds.status;
  w.write(LEVEL_0, `Name:\t${ds.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${ds.metadata.namespace ?? ""}\n`);
  w.write(LEVEL_0, `Selector:\t${selectorString(ds.spec.selector)}\n`);
  w.write(LEVEL_0, `Node-Selector:\t${formatLabels(ds.spec.template.spec.nodeSelector)}\n`);
  printLabelsMultiline(w, "Labels", ds.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", ds.metadata.annotations);
  w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${s?.desiredNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${s?.currentNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${s?.updatedNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${s?.numberAvailable ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Misscheduled: ${s?.numberMisscheduled ?? 0}\n`);
  w.write(LEVEL_0, `Pods Status:\t${formatPodPhaseCounts(podStatusForController(store, ds))}\n`);
  describePodTemplate(w, ds.spec.template);
  describeEvents(w, eventsFor(store, "DaemonSet", ds), nowMs);
  return w.toString();
}
