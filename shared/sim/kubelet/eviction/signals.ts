import type { ClusterConfig } from "../../state.ts";
import { formatBytes } from "../../../k8s/quantity.ts";
import type { ReclaimableResource } from "./resources.ts";

/**
 * Eviction signals and hard thresholds (pkg/kubelet/eviction/api, helpers.go). Only the two
 * signals a kubeadm node evicts on by default are modelled.
 * Simplification: allocatableMemory.available (enforce-node-allocatable=pods) is left out: with
 * no kube-/system-reserved and system daemons using more than the threshold, memory.available
 * always crosses first. imagefs/inodes/pid signals are not modelled either.
 */
export type Signal = "memory.available" | "nodefs.available";
export type PressureCondition = "MemoryPressure" | "DiskPressure";

export const SIGNAL_RESOURCE: Record<Signal, ReclaimableResource> = {
  "memory.available": "memory",
  "nodefs.available": "ephemeral-storage",
};
export const SIGNAL_CONDITION: Record<Signal, PressureCondition> = {
  "memory.available": "MemoryPressure",
  "nodefs.available": "DiskPressure",
};

export interface Observation {
  availableBytes: number;
  capacityBytes: number;
}
export type Observations = Partial<Record<Signal, Observation>>;

/** A hard threshold: `quantityBytes` (memory.available<100Mi) or a fraction of capacity (nodefs.available<10%). */
export interface Threshold {
  signal: Signal;
  quantityBytes?: number;
  /** As parsePercentage stores it: float32(value)/100 in float32. */
  percentage?: number;
}

/** kubelet --eviction-hard as kubeadm leaves it, from the cluster config. */
export function hardThresholds(cfg: Pick<ClusterConfig, "evictionHardMemoryBytes" | "evictionHardNodefsPercent">): Threshold[] {
  return [
    { signal: "memory.available", quantityBytes: cfg.evictionHardMemoryBytes },
    { signal: "nodefs.available", percentage: Math.fround(Math.fround(cfg.evictionHardNodefsPercent) / 100) },
  ];
}

/** GetThresholdQuantity: the quantity, or int64(float64(capacity) * float64(percentage)). */
export function thresholdBytes(t: Threshold, capacityBytes: number): number {
  if (t.quantityBytes !== undefined) return t.quantityBytes;
  return Math.trunc(capacityBytes * (t.percentage ?? 0));
}

/** thresholdsMet (operator LessThan, no min-reclaim): available below the threshold quantity. */
export function thresholdsMet(thresholds: readonly Threshold[], observations: Observations): Threshold[] {
  return thresholds.filter((t) => {
    const o = observations[t.signal];
    return o !== undefined && thresholdBytes(t, o.capacityBytes) > o.availableBytes;
  });
}

/** byEvictionPriority: memory before every other signal. */
export function byEvictionPriority(thresholds: readonly Threshold[]): Threshold[] {
  return [...thresholds].sort((a, b) => Number(b.signal === "memory.available") - Number(a.signal === "memory.available"));
}

/** cgroups and filesystems account in whole pages: usage as the kernel reports it. */
export const PAGE_BYTES = 4096;
export function roundUpToPage(bytes: number): number {
  return Math.ceil(Math.max(0, bytes) / PAGE_BYTES) * PAGE_BYTES;
}

/**
 * The node's observations as the summary API gives them: capacity minus what pods and the
 * system use. `available` may go negative in the simulation (the real kernel would OOM-kill
 * first); it is clamped to 0 like a kernel that has nothing left.
 */
export function observeNode(input: {
  memoryCapacityBytes: number;
  diskCapacityBytes: number;
  podsMemoryBytes: number;
  podsDiskBytes: number;
  systemMemoryBytes: number;
  systemDiskBytes: number;
}): Observations {
  return {
    "memory.available": {
      capacityBytes: input.memoryCapacityBytes,
      availableBytes: Math.max(0, input.memoryCapacityBytes - roundUpToPage(input.podsMemoryBytes) - roundUpToPage(input.systemMemoryBytes)),
    },
    "nodefs.available": {
      capacityBytes: input.diskCapacityBytes,
      availableBytes: Math.max(0, input.diskCapacityBytes - roundUpToPage(input.podsDiskBytes) - roundUpToPage(input.systemDiskBytes)),
    },
  };
}

/** getThresholdMetInfo, printed: the threshold quantity and what was available, as Quantity.String(). */
export function thresholdMetInfo(t: Threshold, o: Observation): { quantity: string; available: string } {
  return { quantity: formatBytes(thresholdBytes(t, o.capacityBytes)), available: formatBytes(o.availableBytes) };
}
