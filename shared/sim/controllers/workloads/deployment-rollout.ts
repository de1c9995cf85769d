import type { Condition } from "../../../k8s/schema/meta.ts";
import type { DeploymentStatus } from "../../../k8s/schema/workloads.ts";
import { calculateStatus, deploymentComplete, msUntilProgressDeadline, removeCondition, setCondition, updateProgressingCondition } from "./deployment-status.ts";
import { cleanupDeployment, getAllReplicaSets, refresh, scaleIfNeeded, writeDeployment, type DeploymentSync, type RS } from "./deployment-sync.ts";
import { byCreation, maxUnavailableOf, newRSNewReplicas, replicasOf, rsReplicas, sumAvailableReplicas, sumReplicas } from "./deployment-util.ts";
import { getControllerOf } from "./controller-ref.ts";
import { isPodTerminal } from "./pod-state.ts";

/** The two strategies (rolling.go, recreate.go) and syncRolloutStatus (progress.go). */
export const DEPLOYMENT_QUEUE = "deployment";

/** rolloutRolling: grow the new ReplicaSet within maxSurge, shrink old ones within maxUnavailable. */
export function rolloutRolling(s: DeploymentSync, rsList: RS[]): void {
  let { newRS, oldRSs } = getAllReplicaSets(s, rsList, true);
  if (!newRS) return syncRolloutStatus(s, oldRSs, undefined);
  const replicas = replicasOf(s.d);
  // reconcileNewReplicaSet
  const target = rsReplicas(newRS) > replicas ? replicas : newRSNewReplicas(s.d, [...oldRSs, newRS], newRS);
  const up = rsReplicas(newRS) === replicas ? { scaled: false, rs: newRS } : scaleIfNeeded(s, newRS, target);
  newRS = up.rs;
  if (up.scaled) return syncRolloutStatus(s, [newRS, ...oldRSs], newRS);
  const scaledDown = reconcileOldReplicaSets(s, oldRSs, newRS);
  oldRSs = refresh(s, oldRSs);
  if (scaledDown) return syncRolloutStatus(s, [newRS, ...oldRSs], newRS);
  if (deploymentComplete(s.d, s.d.status ?? {})) cleanupDeployment(s, oldRSs);
  syncRolloutStatus(s, [newRS, ...refresh(s, oldRSs)], newRS);
}

function reconcileOldReplicaSets(s: DeploymentSync, oldRSsAll: RS[], newRS: RS): boolean {
  const oldRSs = oldRSsAll.filter((rs) => rsReplicas(rs) > 0);
  if (sumReplicas(oldRSs) === 0) return false;
  const allPods = sumReplicas([...oldRSs, newRS]);
  const minAvailable = replicasOf(s.d) - maxUnavailableOf(s.d);
  const newRSUnavailable = rsReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = allPods - minAvailable - newRSUnavailable;
  if (maxScaledDown <= 0) return false;
  // cleanupUnhealthyReplicas: unavailable old pods go first, they cost no availability.
  let cleaned = 0;
  const sorted = [...oldRSs].sort(byCreation);
  const after: RS[] = [];
  for (const rs of sorted) {
    const available = rs.status?.availableReplicas ?? 0;
    if (cleaned >= maxScaledDown || rsReplicas(rs) === 0 || rsReplicas(rs) === available) {
      after.push(rs);
      continue;
    }
    const n = Math.min(maxScaledDown - cleaned, rsReplicas(rs) - available);
    after.push(scaleIfNeeded(s, rs, rsReplicas(rs) - n).rs);
    cleaned += n;
  }
  // scaleDownOldReplicaSetsForRollingUpdate: then available ones, keeping minAvailable.
  const availableCount = sumAvailableReplicas([...after, newRS]);
  let scaledDown = 0;
  if (availableCount > minAvailable) {
    const total = availableCount - minAvailable;
    for (const rs of after) {
      if (scaledDown >= total) break;
      if (rsReplicas(rs) === 0) continue;
      const n = Math.min(rsReplicas(rs), total - scaledDown);
      scaleIfNeeded(s, rs, rsReplicas(rs) - n);
      scaledDown += n;
    }
  }
  return cleaned + scaledDown > 0;
}

/** rolloutRecreate: old ReplicaSets to 0, wait until none of their pods runs, then the new one. */
export function rolloutRecreate(s: DeploymentSync, rsList: RS[]): void {
  let { newRS, oldRSs } = getAllReplicaSets(s, rsList, false);
  let scaledDown = false;
  for (const rs of oldRSs) if (rsReplicas(rs) > 0 && scaleIfNeeded(s, rs, 0).scaled) scaledDown = true;
  oldRSs = refresh(s, oldRSs);
  const all = () => [...(newRS ? [newRS] : []), ...oldRSs];
  if (scaledDown || oldPodsRunning(s, newRS, oldRSs)) return syncRolloutStatus(s, all(), newRS);
  if (!newRS) ({ newRS, oldRSs } = getAllReplicaSets(s, rsList, true));
  if (newRS) newRS = scaleIfNeeded(s, newRS, replicasOf(s.d)).rs;
  if (deploymentComplete(s.d, s.d.status ?? {})) cleanupDeployment(s, oldRSs);
  syncRolloutStatus(s, refresh(s, all()), newRS);
}

/** oldPodsRunning: any old ReplicaSet still counts pods, or owns a pod that is not Succeeded/Failed. */
function oldPodsRunning(s: DeploymentSync, newRS: RS | undefined, oldRSs: RS[]): boolean {
  if (oldRSs.reduce((n, rs) => n + (rs.status?.replicas ?? 0), 0) > 0) return true;
  for (const rs of oldRSs) {
    if (newRS && rs.metadata.uid === newRS.metadata.uid) continue;
    for (const dep of s.ctx.store.dependents(rs.metadata.uid)) {
      if (!dep.startsWith("Pod\0")) continue;
      const pod = s.ctx.store.get("Pod", dep.slice(4));
      if (pod && getControllerOf(pod)?.uid === rs.metadata.uid && !isPodTerminal(pod)) return true;
    }
  }
  return false;
}

/** getReplicaFailures: the new ReplicaSet's ReplicaFailure condition, else an old one's. */
function replicaFailure(allRSs: RS[], newRS: RS | undefined): Condition | undefined {
  const pick = (rs: RS) => rs.status?.conditions?.find((c) => c.type === "ReplicaFailure");
  const c = (newRS && pick(newRS)) ?? allRSs.map(pick).find((x) => x);
  return c && { type: "ReplicaFailure", status: c.status, lastUpdateTime: c.lastTransitionTime, lastTransitionTime: c.lastTransitionTime, reason: c.reason, message: c.message };
}

/** syncRolloutStatus: counts, Available, Progressing (with the deadline), ReplicaFailure. */
export function syncRolloutStatus(s: DeploymentSync, allRSs: RS[], newRS: RS | undefined): void {
  const now = s.ctx.nowMs();
  const status: DeploymentStatus = calculateStatus(s.d, allRSs, newRS, now);
  updateProgressingCondition(s.d, newRS, status, now);
  const failure = replicaFailure(allRSs, newRS);
  if (failure) setCondition(status, failure);
  else removeCondition(status, "ReplicaFailure");
  if (status.conditions?.length === 0) delete status.conditions;
  const before = s.d.metadata.resourceVersion;
  writeDeployment(s, undefined, status);
  if (s.d.metadata.resourceVersion !== before) return;
  // requeueStuckDeployment: unchanged status, rollout under way: look again at the deadline.
  const after = msUntilProgressDeadline(s.d, status, now);
  if (after !== undefined) s.ctx.enqueueAfter(DEPLOYMENT_QUEUE, `${s.d.metadata.namespace}/${s.d.metadata.name}`, after);
}
