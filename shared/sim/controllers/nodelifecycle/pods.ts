import type { PodStatus } from "../../../k8s/schema/pod.ts";

/**
 * MarkPodsNotReady (pkg/controller/util/node/controller_utils.go) for one pod: its Ready
 * condition turns False (new lastTransitionTime, reason and message kept) so endpoints drop it.
 * Only the Ready condition changes: ContainersReady and the container statuses stay as the
 * kubelet last reported them. Undefined when the pod has no Ready condition or it is already False.
 */
export function markPodNotReady(status: PodStatus | undefined, nowIso: string): PodStatus | undefined {
  const conditions = status?.conditions;
  const i = conditions?.findIndex((c) => c.type === "Ready") ?? -1;
  if (!status || !conditions || i < 0 || conditions[i].status === "False") return undefined;
  const next = [...conditions];
  next[i] = { ...conditions[i], status: "False", lastTransitionTime: nowIso };
  return { ...status, conditions: next };
}
