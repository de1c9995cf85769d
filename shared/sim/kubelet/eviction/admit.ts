import type { Node } from "../../../k8s/schema/node.ts";
import type { Pod } from "../../../k8s/schema/pod.ts";
import { TAINT_NODE_MEMORY_PRESSURE, tolerationsTolerateTaint } from "../../../k8s/taints.ts";
import { EVICTED_REASON, nodeConditionMessage } from "./message.ts";
import { truePressureConditions } from "./node-conditions.ts";
import { isBestEffort, isCriticalPod } from "./resources.ts";

export type PressureAdmitResult = { admit: true } | { admit: false; reason: "Evicted"; message: string };

/**
 * The eviction manager's pod admit handler (managerImpl.Admit), for the kubelet to call before
 * starting a pod: under MemoryPressure alone only BestEffort pods are refused (unless they
 * tolerate the memory-pressure taint); under any other pressure every pod is refused; critical
 * pods are always admitted. The refused pod fails with reason `Evicted` and the message
 * `The node had condition: [MemoryPressure]. `.
 */
export function admitPodUnderPressure(node: Pick<Node, "status">, pod: Pick<Pod, "spec">): PressureAdmitResult {
  const conditions = truePressureConditions(node.status?.conditions);
  if (conditions.length === 0) return { admit: true };
  if (isCriticalPod(pod)) return { admit: true };
  if (conditions.length === 1 && conditions[0] === "MemoryPressure") {
    if (!isBestEffort(pod)) return { admit: true };
    if (tolerationsTolerateTaint(pod.spec.tolerations, { key: TAINT_NODE_MEMORY_PRESSURE, effect: "NoSchedule" })) return { admit: true };
  }
  return { admit: false, reason: EVICTED_REASON, message: nodeConditionMessage(conditions) };
}
