import type { Stored } from "../../k8s/kinds.ts";
import { compilePreferredAffinityScore } from "../../k8s/node-affinity.ts";
import type { Condition } from "../../k8s/schema/meta.ts";
import type { Pod } from "../../k8s/schema/pod.ts";
import { formatTimestamp } from "../../k8s/time.ts";
import type { SimContext } from "../controller.ts";
import type { NodeInfo, SchedulerCache } from "./cache.ts";
import { ERR_NO_NODES_AVAILABLE, fitErrorMessage } from "./fit-error.ts";
import { preparePod, runFilters, type FilterStatus, type PodFilterInput } from "./filters.ts";
import { preemptionVerdict } from "./preemption.ts";
import { podRequest } from "./resources.ts";
import { addNormalizedScores, preferNoScheduleTolerations, resourceScores, selectHost } from "./scoring.ts";
import type { SchedulingQueueState } from "./queue.ts";

export const SCHEDULER_NAME = "default-scheduler";
/** minFeasibleNodesToFind and minFeasibleNodesPercentageToFind. */
const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/**
 * numFeasibleNodesToFind with the adaptive default percentageOfNodesToScore: all nodes below
 * 100, else 50% minus 1% per 125 nodes, at least 5%, at least 100 nodes.
 */
export function numFeasibleNodesToFind(numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = 50 - Math.trunc(numAllNodes / 125);
  if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  const n = Math.trunc((numAllNodes * percentage) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

export type ScheduleResult = { ok: true; node: string } | { ok: false; message: string; rejectedBy: string[] };

/**
 * NodeAffinity's PreFilter: required terms that each name nodes with `matchFields
 * metadata.name In` (what DaemonSet pods carry) restrict the search to those nodes.
 * undefined: every node is a candidate.
 */
function affinityNodeNames(pod: Pod): Set<string> | undefined {
  const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return undefined;
  let names: Set<string> | undefined;
  for (const t of terms) {
    let termNames: Set<string> | undefined;
    for (const r of t.matchFields ?? []) {
      if (r.key !== "metadata.name" || r.operator !== "In") continue;
      const s = new Set(r.values ?? []);
      termNames = termNames ? new Set([...termNames].filter((n) => s.has(n))) : s;
    }
    if (!termNames) return undefined;
    names = new Set([...(names ?? []), ...termNames]);
  }
  return names;
}

/**
 * One scheduling cycle for one pod (schedule_one.go schedulePod): filter nodes from the
 * rotating start index until enough feasible ones are found, score them, pick the best.
 */
export function schedulePod(pod: Stored<Pod>, cache: SchedulerCache, q: SchedulingQueueState, ctx: SimContext): ScheduleResult {
  const allNodes = cache.nodes();
  if (allNodes.length === 0) return { ok: false, message: ERR_NO_NODES_AVAILABLE, rejectedBy: [] };
  const p = preparePod(pod, podRequest(pod, cache.quantities));
  const names = affinityNodeNames(pod);
  if (names && names.size === 0) {
    return { ok: false, message: fitErrorMessage({ numAllNodes: allNodes.length, nodeToStatus: new Map(), preFilterMsg: "pod affinity terms conflict" }), rejectedBy: ["NodeAffinity"] };
  }
  const nodes = names ? allNodes.filter((n) => names.has(n.name)) : allNodes;
  const n = nodes.length;
  const toFind = numFeasibleNodesToFind(n);
  const feasible = cache.feasible;
  if (cache.totals.length < toFind) cache.totals = new Float64Array(Math.max(toFind, 2 * cache.totals.length));
  const totals = cache.totals;
  let found = 0;
  const statuses = new Map<string, FilterStatus>();
  const start = n === 0 ? 0 : q.nextStartNodeIndex % n;
  let processed = 0;
  const req = p.request;
  // Fast path for the common pod (no affinity, no host ports) on an untainted, uncordoned node:
  // only NodeResourcesFit can reject it, checked inline; runFilters words any rejection.
  const simple = p.matchesAffinity === null && req.hostPorts.length === 0;
  const noRequests = req.cpuMillis === 0 && req.memoryBytes === 0;
  for (let idx = start; processed < n && found < toFind; ) {
    const info = nodes[idx];
    if (++idx === n) idx = 0;
    processed++;
    let fits: boolean;
    if (simple && !info.unschedulable && info.filterTaints.length === 0) {
      fits =
        info.podCount < info.allocPods &&
        (noRequests || (req.cpuMillis + info.requestedCpuMillis <= info.allocCpuMillis && req.memoryBytes + info.requestedMemoryBytes <= info.allocMemoryBytes));
    } else {
      fits = runFilters(p, info) === null;
    }
    if (fits) {
      feasible[found] = info;
      totals[found] = resourceScores(req, info);
      found++;
    } else {
      statuses.set(info.name, runFilters(p, info)!);
    }
  }
  if (n > 0) q.nextStartNodeIndex = (start + processed) % n;
  if (found === 0) return failure(p, allNodes, statuses, cache, ctx);
  if (found === 1) return { ok: true, node: feasible[0].name };
  const scoreInput = {
    request: req,
    preferNoScheduleTolerations: preferNoScheduleTolerations(p.tolerations),
    preferredAffinity: compilePreferredAffinityScore(pod.spec),
  };
  addNormalizedScores(scoreInput, feasible, found, totals);
  return { ok: true, node: selectHost(feasible, found, totals, ctx.state.rng).name };
}

function failure(p: PodFilterInput, allNodes: readonly NodeInfo[], statuses: Map<string, FilterStatus>, cache: SchedulerCache, ctx: SimContext): ScheduleResult {
  const verdict = preemptionVerdict(p, allNodes, statuses, cache, ctx.store);
  /**
   * Simplification: no preemption is carried out. When evicting lower-priority pods would make
   * room, the real scheduler evicts them and its FailedScheduling message has no `preemption:`
   * part; we print it the same way but the pod waits for room like any other.
   */
  const postFilterMsg = verdict.candidate ? undefined : verdict.message;
  const rejectedBy = [...new Set([...statuses.values()].map((s) => s.plugin))].sort();
  return { ok: false, message: fitErrorMessage({ numAllNodes: allNodes.length, nodeToStatus: statuses, postFilterMsg }), rejectedBy };
}

/** podutil.UpdatePodCondition: the new condition replaces the old; lastTransitionTime only moves when status changes. */
export function withPodScheduledCondition(pod: Stored<Pod>, status: "True" | "False", nowMs: number, reason?: string, message?: string): Condition[] | null {
  const conditions = pod.status?.conditions ?? [];
  const old = conditions.find((c) => c.type === "PodScheduled");
  const cond: Condition = {
    type: "PodScheduled",
    status,
    lastProbeTime: null,
    lastTransitionTime: old && old.status === status ? old.lastTransitionTime : formatTimestamp(nowMs),
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  };
  if (old && old.status === cond.status && old.reason === cond.reason && old.message === cond.message && old.lastTransitionTime === cond.lastTransitionTime) return null;
  return old ? conditions.map((c) => (c.type === "PodScheduled" ? cond : c)) : [...conditions, cond];
}
