import type { Stored } from "../../k8s/kinds.ts";
import { compileSelector } from "../../k8s/labels.ts";
import type { Condition } from "../../k8s/schema/meta.ts";
import type { Pod } from "../../k8s/schema/pod.ts";
import type { ReplicaSet, ReplicaSetStatus } from "../../k8s/schema/workloads.ts";
import { formatTimestamp } from "../../k8s/time.ts";
import { canonicalJSON } from "../../util/canonical.ts";
import type { ApiError } from "../../k8s/errors.ts";
import type { Controller, SimContext } from "../controller.ts";
import { getPodsToDelete } from "./workloads/active-pods.ts";
import { byName, controllerKeyOf, findOrphans, getControllerOf, newControllerRef } from "./workloads/controller-ref.ts";
import { BURST_REPLICAS, createPodFromTemplate, deletePod, slowStartBatch, type PodOwner } from "./workloads/pod-control.ts";
import {
  activePods,
  applyDirty,
  forgetReplicaSet,
  notePodChange,
  refreshAvailability,
  replicaSetPods,
  type ReplicaSetPods,
} from "./workloads/replicaset-pods.ts";

const NAME = "replicaset";
const COMPONENT = "replicaset-controller";
/**
 * Simplification: after a failed create or delete the real controller retries with the
 * workqueue's per-item exponential back-off (5 ms doubling up to 1000 s); we retry every 10 s.
 */
const RETRY_AFTER_FAILURE_MS = 10_000;

/**
 * The ReplicaSet controller (pkg/controller/replicaset/replica_set.go): keeps `spec.replicas`
 * active pods matching the selector, adopting matching orphans and releasing pods whose labels
 * changed; at most 500 creations or deletions per sync; deletes in the ActivePods order.
 * The counts come from a pod index kept up to date by the Pod watch (replicaset-pods.ts), so
 * a sync costs O(pods changed since the last one); pods are ranked only when scaling down.
 */
export const replicaSetController: Controller = {
  name: NAME,
  watches: {
    ReplicaSet: (ev, ctx) => {
      if (ev.type !== "DELETED") ctx.enqueue(NAME, ev.key);
      else forgetReplicaSet(ctx.store, ev.key);
    },
    Pod: (ev, ctx) => {
      notePodChange(ctx.store, ev);
      const pod = ev.object as Stored<Pod>;
      const old = ev.old as Stored<Pod> | undefined;
      const owner = controllerKeyOf(pod, "ReplicaSet");
      if (owner) ctx.enqueue(NAME, owner);
      const oldOwner = old ? controllerKeyOf(old, "ReplicaSet") : undefined;
      if (oldOwner && oldOwner !== owner) ctx.enqueue(NAME, oldOwner);
      // An orphan that appeared or changed labels may be adopted by a matching ReplicaSet.
      if (ev.type !== "DELETED" && !getControllerOf(pod) && (!old || canonicalJSON(old.metadata.labels) !== canonicalJSON(pod.metadata.labels))) {
        enqueueMatchingReplicaSets(ctx, pod);
      }
    },
  },
  sync(key, ctx) {
    const rs = ctx.store.get("ReplicaSet", key);
    if (!rs) {
      forgetReplicaSet(ctx.store, key);
      return;
    }
    const nowMs = ctx.nowMs();
    const pods = claimReplicaSetPods(ctx, rs, key, nowMs);
    // Like the real controller, status counts the pods seen before this sync's creates and
    // deletes; their watch events bring the ReplicaSet back for the next count.
    const nextAvailableMs = refreshAvailability(ctx.store, pods, nowMs);
    const counts = { active: pods.active, fullyLabeled: pods.fullyLabeled, ready: pods.ready, available: pods.available };
    const manageError = rs.metadata.deletionTimestamp ? undefined : manageReplicas(ctx, rs, pods);
    writeStatus(ctx, key, rs, counts, nextAvailableMs, manageError);
    if (manageError) ctx.enqueueAfter(NAME, key, RETRY_AFTER_FAILURE_MS);
  },
};

/**
 * claimPods for a ReplicaSet, incrementally (see replicaset-pods.ts): release owned pods whose
 * labels stopped matching and adopt matching orphans, both in name order, then bring the
 * counts up to date.
 */
function claimReplicaSetPods(ctx: SimContext, rs: Stored<ReplicaSet>, key: string, nowMs: number): ReplicaSetPods {
  const store = ctx.store;
  const pods = replicaSetPods(store, key, rs);
  const uid = rs.metadata.uid;
  for (const pod of applyDirty(store, pods, nowMs).sort(byName)) {
    // Release: the labels changed, the pod is no longer ours (it becomes an orphan).
    const owners = (pod.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
    store.update("Pod", { ...pod, metadata: { ...pod.metadata, ownerReferences: owners.length ? owners : undefined } });
  }
  if (!pods.deleting) {
    for (const pod of findOrphans(ctx, rs, rs.spec.selector, pods.ownedMatching, pods.matches)) {
      store.update("Pod", {
        ...pod,
        metadata: { ...pod.metadata, ownerReferences: [...(pod.metadata.ownerReferences ?? []), newControllerRef(rs, "ReplicaSet")] },
      });
    }
  }
  applyDirty(store, pods, nowMs);
  return pods;
}

function enqueueMatchingReplicaSets(ctx: SimContext, pod: Stored<Pod>): void {
  const ns = pod.metadata.namespace ?? "default";
  for (const rsKey of [...ctx.store.namespaceKeys("ReplicaSet", ns)].sort()) {
    const rs = ctx.store.get("ReplicaSet", rsKey);
    if (rs && compileSelector(rs.spec.selector)(pod.metadata.labels)) ctx.enqueue(NAME, rsKey);
  }
}

/** manageReplicas: create or delete (at most burstReplicas) pods; the first API error, if any. */
function manageReplicas(ctx: SimContext, rs: Stored<ReplicaSet>, pods: ReplicaSetPods): ApiError | undefined {
  const want = rs.spec.replicas ?? 1;
  const diff = pods.active - want;
  const owner: PodOwner = { owner: rs, kind: "ReplicaSet", component: COMPONENT };
  if (diff < 0) {
    const template = rs.spec.template;
    if (!template) return undefined;
    const n = Math.min(-diff, BURST_REPLICAS);
    return slowStartBatch(n, () => {
      const r = createPodFromTemplate(ctx, owner, template);
      return r.ok ? undefined : r.error;
    }).error;
  }
  if (diff > 0) {
    const n = Math.min(diff, BURST_REPLICAS);
    const active = activePods(ctx.store, pods);
    const toDelete = getPodsToDelete(active, relatedPods(ctx, rs, active), n, ctx.nowMs());
    let firstError: ApiError | undefined;
    for (const pod of toDelete) firstError ??= deletePod(ctx, owner, pod);
    return firstError;
  }
  return undefined;
}

/** getIndirectlyRelatedPods: the pods of every ReplicaSet controlled by the same Deployment. */
function relatedPods(ctx: SimContext, rs: Stored<ReplicaSet>, own: Stored<Pod>[]): Stored<Pod>[] {
  const ref = getControllerOf(rs);
  if (!ref) return own;
  const out: Stored<Pod>[] = [];
  for (const dep of [...ctx.store.dependents(ref.uid)].sort()) {
    if (!dep.startsWith("ReplicaSet\0")) continue;
    const sibling = ctx.store.get("ReplicaSet", dep.slice("ReplicaSet\0".length));
    if (!sibling) continue;
    for (const p of ctx.store.dependents(sibling.metadata.uid)) {
      const pod = p.startsWith("Pod\0") ? ctx.store.get("Pod", p.slice(4)) : undefined;
      if (pod) out.push(pod);
    }
  }
  return out;
}

interface PodCounts {
  active: number;
  fullyLabeled: number;
  ready: number;
  available: number;
}

function writeStatus(
  ctx: SimContext,
  key: string,
  rs: Stored<ReplicaSet>,
  counts: PodCounts,
  nextAvailableMs: number | undefined,
  manageError: ApiError | undefined,
): void {
  const nowMs = ctx.nowMs();
  const status: ReplicaSetStatus = {
    replicas: counts.active,
    fullyLabeledReplicas: counts.fullyLabeled,
    readyReplicas: counts.ready,
    availableReplicas: counts.available,
    observedGeneration: rs.metadata.generation,
    conditions: replicaFailureConditions(rs, manageError, counts.active, nowMs),
  };
  if (!status.conditions) delete status.conditions;
  // Go's omitempty drops zero counts from the stored status.
  for (const f of ["fullyLabeledReplicas", "readyReplicas", "availableReplicas"] as const) if (status[f] === 0) delete status[f];
  const current = ctx.store.get("ReplicaSet", key);
  if (current && !sameStatus(current.status, status)) ctx.store.updateStatus("ReplicaSet", key, status);
  // A ready pod becomes available once minReadySeconds have passed: look again then.
  if (nextAvailableMs !== undefined) ctx.enqueueAfter(NAME, key, nextAvailableMs);
}

/** Counts first (what changes while pods come and go), then the whole status. */
function sameStatus(a: ReplicaSetStatus | undefined, b: ReplicaSetStatus): boolean {
  if (!a) return false;
  if (a.replicas !== b.replicas || a.readyReplicas !== b.readyReplicas || a.availableReplicas !== b.availableReplicas) return false;
  return canonicalJSON(a) === canonicalJSON(b);
}

/** The ReplicaFailure condition: set on a failed create/delete, removed once a sync succeeds. */
function replicaFailureConditions(rs: Stored<ReplicaSet>, manageError: ApiError | undefined, replicas: number, nowMs: number): Condition[] | undefined {
  const others = (rs.status?.conditions ?? []).filter((c) => c.type !== "ReplicaFailure");
  const existing = rs.status?.conditions?.find((c) => c.type === "ReplicaFailure");
  let conds = others;
  if (manageError) {
    const reason = replicas > (rs.spec.replicas ?? 1) ? "FailedDelete" : "FailedCreate";
    conds = existing
      ? [...others, existing]
      : [...others, { type: "ReplicaFailure", status: "True", lastTransitionTime: formatTimestamp(nowMs), reason, message: manageError.message }];
  }
  return conds.length ? conds : undefined;
}
