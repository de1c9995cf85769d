import type { Store } from "../store.ts";
import { podPriority, type NodeInfo, type SchedulerCache } from "./cache.ts";
import { fitErrorMessage, type NodeToStatus } from "./fit-error.ts";
import { runFilters, type FilterStatus, type PodFilterInput } from "./filters.ts";

export const PREEMPTION_NOT_HELPFUL = "Preemption is not helpful for scheduling";
export const NO_PREEMPTION_VICTIMS = "No preemption victims found for incoming pod";

/**
 * The DefaultPreemption PostFilter's verdict, as the text it adds to FailedScheduling:
 * - `preemptionPolicy: Never` ⇒ `preemption: not eligible due to preemptionPolicy=Never.`
 * - otherwise a dry run per node: nodes rejected as UnschedulableAndUnresolvable (taints,
 *   affinity, cordon) are "not helpful"; on the others, with no lower-priority pod there is
 *   "No preemption victims found for incoming pod", and with some, the filters are run again
 *   as if they were gone: a node that still rejects the pod gives its reasons.
 *
 * Returns `{ candidate: true }` when evicting lower-priority pods would make room somewhere.
 */
export function preemptionVerdict(
  p: PodFilterInput,
  nodes: readonly NodeInfo[],
  nodeToStatus: ReadonlyMap<string, FilterStatus>,
  cache: SchedulerCache,
  store: Store,
): { candidate: false; message: string } | { candidate: true; node: string } {
  if (p.pod.spec.preemptionPolicy === "Never") {
    return { candidate: false, message: "preemption: not eligible due to preemptionPolicy=Never." };
  }
  const priority = podPriority(p.pod);
  const statuses: NodeToStatus = new Map();
  for (const info of nodes) {
    const status = nodeToStatus.get(info.name);
    if (status?.code === "UnschedulableAndUnresolvable") {
      statuses.set(info.name, { reasons: [PREEMPTION_NOT_HELPFUL] });
      continue;
    }
    let hasVictims = false;
    for (const prio of info.priorities.keys()) if (prio < priority) hasVictims = true;
    if (!hasVictims) {
      statuses.set(info.name, { reasons: [NO_PREEMPTION_VICTIMS] });
      continue;
    }
    const freed = { cpuMillis: 0, memoryBytes: 0, pods: 0, hostPorts: [] as string[] };
    for (const key of [...store.podKeysOnNode(info.name)].sort()) {
      const acc = cache.accountedPod(key);
      if (!acc || acc.node !== info.name || acc.priority >= priority) continue;
      freed.cpuMillis += acc.req.cpuMillis;
      freed.memoryBytes += acc.req.memoryBytes;
      freed.pods++;
      freed.hostPorts.push(...acc.req.hostPorts);
    }
    const after = runFilters(p, info, freed);
    if (!after) return { candidate: true, node: info.name };
    statuses.set(info.name, { reasons: after.reasons });
  }
  return { candidate: false, message: `preemption: ${fitErrorMessage({ numAllNodes: statuses.size, nodeToStatus: statuses })}` };
}
