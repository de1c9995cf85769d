import type { NodeLike } from "../../k8s/node-affinity.ts";
import type { Toleration } from "../../k8s/schema/pod.ts";
import { tolerationsTolerateTaint } from "../../k8s/taints.ts";
import { nextInt, type RngState } from "../rng.ts";
import type { NodeInfo } from "./cache.ts";
import type { PodRequest } from "./resources.ts";

/** framework.MaxNodeScore. */
export const MAX_NODE_SCORE = 100;

/** Score plugin weights of the default profile (pkg/scheduler/apis/config/v1/default_plugins.go). */
export const SCORE_WEIGHTS = { NodeResourcesFit: 1, NodeResourcesBalancedAllocation: 1, TaintToleration: 3, NodeAffinity: 2 } as const;

/** What scoring needs about the pod, computed once per attempt (the PreScore step). */
export interface PodScoreInput {
  request: PodRequest;
  /** Tolerations that count against PreferNoSchedule taints: effect PreferNoSchedule or empty. */
  preferNoScheduleTolerations: readonly Toleration[];
  preferredAffinity: ((node: NodeLike) => number) | null;
}

export function preferNoScheduleTolerations(tolerations: readonly Toleration[]): Toleration[] {
  return tolerations.filter((t) => !t.effect || t.effect === "PreferNoSchedule");
}

/** leastRequestedScore: the free share of a resource after placing the pod, 0..100, integer maths. */
function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.floor(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** NodeResourcesFit, LeastAllocated strategy, cpu and memory weighted 1:1, on the non-zero requests. */
export function leastAllocatedScore(req: PodRequest, info: NodeInfo): number {
  const cpu = leastRequestedScore(info.nonZeroCpuMillis + req.nonZeroCpuMillis, info.allocCpuMillis);
  const mem = leastRequestedScore(info.nonZeroMemoryBytes + req.nonZeroMemoryBytes, info.allocMemoryBytes);
  return Math.floor((cpu + mem) / 2);
}

/** NodeResourcesBalancedAllocation: 100 × (1 − std of the cpu and memory fractions), on the actual requests. */
export function balancedAllocationScore(req: PodRequest, info: NodeInfo): number {
  let f0 = -1;
  let f1 = -1;
  if (info.allocCpuMillis > 0) f0 = Math.min(1, (info.requestedCpuMillis + req.cpuMillis) / info.allocCpuMillis);
  if (info.allocMemoryBytes > 0) f1 = Math.min(1, (info.requestedMemoryBytes + req.memoryBytes) / info.allocMemoryBytes);
  const std = f0 >= 0 && f1 >= 0 ? Math.abs((f0 - f1) / 2) : 0;
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/** TaintToleration Score before normalising: how many PreferNoSchedule taints the pod does not tolerate. */
export function intolerablePreferNoScheduleCount(p: PodScoreInput, info: NodeInfo): number {
  let n = 0;
  for (const t of info.preferNoScheduleTaints) if (!tolerationsTolerateTaint(p.preferNoScheduleTolerations, t)) n++;
  return n;
}

/** helper.DefaultNormalizeScore: scale to 0..max by the highest score; `reverse` turns high into low. */
export function defaultNormalizeScore(scores: number[], reverse: boolean): void {
  let max = 0;
  for (const s of scores) if (s > max) max = s;
  if (max === 0) {
    if (reverse) scores.fill(MAX_NODE_SCORE);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    const s = Math.floor((MAX_NODE_SCORE * scores[i]) / max);
    scores[i] = reverse ? MAX_NODE_SCORE - s : s;
  }
}

/** The weighted NodeResourcesFit and NodeResourcesBalancedAllocation scores: they need no normalising. */
export function resourceScores(req: PodRequest, info: NodeInfo): number {
  return SCORE_WEIGHTS.NodeResourcesFit * leastAllocatedScore(req, info) + SCORE_WEIGHTS.NodeResourcesBalancedAllocation * balancedAllocationScore(req, info);
}

/**
 * Adds the scores normalised over the feasible nodes (TaintToleration, NodeAffinity) to
 * `totals`, which already holds `resourceScores` for the first `n` nodes.
 */
export function addNormalizedScores(p: PodScoreInput, nodes: readonly NodeInfo[], n: number, totals: Float64Array): void {
  let anyPreferNoSchedule = false;
  for (let i = 0; i < n; i++) if (nodes[i].preferNoScheduleTaints.length > 0) anyPreferNoSchedule = true;
  // TaintToleration: with no PreferNoSchedule taint anywhere every node normalises to 100.
  if (anyPreferNoSchedule) {
    const taint = nodes.slice(0, n).map((info) => intolerablePreferNoScheduleCount(p, info));
    defaultNormalizeScore(taint, true);
    for (let i = 0; i < n; i++) totals[i] += SCORE_WEIGHTS.TaintToleration * taint[i];
  } else {
    for (let i = 0; i < n; i++) totals[i] += SCORE_WEIGHTS.TaintToleration * MAX_NODE_SCORE;
  }
  if (p.preferredAffinity) {
    const affinity = nodes.slice(0, n).map((info) => p.preferredAffinity!(info.node!));
    defaultNormalizeScore(affinity, false);
    for (let i = 0; i < n; i++) totals[i] += SCORE_WEIGHTS.NodeAffinity * affinity[i];
  }
}

/** The weighted total of every Score plugin for each of the first `n` nodes, into `totals`. */
export function prioritizeNodes(p: PodScoreInput, nodes: readonly NodeInfo[], n: number, totals: Float64Array): void {
  for (let i = 0; i < n; i++) totals[i] = resourceScores(p.request, nodes[i]);
  addNormalizedScores(p, nodes, n, totals);
}

/**
 * selectHost: the highest total wins; ties are broken uniformly at random with the cluster's
 * generator. The real selectHost does reservoir sampling (one draw per tie); we count the
 * ties and draw once, which picks each tied node with the same 1/k chance at a fraction of
 * the cost.
 */
export function selectHost(nodes: readonly NodeInfo[], n: number, totals: Float64Array, rng: RngState): NodeInfo {
  let max = -Infinity;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (totals[i] > max) {
      max = totals[i];
      count = 1;
    } else if (totals[i] === max) {
      count++;
    }
  }
  let pick = count > 1 ? nextInt(rng, count) : 0;
  for (let i = 0; i < n; i++) {
    if (totals[i] === max && pick-- === 0) return nodes[i];
  }
  return nodes[0];
}
