import type { Condition } from "../../../k8s/schema/meta.ts";
import type { Node } from "../../../k8s/schema/node.ts";

/** kube-controller-manager --node-monitor-period: how often node health is looked at. */
export const NODE_MONITOR_PERIOD_MS = 5_000;
/** --node-startup-grace-period: a node that never posted status gets this long. */
export const NODE_STARTUP_GRACE_PERIOD_MS = 60_000;

/** The conditions the controller turns Unknown; NetworkUnavailable is left alone (control-plane managed). */
const MONITORED: readonly string[] = ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"];

export function getCondition(node: Pick<Node, "status">, type: string): Condition | undefined {
  return node.status?.conditions?.find((c) => c.type === type);
}

/**
 * tryUpdateNodeHealth (pkg/controller/nodelifecycle/node_lifecycle_controller.go) as a pure
 * function. `probeMs` is when the controller last heard from the kubelet (its lease renewal or
 * status post). Once more than the grace period has passed (40 s, or 60 s for a node that never
 * posted a Ready condition), every monitored condition turns Unknown: reason NodeStatusUnknown,
 * `Kubelet stopped posting node status.`, or for a condition never posted NodeStatusNeverUpdated,
 * `Kubelet never posted node status.`. Returns the new conditions only when something changed,
 * and otherwise when to look again.
 */
export function nodeHealthUpdate(
  node: Pick<Node, "status">,
  input: { probeMs: number; nowMs: number; gracePeriodMs: number; creationIso: string; nowIso: string },
): { conditions?: Condition[]; expired: boolean; checkAtMs?: number } {
  const grace = getCondition(node, "Ready") ? input.gracePeriodMs : NODE_STARTUP_GRACE_PERIOD_MS;
  const deadline = input.probeMs + grace;
  if (!(input.nowMs > deadline)) return { expired: false, checkAtMs: nextMonitorPass(deadline) };
  const conditions = [...(node.status?.conditions ?? [])];
  let changed = false;
  for (const type of MONITORED) {
    const i = conditions.findIndex((c) => c.type === type);
    if (i < 0) {
      conditions.push({
        type,
        status: "Unknown",
        lastHeartbeatTime: input.creationIso,
        lastTransitionTime: input.nowIso,
        reason: "NodeStatusNeverUpdated",
        message: "Kubelet never posted node status.",
      });
      changed = true;
    } else if (conditions[i].status !== "Unknown") {
      conditions[i] = {
        ...conditions[i],
        status: "Unknown",
        reason: "NodeStatusUnknown",
        message: "Kubelet stopped posting node status.",
        lastTransitionTime: input.nowIso,
      };
      changed = true;
    }
  }
  return changed ? { conditions, expired: true } : { expired: true };
}

/**
 * The first monitor pass strictly after `deadlineMs`: monitorNodeHealth runs every
 * nodeMonitorPeriod, so a node is seen expired on the next 5 s boundary after its grace period
 * (times are on the cluster clock, which starts on a whole second).
 */
export function nextMonitorPass(deadlineMs: number): number {
  return (Math.floor(deadlineMs / NODE_MONITOR_PERIOD_MS) + 1) * NODE_MONITOR_PERIOD_MS;
}
