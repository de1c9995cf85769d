import type { Kind, KindMap, Stored } from "../k8s/kinds.ts";
import type { AppProfile } from "./apps/profile.ts";
import type { RngState } from "./rng.ts";
import type { PodRuntime } from "./kubelet/runtime.ts";
import type { NodeEvictionState } from "./kubelet/eviction-manager.ts";
import type { NetworkState } from "../net/state.ts";
import type { SchedulingQueueState } from "./scheduler/queue.ts";
import type { ScheduledEviction } from "./controllers/taint-eviction.ts";

/** A delayed work item: at tick `due`, `key` is added to `controller`'s queue (workqueue.AddAfter). */
export interface Timer {
  due: number;
  seq: number;
  controller: string;
  key: string;
}

/** Cluster-wide settings a kubeadm-built cluster would have in its component flags. */
export interface ClusterConfig {
  clusterName: string;
  clusterCIDR: string;
  serviceCIDR: string;
  /** kube-controller-manager --node-cidr-mask-size. */
  nodeCIDRMaskSize: number;
  kubernetesVersion: string;
  containerRuntimeVersion: string;
  /** kubelet --eviction-hard memory.available, bytes (default 100Mi). */
  evictionHardMemoryBytes: number;
  /** kubelet --eviction-hard nodefs.available, percent (default 10). */
  evictionHardNodefsPercent: number;
  /** kube-controller-manager node-monitor-grace-period, ms (40s). */
  nodeMonitorGracePeriodMs: number;
}

/** What only the kubelet of a node knows: is it alive, what does the machine really use. */
export interface NodeRuntime {
  /** false: the kubelet has stopped (crashed, machine off): no heartbeats, no pod work. */
  kubeletRunning: boolean;
  /** Simulated ms of the last status the kubelet posted. */
  lastHeartbeatMs: number;
  /** Image references (normalised) present on the node. */
  images: string[];
  /** Memory used outside pods (OS, system daemons), bytes. */
  systemMemoryBytes: number;
  /** Ephemeral storage used outside pods, bytes. */
  systemDiskBytes: number;
  /** Pull bandwidth, bytes per simulated second. */
  pullBytesPerSec: number;
  /** The eviction manager's memory between passes (pressure last observed, next pass due). */
  eviction?: NodeEvictionState;
}

/**
 * The whole cluster as plain JSON: the API objects (what etcd holds) plus the simulated
 * world's private state (what kubelets and applications "really" do), the random generator,
 * the clock and pending work. Nothing outside this object influences a tick.
 */
export interface ClusterState {
  schemaVersion: 1;
  tick: number;
  msPerTick: number;
  /** Unix ms at tick 0: timestamps in objects are epochMs + tick * msPerTick. */
  epochMs: number;
  rng: RngState;
  seq: { resourceVersion: number; timer: number; event: number };
  config: ClusterConfig;
  objects: { [K in Kind]: Record<string, Stored<KindMap[K]>> };
  /** The image registry: normalised image reference ⇒ what it does when it runs. */
  images: Record<string, AppProfile>;
  nodes: Record<string, NodeRuntime>;
  /** Kubelet-private state per pod, keyed by pod uid. */
  pods: Record<string, PodRuntime>;
  /** The network underneath: node subnets, firewalls, CNI and kube-proxy programming, traffic. */
  network: NetworkState;
  /** kube-scheduler's queue (backoff, unschedulable pods, rotating start node). */
  scheduler?: SchedulingQueueState;
  /** The taint eviction controller's timed evictions, by pod key. */
  taintEviction?: Record<string, ScheduledEviction>;
  /** Binary min-heap on (due, seq). */
  timers: Timer[];
  /** Controller name ⇒ keys waiting to be synced (deduplicated, FIFO). */
  queues: Record<string, string[]>;
}

export const DEFAULT_CONFIG: ClusterConfig = {
  clusterName: "crashloop",
  clusterCIDR: "10.244.0.0/16",
  serviceCIDR: "10.96.0.0/12",
  nodeCIDRMaskSize: 24,
  kubernetesVersion: "v1.30.4",
  containerRuntimeVersion: "containerd://1.7.20",
  evictionHardMemoryBytes: 100 * 1024 * 1024,
  evictionHardNodefsPercent: 10,
  nodeMonitorGracePeriodMs: 40_000,
};
