/**
 * Kubelet-private state of one pod (what the container runtime knows), keyed by pod uid in
 * ClusterState.pods. Owned by the kubelet; other controllers read it only through the
 * kubelet's exported functions (e.g. pod memory usage for the eviction manager).
 */
export interface PodRuntime {
  uid: string;
  /** Filled in by the kubelet implementation. */
  [field: string]: unknown;
}
