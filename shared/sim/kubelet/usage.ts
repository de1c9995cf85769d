import type { Pod } from "../../k8s/schema/pod.ts";
import type { Stored } from "../../k8s/kinds.ts";
import type { ClusterState } from "../state.ts";

/** What a pod really uses right now (cAdvisor's view): what `kubectl top` and the eviction manager read. */
export interface PodUsage {
  /** Working set, bytes. */
  memoryBytes: number;
  cpuMillis: number;
  /** Ephemeral storage (logs, writable layer, emptyDir), bytes. */
  diskBytes: number;
  /** Per container, by name. */
  containers: Record<string, { memoryBytes: number; cpuMillis: number }>;
}

/** Placeholder until the kubelet work lands: the kubelet replaces it with the real accounting. */
export function podUsage(_state: ClusterState, _pod: Stored<Pod>, _nowMs: number): PodUsage {
  return { memoryBytes: 0, cpuMillis: 0, diskBytes: 0, containers: {} };
}
