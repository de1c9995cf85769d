import type { Condition } from "../../../k8s/schema/meta.ts";
import type { PressureCondition } from "./signals.ts";

/** Types the node-status setters of the eviction manager own (pkg/kubelet/nodestatus/setters.go). */
export type NodePressureCondition = PressureCondition | "PIDPressure";

interface Wording {
  trueReason: string;
  trueMessage: string;
  trueEvent: string;
  falseReason: string;
  falseMessage: string;
  falseEvent: string;
}

/** Reasons, messages and node events exactly as MemoryPressureCondition/DiskPressureCondition/PIDPressureCondition word them. */
export const PRESSURE_WORDING: Record<NodePressureCondition, Wording> = {
  MemoryPressure: {
    trueReason: "KubeletHasInsufficientMemory",
    trueMessage: "kubelet has insufficient memory available",
    trueEvent: "NodeHasInsufficientMemory",
    falseReason: "KubeletHasSufficientMemory",
    falseMessage: "kubelet has sufficient memory available",
    falseEvent: "NodeHasSufficientMemory",
  },
  DiskPressure: {
    trueReason: "KubeletHasDiskPressure",
    trueMessage: "kubelet has disk pressure",
    trueEvent: "NodeHasDiskPressure",
    falseReason: "KubeletHasNoDiskPressure",
    falseMessage: "kubelet has no disk pressure",
    falseEvent: "NodeHasNoDiskPressure",
  },
  PIDPressure: {
    trueReason: "KubeletHasInsufficientPID",
    trueMessage: "kubelet has insufficient PID available",
    trueEvent: "NodeHasInsufficientPID",
    falseReason: "KubeletHasSufficientPID",
    falseMessage: "kubelet has sufficient PID available",
    falseEvent: "NodeHasSufficientPID",
  },
};

const ORDER: readonly NodePressureCondition[] = ["MemoryPressure", "DiskPressure", "PIDPressure"];

/**
 * The pressure setters applied to a node's conditions: a missing condition is created, and a
 * condition whose status differs from the pressure flips with a new lastTransitionTime and the
 * node event the kubelet records (`NodeHasInsufficientMemory`...). Returns undefined when nothing
 * changes, so callers write only on change.
 * Simplification: lastHeartbeatTime moves only when the condition is written (the kubelet also
 * refreshes it on each status report; leases carry the heartbeat in the simulator).
 * PIDPressure is never under pressure: PID usage is not simulated.
 */
export function applyPressureConditions(
  conditions: readonly Condition[] | undefined,
  pressure: Partial<Record<NodePressureCondition, boolean>>,
  nowIso: string,
): { conditions: Condition[]; events: string[] } | undefined {
  const next = [...(conditions ?? [])];
  const events: string[] = [];
  for (const type of ORDER) {
    const w = PRESSURE_WORDING[type];
    const want = pressure[type] === true;
    const i = next.findIndex((c) => c.type === type);
    const cur = i >= 0 ? next[i] : undefined;
    if (cur && cur.status === (want ? "True" : "False")) continue;
    const updated: Condition = {
      type,
      status: want ? "True" : "False",
      lastHeartbeatTime: nowIso,
      lastTransitionTime: nowIso,
      reason: want ? w.trueReason : w.falseReason,
      message: want ? w.trueMessage : w.falseMessage,
    };
    events.push(want ? w.trueEvent : w.falseEvent);
    if (i >= 0) next[i] = updated;
    else {
      // The kubelet posts pressure conditions before Ready ("NodeReady needs to be the last").
      const ready = next.findIndex((c) => c.type === "Ready");
      if (ready >= 0) next.splice(ready, 0, updated);
      else next.push(updated);
    }
  }
  return events.length ? { conditions: next, events } : undefined;
}

/** The pressure conditions that are True on a node, in the kubelet's order. */
export function truePressureConditions(conditions: readonly Condition[] | undefined): NodePressureCondition[] {
  return ORDER.filter((t) => conditions?.some((c) => c.type === t && c.status === "True"));
}
