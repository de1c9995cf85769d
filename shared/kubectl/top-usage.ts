/**
 * CPU and memory of a pod as `kubectl top` reads them (metrics-server reports no disk):
 * the kubelet's own accounting with the ephemeral-storage part skipped.
 */
import type { Stored } from "../k8s/kinds.ts";
import type { Pod } from "../k8s/schema/pod.ts";
import { podUsage, type PodUsage } from "../sim/kubelet/usage.ts";
import type { ClusterState } from "../sim/state.ts";

export type PodMetrics = Omit<PodUsage, "diskBytes">;

export function podMetrics(state: ClusterState, pod: Stored<Pod>, nowMs: number): PodMetrics {
  const { diskBytes: _disk, ...metrics } = podUsage(state, pod, nowMs, { disk: false });
  return metrics;
}
