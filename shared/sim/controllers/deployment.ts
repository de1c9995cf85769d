import type { Stored } from "../../k8s/kinds.ts";
import { compileSelector } from "../../k8s/labels.ts";
import type { Deployment, ReplicaSet } from "../../k8s/schema/workloads.ts";
import type { Controller, SimContext } from "../controller.ts";
import { controllerKeyOf, getControllerOf, newControllerRef } from "./workloads/controller-ref.ts";
import { DEPLOYMENT_QUEUE, rolloutRecreate, rolloutRolling } from "./workloads/deployment-rollout.ts";
import { getCondition, newCondition, REASON, setCondition } from "./workloads/deployment-status.ts";
import { DEPLOYMENT_COMPONENT, getAllReplicaSets, isScalingEvent, syncScaleOnly, writeDeployment, type DeploymentSync, type RS } from "./workloads/deployment-sync.ts";
import { hasProgressDeadline, isRollingUpdate } from "./workloads/deployment-util.ts";

const NAME = DEPLOYMENT_QUEUE;

/**
 * The Deployment controller (pkg/controller/deployment/deployment_controller.go, sync.go):
 * owns ReplicaSets by controllerRef, creates one per pod template (named by its
 * pod-template-hash), rolls from old to new by the strategy, and reports progress.
 * Simplification: the deprecated `rollbackTo` field and foreground deletion are not modelled;
 * `kubectl rollout undo` patches the template (see workloads/rollout.ts), as modern kubectl does.
 */
export const deploymentController: Controller = {
  name: NAME,
  watches: {
    Deployment: (ev, ctx) => {
      if (ev.type !== "DELETED") ctx.enqueue(NAME, ev.key);
    },
    ReplicaSet: (ev, ctx) => {
      const rs = ev.object as Stored<ReplicaSet>;
      const owner = controllerKeyOf(rs, "Deployment");
      if (owner) ctx.enqueue(NAME, owner);
      const oldOwner = ev.old ? controllerKeyOf(ev.old, "Deployment") : undefined;
      if (oldOwner && oldOwner !== owner) ctx.enqueue(NAME, oldOwner);
      if (!owner && ev.type !== "DELETED") enqueueMatchingDeployments(ctx, rs);
    },
    // A Recreate rollout waits for the old pods to be gone.
    Pod: (ev, ctx) => {
      if (ev.type !== "DELETED") return;
      const rsKey = controllerKeyOf(ev.object, "ReplicaSet");
      const rs = rsKey ? ctx.store.get("ReplicaSet", rsKey) : undefined;
      const dKey = rs ? controllerKeyOf(rs, "Deployment") : undefined;
      if (!dKey) return;
      const d = ctx.store.get("Deployment", dKey);
      if (d && !isRollingUpdate(d)) ctx.enqueue(NAME, dKey);
    },
  },
  sync(key, ctx) {
    const d = ctx.store.get("Deployment", key);
    if (!d || d.metadata.deletionTimestamp) return;
    const s: DeploymentSync = { ctx, d };
    const sel = d.spec.selector;
    if (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0) {
      ctx.recordEvent(d, "Warning", "SelectingAll", "This deployment is selecting all pods. A non-empty selector is required.", { component: DEPLOYMENT_COMPONENT });
      if (d.status?.observedGeneration !== d.metadata.generation) writeDeployment(s, undefined, { ...(d.status ?? {}), observedGeneration: d.metadata.generation });
      return;
    }
    const rsList = claimReplicaSets(ctx, d);
    checkPausedConditions(s);
    if (s.d.spec.paused) return syncScaleOnly(s, rsList);
    const { newRS, oldRSs } = getAllReplicaSets(s, rsList, false);
    if (isScalingEvent(s.d, newRS, oldRSs)) return syncScaleOnly(s, rsList);
    if (isRollingUpdate(s.d)) rolloutRolling(s, rsList);
    else rolloutRecreate(s, rsList);
  },
};

function enqueueMatchingDeployments(ctx: SimContext, rs: Stored<ReplicaSet>): void {
  for (const dKey of [...ctx.store.namespaceKeys("Deployment", rs.metadata.namespace ?? "default")].sort()) {
    const d = ctx.store.get("Deployment", dKey);
    if (d && compileSelector(d.spec.selector)(rs.metadata.labels)) ctx.enqueue(NAME, dKey);
  }
}

/** ClaimReplicaSets: owned ReplicaSets that still match, adopting matching orphans, releasing the rest. */
function claimReplicaSets(ctx: SimContext, d: Stored<Deployment>): RS[] {
  const matches = compileSelector(d.spec.selector);
  const out: RS[] = [];
  for (const rsKey of [...ctx.store.namespaceKeys("ReplicaSet", d.metadata.namespace ?? "default")].sort()) {
    const rs = ctx.store.get("ReplicaSet", rsKey);
    if (!rs) continue;
    const ref = getControllerOf(rs);
    const match = matches(rs.metadata.labels);
    if (ref) {
      if (ref.uid !== d.metadata.uid) continue;
      if (match) out.push(rs);
      else {
        const owners = (rs.metadata.ownerReferences ?? []).filter((r) => r.uid !== d.metadata.uid);
        ctx.store.update("ReplicaSet", { ...rs, metadata: { ...rs.metadata, ownerReferences: owners.length ? owners : undefined } });
      }
      continue;
    }
    if (!match || rs.metadata.deletionTimestamp) continue;
    out.push(
      ctx.store.update("ReplicaSet", {
        ...rs,
        metadata: { ...rs.metadata, ownerReferences: [...(rs.metadata.ownerReferences ?? []), newControllerRef(d, "Deployment")] },
      }),
    );
  }
  return out;
}

/** checkPausedConditions: Progressing Unknown DeploymentPaused / DeploymentResumed (never over a timeout). */
function checkPausedConditions(s: DeploymentSync): void {
  if (!hasProgressDeadline(s.d)) return;
  const cond = getCondition(s.d.status, "Progressing");
  if (cond?.reason === REASON.timedOut) return;
  const pausedCondExists = cond?.reason === REASON.paused;
  const now = s.ctx.nowMs();
  const status = { ...(s.d.status ?? {}) };
  if (s.d.spec.paused && !pausedCondExists) {
    setCondition(status, newCondition("Progressing", "Unknown", REASON.paused, "Deployment is paused", now));
  } else if (!s.d.spec.paused && pausedCondExists) {
    setCondition(status, newCondition("Progressing", "Unknown", REASON.resumed, "Deployment is resumed", now));
  } else return;
  writeDeployment(s, undefined, status);
}

