import { objectKey, type Stored } from "../../../k8s/kinds.ts";
import type { Deployment, DeploymentStatus, ReplicaSet } from "../../../k8s/schema/workloads.ts";
import { canonicalJSON } from "../../../util/canonical.ts";
import { createObject, deleteObject } from "../../api/server.ts";
import type { SimContext } from "../../controller.ts";
import type { Engine } from "../../loop.ts";
import { getControllerOf, newControllerRef } from "./controller-ref.ts";
import { calculateStatus, getCondition, newCondition, setCondition } from "./deployment-status.ts";
import {
  DESIRED_REPLICAS_ANNOTATION,
  REVISION_ANNOTATION,
  byCreation,
  byRevision,
  hasProgressDeadline,
  isRollingUpdate,
  isSaturated,
  maxRevision,
  maxSurgeOf,
  newRSNewReplicas,
  newReplicaSetAnnotations,
  proportionFor,
  replicasAnnotations,
  replicasOf,
  revisionHistoryLimitOf,
  rsReplicas,
  sumReplicas,
} from "./deployment-util.ts";
import { POD_TEMPLATE_HASH_LABEL, computeHash, equalIgnoreHash } from "./pod-template-hash.ts";

/** pkg/controller/deployment/sync.go: the new ReplicaSet, scaling, history cleanup, status. */
export const DEPLOYMENT_COMPONENT = "deployment-controller";
export type RS = Stored<ReplicaSet>;

/** One sync of one Deployment: the freshest stored Deployment, replaced after every write. */
export interface DeploymentSync {
  ctx: SimContext;
  d: Stored<Deployment>;
}

/** Write the Deployment's annotations and/or status if they changed. */
export function writeDeployment(s: DeploymentSync, annotations: Record<string, string> | undefined, status: DeploymentStatus | undefined): void {
  const key = objectKey(s.d.metadata.namespace, s.d.metadata.name);
  if (annotations && canonicalJSON(annotations) !== canonicalJSON(s.d.metadata.annotations ?? {})) {
    s.d = s.ctx.store.update("Deployment", { ...s.d, metadata: { ...s.d.metadata, annotations } });
  }
  if (status && canonicalJSON(status) !== canonicalJSON(s.d.status ?? {})) s.d = s.ctx.store.updateStatus("Deployment", key, status);
}

/** getAllReplicaSetsAndSyncRevision: the new ReplicaSet (created if asked) and the old ones. */
export function getAllReplicaSets(s: DeploymentSync, rsList: readonly RS[], createIfNotExisted: boolean): { newRS: RS | undefined; oldRSs: RS[] } {
  const sorted = [...rsList].sort(byCreation);
  const existing = sorted.find((rs) => equalIgnoreHash(rs.spec.template, s.d.spec.template));
  const oldRSs = sorted.filter((rs) => rs !== existing);
  const newRS = getNewReplicaSet(s, existing, oldRSs, createIfNotExisted);
  return { newRS, oldRSs };
}

function revisionAnnotations(d: Deployment, revision: string): Record<string, string> | undefined {
  if (d.metadata.annotations?.[REVISION_ANNOTATION] === revision) return undefined;
  return { ...(d.metadata.annotations ?? {}), [REVISION_ANNOTATION]: revision };
}

function getNewReplicaSet(s: DeploymentSync, existing: RS | undefined, oldRSs: RS[], create: boolean): RS | undefined {
  const { ctx } = s;
  const now = ctx.nowMs();
  const newRevision = maxRevision(oldRSs) + 1;
  if (existing) {
    const annotations = newReplicaSetAnnotations(s.d, existing, newRevision, true);
    if (annotations || (existing.spec.minReadySeconds ?? 0) !== (s.d.spec.minReadySeconds ?? 0)) {
      return ctx.store.update("ReplicaSet", {
        ...existing,
        metadata: { ...existing.metadata, annotations: annotations ?? existing.metadata.annotations },
        spec: { ...existing.spec, minReadySeconds: s.d.spec.minReadySeconds },
      });
    }
    const status = { ...(s.d.status ?? {}) };
    if (hasProgressDeadline(s.d) && !getCondition(s.d.status, "Progressing")) {
      setCondition(status, newCondition("Progressing", "True", "FoundNewReplicaSet", `Found new replica set "${existing.metadata.name}"`, now));
    }
    writeDeployment(s, revisionAnnotations(s.d, existing.metadata.annotations?.[REVISION_ANNOTATION] ?? ""), status);
    return existing;
  }
  if (!create) return undefined;
  const hash = computeHash(s.d.spec.template, s.d.status?.collisionCount);
  const tmeta = s.d.spec.template.metadata ?? {};
  const labels = { ...(tmeta.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
  const name = `${s.d.metadata.name}-${hash}`;
  const draft: ReplicaSet = {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name, namespace: s.d.metadata.namespace, labels, ownerReferences: [newControllerRef(s.d, "Deployment")] },
    spec: {
      replicas: 0,
      minReadySeconds: s.d.spec.minReadySeconds,
      selector: { ...s.d.spec.selector, matchLabels: { ...(s.d.spec.selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash } },
      template: { ...s.d.spec.template, metadata: { ...tmeta, labels } },
    },
  };
  const replicas = newRSNewReplicas(s.d, [...oldRSs, draft], draft);
  const withReplicas: ReplicaSet = { ...draft, spec: { ...draft.spec, replicas } };
  const rsDraft: ReplicaSet = {
    ...withReplicas,
    metadata: { ...withReplicas.metadata, annotations: newReplicaSetAnnotations(s.d, withReplicas, newRevision, false) },
  };
  let created: RS;
  let alreadyExists = false;
  const r = createObject(ctx as Engine, rsDraft, s.d.metadata.namespace);
  if (r.ok) created = r.value as RS;
  else if (r.error.reason === "AlreadyExists") {
    const other = ctx.store.get("ReplicaSet", objectKey(s.d.metadata.namespace, name));
    if (other && getControllerOf(other)?.uid === s.d.metadata.uid && equalIgnoreHash(other.spec.template, s.d.spec.template)) {
      created = other;
      alreadyExists = true;
    } else {
      // A hash collision: bump collisionCount so the next sync computes a different name.
      writeDeployment(s, undefined, { ...(s.d.status ?? {}), collisionCount: (s.d.status?.collisionCount ?? 0) + 1 });
      return undefined;
    }
  } else {
    const msg = `Failed to create new replica set "${name}": ${r.error.message}`;
    if (hasProgressDeadline(s.d)) {
      const status = { ...(s.d.status ?? {}) };
      setCondition(status, newCondition("Progressing", "False", "ReplicaSetCreateError", msg, now));
      writeDeployment(s, undefined, status);
    }
    ctx.recordEvent(s.d, "Warning", "ReplicaSetCreateError", msg, { component: DEPLOYMENT_COMPONENT });
    return undefined;
  }
  if (!alreadyExists && replicas > 0) {
    ctx.recordEvent(s.d, "Normal", "ScalingReplicaSet", `Scaled up replica set ${name} from 0 to ${replicas}`, { component: DEPLOYMENT_COMPONENT });
  }
  const status = { ...(s.d.status ?? {}) };
  if (!alreadyExists && hasProgressDeadline(s.d)) {
    setCondition(status, newCondition("Progressing", "True", "NewReplicaSetCreated", `Created new replica set "${name}"`, now));
  }
  writeDeployment(s, revisionAnnotations(s.d, String(newRevision)), status);
  return created;
}

/** scaleReplicaSetAndRecordEvent: resize (and refresh the replicas annotations), with a ScalingReplicaSet event. */
export function scaleReplicaSet(s: DeploymentSync, rs: RS, newScale: number): { scaled: boolean; rs: RS } {
  const old = rsReplicas(rs);
  const annotations = replicasAnnotations(rs, replicasOf(s.d), replicasOf(s.d) + maxSurgeOf(s.d));
  if (old === newScale && !annotations) return { scaled: false, rs };
  const updated = s.ctx.store.update("ReplicaSet", {
    ...rs,
    metadata: { ...rs.metadata, annotations: annotations ?? rs.metadata.annotations },
    spec: { ...rs.spec, replicas: newScale },
  });
  if (old !== newScale) {
    const op = old < newScale ? "up" : "down";
    s.ctx.recordEvent(s.d, "Normal", "ScalingReplicaSet", `Scaled ${op} replica set ${rs.metadata.name} from ${old} to ${newScale}`, {
      component: DEPLOYMENT_COMPONENT,
    });
  }
  return { scaled: old !== newScale, rs: updated };
}

/** Scale only when the size differs (scaleReplicaSetAndRecordEvent's early return). */
export function scaleIfNeeded(s: DeploymentSync, rs: RS, newScale: number): { scaled: boolean; rs: RS } {
  return rsReplicas(rs) === newScale ? { scaled: false, rs } : scaleReplicaSet(s, rs, newScale);
}

/**
 * scale(): a replicas change in the middle of a rollout is spread over the active ReplicaSets in
 * proportion to their size (proportional scaling), leftovers going to the largest.
 */
export function scale(s: DeploymentSync, newRS: RS | undefined, oldRSs: RS[]): void {
  const replicas = replicasOf(s.d);
  const active = [...(newRS ? [newRS] : []), ...oldRSs].filter((rs) => rsReplicas(rs) > 0);
  const latestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
  const activeOrLatest = active.length === 1 ? active[0] : active.length === 0 ? (newRS ?? latestFirst[0]) : undefined;
  if (activeOrLatest) {
    scaleIfNeeded(s, activeOrLatest, replicas);
    return;
  }
  if (isSaturated(s.d, newRS)) {
    for (const old of oldRSs.filter((rs) => rsReplicas(rs) > 0)) scaleIfNeeded(s, old, 0);
    return;
  }
  if (!isRollingUpdate(s.d)) return;
  const allowed = replicas > 0 ? replicas + maxSurgeOf(s.d) : 0;
  const toAdd = allowed - sumReplicas(active);
  const sorted = [...active].sort((a, b) => {
    if (rsReplicas(a) !== rsReplicas(b)) return rsReplicas(b) - rsReplicas(a);
    // ReplicaSetsBySizeNewer when scaling up, BySizeOlder when scaling down.
    return toAdd > 0 ? byCreation(b, a) : byCreation(a, b);
  });
  let added = 0;
  const sizes = sorted.map((rs) => {
    if (toAdd === 0) return rsReplicas(rs);
    const p = proportionFor(rs, s.d, toAdd, added);
    added += p;
    return rsReplicas(rs) + p;
  });
  if (toAdd !== 0 && sorted.length > 0) sizes[0] = Math.max(0, sizes[0] + toAdd - added);
  sorted.forEach((rs, i) => scaleReplicaSet(s, rs, sizes[i]));
}

/** isScalingEvent: an active ReplicaSet's desired-replicas annotation differs from spec.replicas. */
export function isScalingEvent(d: Deployment, newRS: RS | undefined, oldRSs: RS[]): boolean {
  for (const rs of [...oldRSs, ...(newRS ? [newRS] : [])]) {
    if (rsReplicas(rs) === 0) continue;
    const desired = rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION];
    if (desired === undefined) continue;
    if (Number(desired) !== replicasOf(d)) return true;
  }
  return false;
}

/** cleanupDeployment: delete the oldest scaled-down ReplicaSets beyond revisionHistoryLimit. */
export function cleanupDeployment(s: DeploymentSync, oldRSs: RS[]): void {
  const limit = revisionHistoryLimitOf(s.d);
  const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
  const diff = cleanable.length - limit;
  if (diff <= 0) return;
  const sorted = [...cleanable].sort(byRevision);
  for (const rs of sorted.slice(0, diff)) {
    const current = s.ctx.store.get("ReplicaSet", objectKey(rs.metadata.namespace, rs.metadata.name));
    if (!current) continue;
    if ((current.status?.replicas ?? 0) !== 0 || rsReplicas(current) !== 0) continue;
    if ((current.metadata.generation ?? 0) > (current.status?.observedGeneration ?? 0)) continue;
    deleteObject(s.ctx as Engine, "ReplicaSet", current.metadata.namespace, current.metadata.name);
  }
}

/** syncDeploymentStatus: counts and the Available condition (no Progressing update). */
export function syncDeploymentStatus(s: DeploymentSync, allRSs: RS[], newRS: RS | undefined): void {
  writeDeployment(s, undefined, calculateStatus(s.d, allRSs, newRS, s.ctx.nowMs()));
}

/** sync(): the path for paused Deployments and pure scaling events. */
export function syncScaleOnly(s: DeploymentSync, rsList: RS[]): void {
  const { newRS, oldRSs } = getAllReplicaSets(s, rsList, false);
  scale(s, newRS, oldRSs);
  if (s.d.spec.paused) cleanupDeployment(s, oldRSs);
  const fresh = refresh(s, [...(newRS ? [newRS] : []), ...oldRSs]);
  syncDeploymentStatus(s, fresh, newRS ? fresh[0] : undefined);
}

/** Re-read ReplicaSets after writes (the real controller works on the objects its updates return). */
export function refresh(s: DeploymentSync, rss: RS[]): RS[] {
  return rss.map((rs) => s.ctx.store.get("ReplicaSet", objectKey(rs.metadata.namespace, rs.metadata.name))).filter((x): x is RS => !!x);
}
