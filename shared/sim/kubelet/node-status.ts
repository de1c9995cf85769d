/**
 * The kubelet's node heartbeat (nodeStatusUpdateFrequency = 10 s). Each beat stamps
 * NodeRuntime.lastHeartbeatMs (what the node-lifecycle controller reads, standing in for
 * the Lease renewals) and writes the Node object only when a condition it owns has to change:
 * Ready True `KubeletReady` (also after the kubelet comes back), and the pressure conditions
 * if nobody posted them yet.
 *
 * Simplification: a real kubelet re-posts its full status at least every 5 minutes
 * (nodeStatusReportFrequency), bumping lastHeartbeatTime; here the Node is written only on change.
 */
import type { Condition } from "../../k8s/schema/meta.ts";
import { formatTimestamp } from "../../k8s/time.ts";
import type { SimContext } from "../controller.ts";

export const NODE_STATUS_UPDATE_MS = 10_000;

const DEFAULT_CONDITIONS: Omit<Condition, "lastHeartbeatTime" | "lastTransitionTime">[] = [
  { type: "MemoryPressure", status: "False", reason: "KubeletHasSufficientMemory", message: "kubelet has sufficient memory available" },
  { type: "DiskPressure", status: "False", reason: "KubeletHasNoDiskPressure", message: "kubelet has no disk pressure" },
  { type: "PIDPressure", status: "False", reason: "KubeletHasSufficientPID", message: "kubelet has sufficient PID available" },
  { type: "Ready", status: "True", reason: "KubeletReady", message: "kubelet is posting ready status" },
];

/**
 * One heartbeat for `nodeName` if one is due. Returns "restarted" when the kubelet had missed
 * beats (it was down): its pods then need a fresh look.
 */
export function heartbeat(ctx: SimContext, nodeName: string): "beat" | "restarted" | "not-due" | "stopped" {
  const rt = ctx.state.nodes[nodeName];
  const node = ctx.store.get("Node", nodeName);
  if (!rt || !node) return "stopped";
  const now = ctx.nowMs();
  if (!rt.kubeletRunning) return "stopped";
  const sinceLast = now - rt.lastHeartbeatMs;
  if (rt.lastHeartbeatMs > 0 && sinceLast < NODE_STATUS_UPDATE_MS) return "not-due";
  // A first beat, or beats missed: the kubelet (re)started and must look at all its pods.
  const restarted = rt.lastHeartbeatMs === 0 || sinceLast > NODE_STATUS_UPDATE_MS + 1000;
  rt.lastHeartbeatMs = now;
  const ts = formatTimestamp(now);
  const old = node.status?.conditions ?? [];
  let changed = false;
  const next: Condition[] = old.map((c) => {
    if (c.type !== "Ready" || (c.status === "True" && c.reason === "KubeletReady")) return c;
    changed = true;
    return { ...DEFAULT_CONDITIONS[3], lastHeartbeatTime: ts, lastTransitionTime: ts };
  });
  for (const d of DEFAULT_CONDITIONS) {
    if (next.some((c) => c.type === d.type)) continue;
    changed = true;
    next.push({ ...d, lastHeartbeatTime: ts, lastTransitionTime: ts });
  }
  if (changed) {
    const order = (t: string) => {
      const i = DEFAULT_CONDITIONS.findIndex((d) => d.type === t);
      return i < 0 ? DEFAULT_CONDITIONS.length : i;
    };
    next.sort((a, b) => order(a.type) - order(b.type));
    ctx.store.updateStatus("Node", nodeName, { ...node.status, conditions: next });
  }
  return restarted ? "restarted" : "beat";
}
