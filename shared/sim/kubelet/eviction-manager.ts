import type { Stored } from "../../k8s/kinds.ts";
import type { Node } from "../../k8s/schema/node.ts";
import type { Pod } from "../../k8s/schema/pod.ts";
import { parseQuantityBytes } from "../../k8s/quantity.ts";
import { formatTimestamp } from "../../k8s/time.ts";
import type { Controller, SimContext } from "../controller.ts";
import type { NodeRuntime } from "../state.ts";
import { podUsage } from "./usage.ts";
import { fnv32a } from "../../util/canonical.ts";
import { EVICTED_REASON } from "./eviction/message.ts";
import { applyPressureConditions } from "./eviction/node-conditions.ts";
import { hardThresholds, observeNode } from "./eviction/signals.ts";
import { synchronize, type EvictionCandidate, type EvictionMemory } from "./eviction/synchronize.ts";
import { evictedPodStatus } from "./eviction/terminate.ts";

const NAME = "eviction-manager";
/** kubelet evictionMonitoringPeriod. */
export const EVICTION_MONITORING_PERIOD_MS = 10_000;
/** podCleanupPollFreq: after an eviction the manager waits for the pod to be gone, then looks again. */
export const POD_CLEANUP_POLL_MS = 1_000;

/**
 * Where the eviction manager keeps its memory between passes: on the node's kubelet-private
 * runtime (NodeRuntime.eviction), so it is saved and restored with the state.
 */
export interface NodeEvictionState extends EvictionMemory {
  /** When the next pass is due; a wake-up before it is a duplicate and is ignored. */
  nextPassMs?: number;
}
type RuntimeWithEviction = NodeRuntime;

const nodeKey = (name: string) => `node:${name}`;

/**
 * The kubelet's eviction manager (pkg/kubelet/eviction/eviction_manager.go), one loop per node:
 * every evictionMonitoringPeriod while the node's kubelet runs, observe memory.available and
 * nodefs.available, report MemoryPressure/DiskPressure on the node (kept True for the pressure
 * transition period), and when a hard threshold is met evict one pod in rank order.
 * The taints matching the conditions are added by the node lifecycle controller
 * (TaintNodesByCondition), as in a real cluster.
 */
export const evictionManager: Controller = {
  name: NAME,
  watches: {
    Node: (ev, ctx) => {
      if (ev.type === "ADDED") ctx.enqueueAfter(NAME, nodeKey(ev.object.metadata.name), monitoringPhaseMs(ev.object.metadata.name));
    },
  },
  sync(key, ctx) {
    if (!key.startsWith("node:")) return;
    const name = key.slice("node:".length);
    const node = ctx.store.get("Node", name);
    const rt = ctx.state.nodes[name] as RuntimeWithEviction | undefined;
    if (!node || !rt) return; // the node is gone: its loop ends
    const now = ctx.nowMs();
    const st = (rt.eviction ??= { pressureLastObservedMs: {} });
    if (st.nextPassMs !== undefined && now < st.nextPassMs) return;
    const evicted = rt.kubeletRunning ? runPass(ctx, node, rt, st) : false;
    const delay = evicted ? POD_CLEANUP_POLL_MS : EVICTION_MONITORING_PERIOD_MS;
    st.nextPassMs = now + delay;
    ctx.enqueueAfter(NAME, key, delay);
  },
};

/**
 * When in its 10 s period a node's monitoring loop runs. Real kubelets start at different
 * times, so their eviction passes (each one reads the usage of every pod of its node) are
 * spread over the period; nodes registered together here would otherwise all pass on the same
 * tick. A hash of the node name, so it is deterministic and survives a restore.
 */
export function monitoringPhaseMs(nodeName: string): number {
  return fnv32a(`eviction/${nodeName}`) % EVICTION_MONITORING_PERIOD_MS;
}

/** One synchronize pass on one node; true when a pod was evicted. */
function runPass(ctx: SimContext, node: Stored<Node>, rt: RuntimeWithEviction, st: NodeEvictionState): boolean {
  const now = ctx.nowMs();
  const candidates: EvictionCandidate[] = [];
  const pods = new Map<string, Stored<Pod>>();
  let podsMemory = 0;
  let podsDisk = 0;
  for (const key of [...ctx.store.podKeysOnNode(node.metadata.name)].sort()) {
    const pod = ctx.store.get("Pod", key);
    if (!pod || !isActive(pod)) continue;
    const usage = podUsage(ctx.state, pod, now);
    podsMemory += usage.memoryBytes;
    podsDisk += usage.diskBytes;
    const containerMemoryBytes: Record<string, number> = {};
    for (const [c, u] of Object.entries(usage.containers)) containerMemoryBytes[c] = u.memoryBytes;
    candidates.push({ key, pod, memoryBytes: usage.memoryBytes, diskBytes: usage.diskBytes, containerMemoryBytes });
    pods.set(key, pod);
  }
  const observations = observeNode({
    memoryCapacityBytes: capacityBytes(node, "memory"),
    diskCapacityBytes: capacityBytes(node, "ephemeral-storage"),
    podsMemoryBytes: podsMemory,
    podsDiskBytes: podsDisk,
    systemMemoryBytes: rt.systemMemoryBytes,
    systemDiskBytes: rt.systemDiskBytes,
  });
  const result = synchronize({ nowMs: now, observations, thresholds: hardThresholds(ctx.state.config), memory: st, candidates });
  st.pressureLastObservedMs = result.memory.pressureLastObservedMs;

  const nowIso = formatTimestamp(now);
  const source = { component: "kubelet", host: node.metadata.name };
  const updated = applyPressureConditions(node.status?.conditions, result.pressure, nowIso);
  let current = node;
  if (updated) {
    current = ctx.store.updateStatus("Node", node.metadata.name, { ...node.status, conditions: updated.conditions });
    for (const reason of updated.events) {
      ctx.recordEvent(current, "Normal", reason, `Node ${node.metadata.name} status is now: ${reason}`, source);
    }
  }
  if (result.reclaim) {
    ctx.recordEvent(current, "Warning", "EvictionThresholdMet", `Attempting to reclaim ${result.reclaim.resource}`, source);
  }
  if (!result.evict) return false;
  const pod = pods.get(result.evict.key)!;
  ctx.recordEvent(pod, "Warning", EVICTED_REASON, result.evict.message, source);
  ctx.store.updateStatus("Pod", result.evict.key, evictedPodStatus(pod.status, result.evict.message, nowIso));
  return true;
}

/** GetActivePods: pods the kubelet runs, i.e. not yet in a terminal phase. */
function isActive(pod: Stored<Pod>): boolean {
  const phase = pod.status?.phase;
  return phase !== "Succeeded" && phase !== "Failed";
}

function capacityBytes(node: Stored<Node>, resource: string): number {
  const q = node.status?.capacity?.[resource];
  return q === undefined ? 0 : parseQuantityBytes(q);
}
