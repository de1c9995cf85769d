import type { Pod } from "../../../k8s/schema/pod.ts";
import { evictionMessage } from "./message.ts";
import { rankDiskPressure, rankMemoryPressure } from "./rank.ts";
import { isCriticalPod, type ReclaimableResource } from "./resources.ts";
import {
  byEvictionPriority, SIGNAL_CONDITION, SIGNAL_RESOURCE, thresholdMetInfo, thresholdsMet,
  type Observations, type PressureCondition, type Signal, type Threshold,
} from "./signals.ts";

/** kubelet --eviction-pressure-transition-period default: how long a pressure condition outlives its cause. */
export const PRESSURE_TRANSITION_PERIOD_MS = 5 * 60_000;

/** What the eviction manager remembers between passes (managerImpl.nodeConditionsLastObservedAt). */
export interface EvictionMemory {
  pressureLastObservedMs: Partial<Record<PressureCondition, number>>;
}

/** An active pod on the node with what the stats say it uses. */
export interface EvictionCandidate {
  /** Store key, `namespace/name`. */
  key: string;
  pod: Pick<Pod, "metadata" | "spec">;
  memoryBytes: number;
  diskBytes: number;
  /** Per-container memory working set, by container name. */
  containerMemoryBytes: Record<string, number>;
}

export interface SynchronizeInput {
  nowMs: number;
  observations: Observations;
  thresholds: readonly Threshold[];
  memory: EvictionMemory;
  candidates: readonly EvictionCandidate[];
  pressureTransitionPeriodMs?: number;
}

export interface SynchronizeResult {
  /** The conditions the node reports (True while observed within the transition period). */
  pressure: Record<PressureCondition, boolean>;
  memory: EvictionMemory;
  /** Set when a threshold is met now: the resource the kubelet attempts to reclaim. */
  reclaim?: { signal: Signal; resource: ReclaimableResource };
  /** The one pod evicted by this pass, with the message for its status and event. */
  evict?: { key: string; message: string };
}

/**
 * managerImpl.synchronize as a pure function of one pass's observations: which thresholds are
 * met, which pressure conditions hold (with the transition period), and the single pod to evict
 * ("we kill at most a single pod during each eviction interval"). Hard thresholds only, so no
 * grace periods or min-reclaim. Simplification: node-level reclaim (image and container
 * garbage collection) before evicting for disk pressure is not simulated.
 */
export function synchronize(input: SynchronizeInput): SynchronizeResult {
  const { nowMs, observations, candidates } = input;
  const period = input.pressureTransitionPeriodMs ?? PRESSURE_TRANSITION_PERIOD_MS;
  const met = thresholdsMet(input.thresholds, observations);

  const lastObserved = { ...input.memory.pressureLastObservedMs };
  for (const t of met) lastObserved[SIGNAL_CONDITION[t.signal]] = nowMs;
  const within = (c: PressureCondition) => lastObserved[c] !== undefined && nowMs - lastObserved[c]! < period;
  const pressure = { MemoryPressure: within("MemoryPressure"), DiskPressure: within("DiskPressure") };
  // Forget observations older than the period: they no longer matter and would grow the state.
  for (const c of Object.keys(lastObserved) as PressureCondition[]) if (!within(c)) delete lastObserved[c];
  const result: SynchronizeResult = { pressure, memory: { pressureLastObservedMs: lastObserved } };

  if (met.length === 0) return result;
  const toReclaim = byEvictionPriority(met)[0];
  const resource = SIGNAL_RESOURCE[toReclaim.signal];
  result.reclaim = { signal: toReclaim.signal, resource };

  const ranked =
    resource === "memory"
      ? rankMemoryPressure(candidates.map((c) => ({ ...c, usageBytes: c.memoryBytes })))
      : rankDiskPressure(candidates.map((c) => ({ ...c, usageBytes: c.diskBytes })));
  const victim = ranked.find((c) => !isCriticalPod(c.pod));
  if (!victim) return result;
  const info = thresholdInfoFor(resource, met, observations);
  const message = evictionMessage(resource, victim.pod, info, resource === "memory" ? victim.containerMemoryBytes : undefined);
  result.evict = { key: victim.key, message };
  return result;
}

/** getThresholdMetInfo: the first met threshold for the resource, with its observation. */
function thresholdInfoFor(resource: ReclaimableResource, met: readonly Threshold[], observations: Observations) {
  for (const t of met) {
    if (SIGNAL_RESOURCE[t.signal] !== resource) continue;
    const o = observations[t.signal];
    if (o) return thresholdMetInfo(t, o);
  }
  return undefined;
}
