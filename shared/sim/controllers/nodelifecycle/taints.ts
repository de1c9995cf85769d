import type { Condition } from "../../../k8s/schema/meta.ts";
import type { Node, Taint } from "../../../k8s/schema/node.ts";
import {
  TAINT_NODE_DISK_PRESSURE, TAINT_NODE_MEMORY_PRESSURE, TAINT_NODE_NETWORK_UNAVAILABLE, TAINT_NODE_NOT_READY,
  TAINT_NODE_PID_PRESSURE, TAINT_NODE_UNREACHABLE, TAINT_NODE_UNSCHEDULABLE,
} from "../../../k8s/taints.ts";

/** nodeConditionToTaintKeyStatusMap: which condition status means which NoSchedule taint. */
const CONDITION_TAINTS: Record<string, Partial<Record<Condition["status"], string>>> = {
  Ready: { False: TAINT_NODE_NOT_READY, Unknown: TAINT_NODE_UNREACHABLE },
  MemoryPressure: { True: TAINT_NODE_MEMORY_PRESSURE },
  DiskPressure: { True: TAINT_NODE_DISK_PRESSURE },
  NetworkUnavailable: { True: TAINT_NODE_NETWORK_UNAVAILABLE },
  PIDPressure: { True: TAINT_NODE_PID_PRESSURE },
};
const CONDITION_TAINT_KEYS = new Set(Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m)));

/**
 * How NoExecute taints for Ready False/Unknown are handled, from the zone's disruption state:
 * `normal` adds them, `hold` adds none but swaps an existing one (a partially disrupted small
 * zone, whose eviction rate is 0), `clear` removes them (every zone fully disrupted: the
 * controller assumes its own connectivity is the problem).
 */
export type NoExecuteMode = "normal" | "hold" | "clear";

/**
 * The node controller's taints for a node: TaintNodesByCondition's NoSchedule taints
 * (doNoScheduleTaintingPass: condition taints and `node.kubernetes.io/unschedulable` for a
 * cordoned node) and the NoExecute `not-ready`/`unreachable` taint of taint-based eviction
 * (processTaintBaseEviction, markNodeAsReachable). Taints it does not manage keep their place;
 * new ones are appended with timeAdded, as SwapNodeControllerTaint does. Undefined: no change.
 */
export function reconcileNodeTaints(node: Pick<Node, "spec" | "status">, nowIso: string, noExecute: NoExecuteMode): Taint[] | undefined {
  const current = node.spec?.taints ?? [];
  const wanted: Taint[] = [];
  for (const c of node.status?.conditions ?? []) {
    const key = CONDITION_TAINTS[c.type]?.[c.status];
    if (key) wanted.push({ key, effect: "NoSchedule" });
  }
  if (node.spec?.unschedulable) wanted.push({ key: TAINT_NODE_UNSCHEDULABLE, effect: "NoSchedule" });

  const ready = node.status?.conditions?.find((c) => c.type === "Ready")?.status;
  const has = (key: string, effect: Taint["effect"]) => current.some((t) => t.key === key && t.effect === effect);
  const noExecuteKey = ready === "False" ? TAINT_NODE_NOT_READY : ready === "Unknown" ? TAINT_NODE_UNREACHABLE : undefined;
  const opposite = noExecuteKey === TAINT_NODE_NOT_READY ? TAINT_NODE_UNREACHABLE : TAINT_NODE_NOT_READY;
  if (noExecuteKey && noExecute !== "clear") {
    if (noExecute === "normal" || has(noExecuteKey, "NoExecute") || has(opposite, "NoExecute")) {
      wanted.push({ key: noExecuteKey, effect: "NoExecute" });
    }
  }

  const managed = (t: Taint) =>
    (t.effect === "NoSchedule" && (t.key === TAINT_NODE_UNSCHEDULABLE || CONDITION_TAINT_KEYS.has(t.key))) ||
    (t.effect === "NoExecute" && (t.key === TAINT_NODE_NOT_READY || t.key === TAINT_NODE_UNREACHABLE));
  const isWanted = (t: Taint) => wanted.some((w) => w.key === t.key && w.effect === t.effect);
  const next = current.filter((t) => !managed(t) || isWanted(t));
  for (const w of wanted) if (!has(w.key, w.effect)) next.push({ ...w, timeAdded: nowIso });
  if (next.length === current.length && next.every((t, i) => t === current[i])) return undefined;
  return next;
}
