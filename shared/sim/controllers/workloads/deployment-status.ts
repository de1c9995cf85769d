import type { Condition } from "../../../k8s/schema/meta.ts";
import type { Deployment, DeploymentStatus, ReplicaSet } from "../../../k8s/schema/workloads.ts";
import { formatTimestamp, parseTimestamp } from "../../../k8s/time.ts";
import {
  hasProgressDeadline,
  maxUnavailableOf,
  progressDeadlineSecondsOf,
  replicasOf,
  sumAvailableReplicas,
  sumReadyReplicas,
  sumReplicas,
  sumStatusReplicas,
} from "./deployment-util.ts";

/**
 * Deployment status and conditions (pkg/controller/deployment/sync.go calculateStatus,
 * progress.go, util/deployment_util.go), with Kubernetes' exact reasons and messages.
 */
export const REASON = {
  newRSCreated: "NewReplicaSetCreated",
  foundNewRS: "FoundNewReplicaSet",
  rsUpdated: "ReplicaSetUpdated",
  newRSAvailable: "NewReplicaSetAvailable",
  timedOut: "ProgressDeadlineExceeded",
  paused: "DeploymentPaused",
  resumed: "DeploymentResumed",
  minimumReplicasAvailable: "MinimumReplicasAvailable",
  minimumReplicasUnavailable: "MinimumReplicasUnavailable",
} as const;

export function newCondition(type: string, status: Condition["status"], reason: string, message: string, nowMs: number): Condition {
  const t = formatTimestamp(nowMs);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

export function getCondition(status: DeploymentStatus | undefined, type: string): Condition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/**
 * SetDeploymentCondition: the same status and reason is a no-op (lastUpdateTime kept); the same
 * status keeps lastTransitionTime; the condition moves to the end of the list.
 */
export function setCondition(status: DeploymentStatus, cond: Condition): void {
  const current = getCondition(status, cond.type);
  if (current && current.status === cond.status && current.reason === cond.reason) return;
  const next = current && current.status === cond.status ? { ...cond, lastTransitionTime: current.lastTransitionTime } : cond;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== cond.type), next];
}

export function removeCondition(status: DeploymentStatus, type: string): void {
  status.conditions = (status.conditions ?? []).filter((c) => c.type !== type);
}

/** calculateStatus: counts from the ReplicaSets, and the Available condition. */
export function calculateStatus(d: Deployment & { metadata: { generation?: number } }, allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined, nowMs: number): DeploymentStatus {
  const available = sumAvailableReplicas(allRSs);
  const unavailable = Math.max(0, sumReplicas(allRSs) - available);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation,
    replicas: sumStatusReplicas(allRSs),
    updatedReplicas: newRS ? sumStatusReplicas([newRS]) : 0,
    readyReplicas: sumReadyReplicas(allRSs),
    availableReplicas: available,
    unavailableReplicas: unavailable,
    conditions: [...(d.status?.conditions ?? [])],
    ...(d.status?.collisionCount !== undefined ? { collisionCount: d.status.collisionCount } : {}),
  };
  // Go's omitempty: zero counts are absent from a stored DeploymentStatus.
  for (const f of ["replicas", "updatedReplicas", "readyReplicas", "availableReplicas", "unavailableReplicas"] as const) if (status[f] === 0) delete status[f];
  if (available >= replicasOf(d) - maxUnavailableOf(d)) {
    setCondition(status, newCondition("Available", "True", REASON.minimumReplicasAvailable, "Deployment has minimum availability.", nowMs));
  } else {
    setCondition(status, newCondition("Available", "False", REASON.minimumReplicasUnavailable, "Deployment does not have minimum availability.", nowMs));
  }
  return status;
}

/** DeploymentComplete: every replica updated and available, and the latest spec observed. */
export function deploymentComplete(d: Deployment & { metadata: { generation?: number } }, s: DeploymentStatus): boolean {
  const r = replicasOf(d);
  return (s.updatedReplicas ?? 0) === r && (s.replicas ?? 0) === r && (s.availableReplicas ?? 0) === r && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

/** DeploymentProgressing: more updated, fewer old, more ready or more available pods than last time. */
export function deploymentProgressing(d: Deployment, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (
    (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** DeploymentTimedOut: Progressing last updated more than progressDeadlineSeconds ago. */
export function deploymentTimedOut(d: Deployment, s: DeploymentStatus, nowMs: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const cond = getCondition(s, "Progressing");
  if (!cond) return false;
  if (cond.reason === REASON.newRSAvailable) return false;
  if (cond.reason === REASON.timedOut) return true;
  const from = parseTimestamp(cond.lastUpdateTime ?? "");
  return !Number.isNaN(from) && from + progressDeadlineSecondsOf(d) * 1000 < nowMs;
}

/**
 * syncRolloutStatus's condition logic: the new Progressing condition given the freshly
 * calculated status (mutated in place).
 */
export function updateProgressingCondition(d: Deployment, newRS: ReplicaSet | undefined, s: DeploymentStatus, nowMs: number): void {
  if (!hasProgressDeadline(d)) {
    removeCondition(s, "Progressing");
    return;
  }
  const current = getCondition(d.status, "Progressing");
  const isComplete = s.replicas === s.updatedReplicas && current?.reason === REASON.newRSAvailable;
  if (isComplete) return;
  const name = newRS?.metadata.name;
  if (deploymentComplete(d, s)) {
    const msg = name ? `ReplicaSet "${name}" has successfully progressed.` : "";
    setCondition(s, newCondition("Progressing", "True", REASON.newRSAvailable, msg, nowMs));
  } else if (deploymentProgressing(d, s)) {
    const msg = name ? `ReplicaSet "${name}" is progressing.` : "Deployment is progressing.";
    const cond = newCondition("Progressing", "True", REASON.rsUpdated, msg, nowMs);
    if (current) {
      if (current.status === "True") cond.lastTransitionTime = current.lastTransitionTime;
      removeCondition(s, "Progressing");
    }
    setCondition(s, cond);
  } else if (deploymentTimedOut(d, s, nowMs)) {
    const msg = name ? `ReplicaSet "${name}" has timed out progressing.` : `Deployment "${d.metadata.name}" has timed out progressing.`;
    setCondition(s, newCondition("Progressing", "False", REASON.timedOut, msg, nowMs));
  }
}

/**
 * requeueStuckDeployment: when a rollout is neither complete nor timed out, the time until the
 * deadline would pass (checked then; undefined when no check is needed).
 */
export function msUntilProgressDeadline(d: Deployment & { metadata: { generation?: number } }, s: DeploymentStatus, nowMs: number): number | undefined {
  const cond = getCondition(s, "Progressing");
  if (!hasProgressDeadline(d) || !cond) return undefined;
  if (deploymentComplete(d, s) || cond.reason === REASON.timedOut) return undefined;
  const after = parseTimestamp(cond.lastUpdateTime ?? "") + progressDeadlineSecondsOf(d) * 1000 - nowMs;
  if (Number.isNaN(after)) return undefined;
  return after < 1000 ? 0 : after + 1000;
}
