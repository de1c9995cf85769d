import type { Pod } from "../../../k8s/schema/pod.ts";
import { parseTimestamp } from "../../../k8s/time.ts";
import { isPodActive, isPodReady, maxContainerRestarts, podReadySinceMs } from "./pod-state.ts";

/**
 * Which pods a controller deletes first when it has too many: ActivePodsWithRanks.Less
 * (pkg/controller/controller_utils.go) with the 1.30 feature defaults (PodDeletionCost and
 * LogarithmicScaleDown on). Earlier in the order = deleted first:
 *  1. unscheduled < scheduled
 *  2. Pending < Unknown < Running
 *  3. not ready < ready
 *  4. lower `controller.kubernetes.io/pod-deletion-cost` < higher
 *  5. more related pods on the same node (doubled up) < fewer
 *  6. both ready: ready for less time < longer (compared in log2 buckets of age)
 *  7. more container restarts < fewer
 *  8. newer < older (log2 buckets of age)
 * Ties inside a bucket break by uid, as Kubernetes does; remaining ties by name, so the
 * result never depends on input order (Go's sort.Sort is not stable; we must be deterministic).
 */
export const POD_DELETION_COST_ANNOTATION = "controller.kubernetes.io/pod-deletion-cost";

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

interface Ranked<P extends Pod = Pod> {
  pod: P;
  rank: number;
  scheduled: boolean;
  phase: number;
  ready: boolean;
  cost: number;
  readySinceMs: number | undefined;
  restarts: number;
  createdMs: number | undefined;
}

/** log2 bucket of an age in nanoseconds, as logarithmicRankDiff computes it (-1 for non-positive ages). */
function ageBucket(sinceMs: number, nowMs: number): number {
  const ns = (nowMs - sinceMs) * 1e6;
  return ns > 0 ? Math.floor(Math.log2(ns)) : -1;
}

function deletionCost(pod: Pod): number {
  const v = pod.metadata.annotations?.[POD_DELETION_COST_ANNOTATION];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return 0;
  return Number(v);
}

function compare(a: Ranked, b: Ranked, nowMs: number): number {
  if (a.scheduled !== b.scheduled) return a.scheduled ? 1 : -1;
  if (a.phase !== b.phase) return a.phase - b.phase;
  if (a.ready !== b.ready) return a.ready ? 1 : -1;
  if (a.cost !== b.cost) return a.cost - b.cost;
  if (a.rank !== b.rank) return b.rank - a.rank;
  if (a.ready && b.ready && a.readySinceMs !== b.readySinceMs) {
    const r = compareTimes(a.readySinceMs, b.readySinceMs, nowMs);
    if (r !== 0) return r;
    return byUid(a, b);
  }
  if (a.restarts !== b.restarts) return b.restarts - a.restarts;
  if (a.createdMs !== b.createdMs) {
    const r = compareTimes(a.createdMs, b.createdMs, nowMs);
    if (r !== 0) return r;
    return byUid(a, b);
  }
  return byName(a, b);
}

/** Newer (or missing) time first; equal log2 age buckets compare as 0. */
function compareTimes(a: number | undefined, b: number | undefined, nowMs: number): number {
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  const diff = ageBucket(a, nowMs) - ageBucket(b, nowMs);
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

function byUid(a: Ranked, b: Ranked): number {
  const ua = a.pod.metadata.uid ?? "";
  const ub = b.pod.metadata.uid ?? "";
  return ua < ub ? -1 : ua > ub ? 1 : byName(a, b);
}

function byName(a: Ranked, b: Ranked): number {
  const na = a.pod.metadata.name ?? "";
  const nb = b.pod.metadata.name ?? "";
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/**
 * Sort `pods` in deletion order. `relatedPods` (the pods of every ReplicaSet of the same
 * Deployment, or just `pods`) give each pod its rank: how many active related pods share its node.
 */
export function rankPodsForDeletion<P extends Pod>(pods: readonly P[], relatedPods: readonly Pod[], nowMs: number): P[] {
  const onNode = new Map<string, number>();
  for (const p of relatedPods) {
    if (!isPodActive(p)) continue;
    const n = p.spec.nodeName ?? "";
    onNode.set(n, (onNode.get(n) ?? 0) + 1);
  }
  const ranked: Ranked<P>[] = pods.map((pod) => {
    const created = pod.metadata.creationTimestamp ? parseTimestamp(pod.metadata.creationTimestamp) : NaN;
    return {
      pod,
      rank: onNode.get(pod.spec.nodeName ?? "") ?? 0,
      scheduled: !!pod.spec.nodeName,
      phase: PHASE_ORDINAL[pod.status?.phase ?? "Pending"] ?? 0,
      ready: isPodReady(pod),
      cost: deletionCost(pod),
      readySinceMs: podReadySinceMs(pod),
      restarts: maxContainerRestarts(pod),
      createdMs: Number.isNaN(created) ? undefined : created,
    };
  });
  ranked.sort((a, b) => compare(a, b, nowMs));
  return ranked.map((r) => r.pod);
}

/** getPodsToDelete: the first `diff` pods of the deletion order. */
export function getPodsToDelete<P extends Pod>(pods: readonly P[], relatedPods: readonly Pod[], diff: number, nowMs: number): P[] {
  if (diff <= 0) return [];
  // All of them: in name order, so the writes happen in a deterministic order.
  if (diff >= pods.length) return [...pods].sort((a, b) => ((a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1));
  return rankPodsForDeletion(pods, relatedPods, nowMs).slice(0, diff);
}
