import type { Stored } from "../../../k8s/kinds.ts";
import type { Deployment, ReplicaSet } from "../../../k8s/schema/workloads.ts";
import { parseTimestamp } from "../../../k8s/time.ts";

/**
 * pkg/controller/deployment/util/deployment_util.go: defaults as read by the controller,
 * maxSurge/maxUnavailable fenceposts, revisions and the annotations on ReplicaSets.
 */
export const REVISION_ANNOTATION = "deployment.kubernetes.io/revision";
export const REVISION_HISTORY_ANNOTATION = "deployment.kubernetes.io/revision-history";
export const DESIRED_REPLICAS_ANNOTATION = "deployment.kubernetes.io/desired-replicas";
export const MAX_REPLICAS_ANNOTATION = "deployment.kubernetes.io/max-replicas";
export const CHANGE_CAUSE_ANNOTATION = "kubernetes.io/change-cause";
export const LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";
const ROLLBACK_TO_ANNOTATION = "deprecated.deployment.rollback.to";
/** progressDeadlineSeconds = MaxInt32 means "no deadline". */
const MAX_INT32 = 2147483647;

/** Annotations a Deployment does not copy to its ReplicaSets (and a rollback does not copy back). */
export const ANNOTATIONS_TO_SKIP = new Set([
  LAST_APPLIED_ANNOTATION,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  ROLLBACK_TO_ANNOTATION,
]);

// apps/v1 defaults (pkg/apis/apps/v1/defaults.go), applied on read so the controller behaves
// the same whether or not admission already filled them in.
export const replicasOf = (d: Deployment): number => d.spec.replicas ?? 1;
export const isRollingUpdate = (d: Deployment): boolean => (d.spec.strategy?.type ?? "RollingUpdate") === "RollingUpdate";
export const revisionHistoryLimitOf = (d: Deployment): number => d.spec.revisionHistoryLimit ?? 10;
export const progressDeadlineSecondsOf = (d: Deployment): number => d.spec.progressDeadlineSeconds ?? 600;
export const hasProgressDeadline = (d: Deployment): boolean => progressDeadlineSecondsOf(d) !== MAX_INT32;
export const rsReplicas = (rs: ReplicaSet): number => rs.spec.replicas ?? 1;

/**
 * intstr.GetScaledValueFromIntOrPercent: an int as is, `"25%"` of `total` rounded up or down.
 * Anything else (validation rejects it) counts as 0.
 */
export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === "number") return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return /^\d+$/.test(v) ? Number(v) : 0;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** ResolveFenceposts: surge rounds up, unavailable down; both 0 would deadlock, so unavailable becomes 1. */
export function resolveFenceposts(maxSurge: number | string | undefined, maxUnavailable: number | string | undefined, desired: number): [number, number] {
  const surge = scaledValue(maxSurge ?? "25%", desired, true);
  let unavailable = scaledValue(maxUnavailable ?? "25%", desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

export function maxSurgeOf(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  const ru = d.spec.strategy?.rollingUpdate;
  return resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicasOf(d))[0];
}

export function maxUnavailableOf(d: Deployment): number {
  const replicas = replicasOf(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  const ru = d.spec.strategy?.rollingUpdate;
  const unavailable = resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicas)[1];
  return Math.min(unavailable, replicas);
}

/** Revision(): the revision annotation as a number (0 when absent, NaN when unparsable). */
export function revisionOf(obj: { metadata: { annotations?: Record<string, string> } }): number {
  const v = obj.metadata.annotations?.[REVISION_ANNOTATION];
  if (v === undefined) return 0;
  return /^\d+$/.test(v) ? Number(v) : NaN;
}

export function maxRevision(rss: readonly ReplicaSet[]): number {
  let max = 0;
  for (const rs of rss) {
    const v = revisionOf(rs);
    if (v > max) max = v;
  }
  return max;
}

export const sumReplicas = (rss: readonly ReplicaSet[]): number => rss.reduce((n, rs) => n + rsReplicas(rs), 0);
export const sumStatusReplicas = (rss: readonly ReplicaSet[]): number => rss.reduce((n, rs) => n + (rs.status?.replicas ?? 0), 0);
export const sumReadyReplicas = (rss: readonly ReplicaSet[]): number => rss.reduce((n, rs) => n + (rs.status?.readyReplicas ?? 0), 0);
export const sumAvailableReplicas = (rss: readonly ReplicaSet[]): number => rss.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0);

/** Oldest first; ties by name (ReplicaSetsByCreationTimestamp). */
export function byCreation<T extends Stored<ReplicaSet>>(a: T, b: T): number {
  const ta = parseTimestamp(a.metadata.creationTimestamp);
  const tb = parseTimestamp(b.metadata.creationTimestamp);
  if (ta !== tb) return ta - tb;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** ReplicaSetsByRevision: lowest revision first, then creation. */
export function byRevision<T extends Stored<ReplicaSet>>(a: T, b: T): number {
  const ra = revisionOf(a) || 0;
  const rb = revisionOf(b) || 0;
  return ra !== rb ? ra - rb : byCreation(a, b);
}

/** NewRSNewReplicas: how big the new ReplicaSet may be now. */
export function newRSNewReplicas(d: Deployment, allRSs: readonly ReplicaSet[], newRS: ReplicaSet): number {
  const replicas = replicasOf(d);
  if (!isRollingUpdate(d)) return replicas;
  const maxTotal = replicas + maxSurgeOf(d);
  const current = sumReplicas(allRSs);
  if (current >= maxTotal) return rsReplicas(newRS);
  const scaleUp = Math.min(maxTotal - current, replicas - rsReplicas(newRS));
  return rsReplicas(newRS) + scaleUp;
}

/** SetReplicasAnnotations: desired-replicas and max-replicas; true when they changed. */
export function replicasAnnotations(rs: ReplicaSet, desired: number, max: number): Record<string, string> | undefined {
  const a = rs.metadata.annotations ?? {};
  if (a[DESIRED_REPLICAS_ANNOTATION] === String(desired) && a[MAX_REPLICAS_ANNOTATION] === String(max)) return undefined;
  return { ...a, [DESIRED_REPLICAS_ANNOTATION]: String(desired), [MAX_REPLICAS_ANNOTATION]: String(max) };
}

/**
 * SetNewReplicaSetAnnotations: copy the Deployment's annotations (change-cause...), raise the
 * revision (keeping the old one in revision-history on a rollback), and for a ReplicaSet about
 * to be created, the replicas annotations. Returns the new annotations, or undefined if unchanged.
 */
export function newReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: number, exists: boolean): Record<string, string> | undefined {
  const a: Record<string, string> = { ...(rs.metadata.annotations ?? {}) };
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (ANNOTATIONS_TO_SKIP.has(k) || a[k] === v) continue;
    a[k] = v;
    changed = true;
  }
  const oldRevision = a[REVISION_ANNOTATION];
  const oldRevisionInt = oldRevision === undefined ? 0 : Number(oldRevision);
  if (oldRevision !== undefined && !/^\d+$/.test(oldRevision)) return changed ? a : undefined;
  if (oldRevisionInt < newRevision) {
    a[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
    if (oldRevision !== undefined) {
      const history = a[REVISION_HISTORY_ANNOTATION];
      a[REVISION_HISTORY_ANNOTATION] = history ? `${history},${oldRevision}` : oldRevision;
    }
  }
  if (!exists) {
    a[DESIRED_REPLICAS_ANNOTATION] = String(replicasOf(d));
    a[MAX_REPLICAS_ANNOTATION] = String(replicasOf(d) + maxSurgeOf(d));
    changed = true;
  }
  return changed ? a : undefined;
}

/** IsSaturated: the new ReplicaSet has all the Deployment's replicas, all available. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = Number(rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION] ?? NaN);
  const replicas = replicasOf(d);
  return rsReplicas(rs) === replicas && desired === replicas && (rs.status?.availableReplicas ?? 0) === replicas;
}

/** getReplicaSetFraction + GetProportion: a ReplicaSet's share of a proportional scale. */
export function proportionFor(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  if (rsReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  let fraction: number;
  if (replicasOf(d) === 0) fraction = -rsReplicas(rs);
  else {
    const deploymentReplicas = replicasOf(d) + maxSurgeOf(d);
    const ann = rs.metadata.annotations?.[MAX_REPLICAS_ANNOTATION];
    const annotated = ann !== undefined && /^\d+$/.test(ann) ? Number(ann) : (d.status?.replicas ?? 0);
    // integer.RoundToInt32 rounds half away from zero.
    const exact = (rsReplicas(rs) * deploymentReplicas) / annotated;
    fraction = Math.sign(exact) * Math.round(Math.abs(exact)) - rsReplicas(rs);
  }
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}
