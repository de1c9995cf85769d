import type { Stored } from "../../../k8s/kinds.ts";
import type { PodTemplateSpec } from "../../../k8s/schema/pod.ts";
import type { Deployment, ReplicaSet } from "../../../k8s/schema/workloads.ts";
import { parseTimestamp } from "../../../k8s/time.ts";
import type { Store } from "../../../sim/store.ts";
import { canonicalJSON } from "../../../util/canonical.ts";
import { selectorString } from "../columns/helpers.ts";
import { printAnnotationsMultiline, printLabelsMultiline } from "./common.ts";
import { describeEvents, eventsFor } from "./events.ts";
import { describePodTemplate } from "./pod-template.ts";
import { describeTime } from "./time.ts";
import { describeTypeStatusReason } from "./workloads.ts";
import { DescribeWriter, LEVEL_0 } from "./writer.ts";

const HASH_LABEL = "pod-template-hash";

/**
 * describeDeployment. Fields the API server defaults (replicas 1, RollingUpdate with 25%/25%)
 * read as their defaults when a stored object lacks them.
 */
export function describeDeployment(store: Store, d: Stored<Deployment>, nowMs: number): string {
  const w = new DescribeWriter();
  const s = d.status ?? {};
  const strategyType = d.spec.strategy?.type ?? "RollingUpdate";
  w.write(LEVEL_0, `Name:\t${d.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${d.metadata.namespace ?? ""}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${describeTime(d.metadata.creationTimestamp)}\n`);
  printLabelsMultiline(w, "Labels", d.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", d.metadata.annotations);
  w.write(LEVEL_0, `Selector:\t${selectorString(d.spec.selector)}\n`);
  w.write(
    LEVEL_0,
    `Replicas:\t${d.spec.replicas ?? 1} desired | ${s.updatedReplicas ?? 0} updated | ${s.replicas ?? 0} total | ${s.availableReplicas ?? 0} available | ${s.unavailableReplicas ?? 0} unavailable\n`,
  );
  w.write(LEVEL_0, `StrategyType:\t${strategyType}\n`);
  w.write(LEVEL_0, `MinReadySeconds:\t${d.spec.minReadySeconds ?? 0}\n`);
  if (strategyType === "RollingUpdate") {
    const ru = d.spec.strategy?.rollingUpdate ?? {};
    w.write(LEVEL_0, `RollingUpdateStrategy:\t${String(ru.maxUnavailable ?? "25%")} max unavailable, ${String(ru.maxSurge ?? "25%")} max surge\n`);
  }
  describePodTemplate(w, d.spec.template);
  describeTypeStatusReason(w, s.conditions);
  const { oldRSs, newRS } = replicaSetsOf(store, d);
  if (oldRSs.length > 0 || newRS) {
    w.write(LEVEL_0, `OldReplicaSets:\t${printReplicaSets(oldRSs)}\n`);
    w.write(LEVEL_0, `NewReplicaSet:\t${printReplicaSets(newRS ? [newRS] : [])}\n`);
  }
  describeEvents(w, eventsFor(store, "Deployment", d), nowMs);
  return w.toString();
}

/**
 * deploymentutil.GetAllReplicaSets: the ReplicaSets the Deployment controls; the new one is the
 * oldest whose template equals the Deployment's apart from pod-template-hash, all others are old.
 */
function replicaSetsOf(store: Store, d: Stored<Deployment>): { oldRSs: Stored<ReplicaSet>[]; newRS?: Stored<ReplicaSet> } {
  const owned = store
    .list("ReplicaSet", d.metadata.namespace)
    .filter((rs) => rs.metadata.ownerReferences?.some((r) => r.controller && r.uid === d.metadata.uid));
  const want = templateKey(d.spec.template);
  const byAge = [...owned].sort((a, b) => created(a) - created(b) || (a.metadata.name < b.metadata.name ? -1 : 1));
  const newRS = byAge.find((rs) => rs.spec.template && templateKey(rs.spec.template) === want);
  return { oldRSs: owned.filter((rs) => rs !== newRS), newRS };
}

function templateKey(t: PodTemplateSpec): string {
  const labels = { ...(t.metadata?.labels ?? {}) };
  delete labels[HASH_LABEL];
  return canonicalJSON({ ...t, metadata: { ...(t.metadata ?? {}), labels } });
}

function created(rs: Stored<ReplicaSet>): number {
  return parseTimestamp(rs.metadata.creationTimestamp);
}

/** printReplicaSetsByLabels: `web-7d4b9c6f8 (3/3 replicas created)`, `<none>` for none. */
function printReplicaSets(list: readonly Stored<ReplicaSet>[]): string {
  const s = list.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec.replicas ?? 1} replicas created)`).join(", ");
  return s || "<none>";
}
