import type { Stored } from "../../../k8s/kinds.ts";
import type { PodTemplateSpec } from "../../../k8s/schema/pod.ts";
import type { Deployment, ReplicaSet } from "../../../k8s/schema/workloads.ts";
import { err, ok, type Result } from "../../../util/result.ts";
import type { Store } from "../../store.ts";
import { getControllerOf } from "./controller-ref.ts";
import { getCondition, REASON } from "./deployment-status.ts";
import { ANNOTATIONS_TO_SKIP, CHANGE_CAUSE_ANNOTATION, revisionOf } from "./deployment-util.ts";
import { equalIgnoreHash, withoutHashLabel } from "./pod-template-hash.ts";

/**
 * What `kubectl rollout history|undo|status` compute for a Deployment
 * (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/{history,rollback,rollout_status}.go).
 */

export interface RevisionInfo {
  revision: number;
  /** The `kubernetes.io/change-cause` annotation of that revision's ReplicaSet, if any. */
  changeCause?: string;
  replicaSet: string;
  template: PodTemplateSpec;
}

/** The ReplicaSets a Deployment controls (by controllerRef), oldest revision first. */
function replicaSetsOf(store: Pick<Store, "dependents" | "get">, d: Stored<Deployment>): Stored<ReplicaSet>[] {
  const out: Stored<ReplicaSet>[] = [];
  for (const dep of store.dependents(d.metadata.uid)) {
    if (!dep.startsWith("ReplicaSet\0")) continue;
    const rs = store.get("ReplicaSet", dep.slice("ReplicaSet\0".length));
    if (rs && getControllerOf(rs)?.uid === d.metadata.uid) out.push(rs);
  }
  return out.sort((a, b) => revisionOf(a) - revisionOf(b) || (a.metadata.name < b.metadata.name ? -1 : 1));
}

/** `kubectl rollout history`: one entry per revision, ascending. */
export function rolloutHistory(store: Pick<Store, "dependents" | "get">, d: Stored<Deployment>): RevisionInfo[] {
  return replicaSetsOf(store, d)
    .filter((rs) => !Number.isNaN(revisionOf(rs)) && rs.spec.template)
    .map((rs) => ({
      revision: revisionOf(rs),
      ...(rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION] !== undefined ? { changeCause: rs.metadata.annotations[CHANGE_CAUSE_ANNOTATION] } : {}),
      replicaSet: rs.metadata.name,
      template: withoutHashLabel(rs.spec.template!),
    }));
}

export interface Rollback {
  /** The template to write into the Deployment (hash label removed). */
  template: PodTemplateSpec;
  /** The Deployment's new annotations: its own skipped ones plus the ReplicaSet's (change-cause...). */
  annotations: Record<string, string>;
  revision: number;
  /** Set when nothing is to be done: `skipped rollback (current template already matches revision 2)`. */
  skipped?: string;
}

/** `kubectl rollout undo [--to-revision=N]`: the previous revision by default. Errors are kubectl's messages. */
export function rollbackTemplate(store: Pick<Store, "dependents" | "get">, d: Stored<Deployment>, toRevision = 0): Result<Rollback, string> {
  if (d.spec.paused) return err("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
  let latest: { rev: number; rs?: Stored<ReplicaSet> } = { rev: -1 };
  let previous: { rev: number; rs?: Stored<ReplicaSet> } = { rev: -1 };
  let found: Stored<ReplicaSet> | undefined;
  for (const rs of replicaSetsOf(store, d)) {
    const v = revisionOf(rs);
    if (Number.isNaN(v)) continue;
    if (toRevision === 0) {
      if (latest.rev < v) {
        previous = latest;
        latest = { rev: v, rs };
      } else if (previous.rev < v) previous = { rev: v, rs };
    } else if (v === toRevision) found = rs;
  }
  if (toRevision > 0 && !found) return err(`unable to find specified revision ${toRevision} in history`);
  const target = found ?? previous.rs;
  if (!target || !target.spec.template) return err(`no rollout history found for deployment "${d.metadata.name}"`);
  const revision = revisionOf(target);
  const annotations: Record<string, string> = {};
  for (const k of ANNOTATIONS_TO_SKIP) {
    const v = d.metadata.annotations?.[k];
    if (v !== undefined) annotations[k] = v;
  }
  for (const [k, v] of Object.entries(target.metadata.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  const template = withoutHashLabel(target.spec.template);
  const skipped = equalIgnoreHash(target.spec.template, d.spec.template)
    ? `skipped rollback (current template already matches revision ${toRevision})`
    : undefined;
  return ok({ template, annotations, revision, ...(skipped ? { skipped } : {}) });
}

export interface RolloutStatus {
  message: string;
  done: boolean;
  /** Set when the rollout failed: `deployment "web" exceeded its progress deadline`. */
  error?: string;
}

/** DeploymentStatusViewer.Status: kubectl's exact lines (without the trailing newline). */
export function rolloutStatus(d: Stored<Deployment>): RolloutStatus {
  const name = d.metadata.name;
  const s = d.status ?? {};
  if ((d.metadata.generation ?? 0) > (s.observedGeneration ?? 0)) {
    return { message: "Waiting for deployment spec update to be observed...", done: false };
  }
  if (getCondition(s, "Progressing")?.reason === REASON.timedOut) {
    const error = `deployment "${name}" exceeded its progress deadline`;
    return { message: error, done: false, error };
  }
  const replicas = d.spec.replicas ?? 1;
  const updated = s.updatedReplicas ?? 0;
  const total = s.replicas ?? 0;
  const available = s.availableReplicas ?? 0;
  const wait = `Waiting for deployment "${name}" rollout to finish: `;
  if (updated < replicas) return { message: `${wait}${updated} out of ${replicas} new replicas have been updated...`, done: false };
  if (total > updated) return { message: `${wait}${total - updated} old replicas are pending termination...`, done: false };
  if (available < updated) return { message: `${wait}${available} of ${updated} updated replicas are available...`, done: false };
  return { message: `deployment "${name}" successfully rolled out`, done: true };
}
