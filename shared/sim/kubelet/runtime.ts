/**
 * Kubelet-private state of one pod (what the container runtime and the kubelet's caches know),
 * keyed by pod uid in ClusterState.pods. Owned by the kubelet; other controllers read it only
 * through the kubelet's exported functions (podUsage, readContainerLogs, killPod).
 *
 * Everything is plain JSON with integer milliseconds, so a restored cluster continues exactly.
 */
import type { ProcessPlan } from "../apps/process.ts";

export type ProbeType = "startup" | "liveness" | "readiness";
export type ProbeResult = "Success" | "Failure" | "Unknown";

/** One prober worker (pkg/kubelet/prober/worker.go) for one probe of one container instance. */
export interface ProbeWorker {
  /** What the results manager holds: starts readiness=Failure, liveness=Success, startup=Unknown. */
  result: ProbeResult;
  /** The last raw probe outcome and how many times in a row it came (resultRun). */
  lastResult: ProbeResult;
  run: number;
  /** Simulated ms of the next probe. */
  nextMs: number;
  /** After a liveness/startup failure the worker waits for a new container (worker.onHold). */
  onHold: boolean;
}

/** Why a container instance ends (or ended): by itself, OOM-killed, or stopped by the kubelet. */
export interface ContainerEnd {
  atMs: number;
  exitCode: number;
  reason: "Completed" | "Error" | "OOMKilled" | "StartError";
  message?: string;
}

/** One run of a container: what `crictl ps -a` lists as one container id. */
export interface ContainerInstance {
  /** containerd id, 64 hex digits. */
  id: string;
  /** Normalised image reference it runs. */
  imageRef: string;
  /** The repo digest the runtime reports (status imageID). */
  imageID: string;
  createdMs: number;
  startedMs: number;
  plan: ProcessPlan;
  /** The planned end (exit, OOM, or the end of a kill); undefined while it would run forever. */
  end?: ContainerEnd;
  /** True once `end.atMs` has passed and the kubelet observed it (PLEG). */
  exited: boolean;
  /** The kubelet asked it to stop (liveness, deletion, eviction): no further kills are sent. */
  stopping?: boolean;
  /** Startup probe succeeded, or there is none (status.started while running). */
  started: boolean;
  probes: Partial<Record<ProbeType, ProbeWorker>>;
  /** Set by a liveness/startup failure: the next sync kills the container with this message. */
  killFor?: "liveness" | "startup";
  /**
   * Killed to be restarted (liveness/startup): the restart right after the kill measures its
   * back-off from the instance before this one, as the kubelet's pre-kill snapshot does.
   */
  restartAfterKill?: boolean;
}

/** flowcontrol.Backoff entry: duration and when it was last bumped. */
export interface BackoffEntry {
  durationMs: number;
  lastUpdateMs: number;
}

export interface ContainerRuntime {
  name: string;
  isInit: boolean;
  restartCount: number;
  /** The latest instance (running or exited). */
  current?: ContainerInstance;
  /** The instance before `current` (lastState), kept for `kubectl logs --previous`. */
  previous?: ContainerInstance;
  /** The kubelet's reasonCache: why the last attempt to start it failed (ErrImagePull, CrashLoopBackOff...). */
  waiting?: { reason: string; message: string };
  /** An image pull in progress. */
  pull?: { imageRef: string; startedMs: number; doneMs: number };
  imagePullBackoff?: BackoffEntry;
  crashBackoff?: BackoffEntry;
}

export interface PodRuntime {
  uid: string;
  /** `namespace/name`. */
  key: string;
  node: string;
  /** The pod's effective requests, computed once at admission (what later admissions add up). */
  requests?: { cpuMillis: number; memoryBytes: number; ephemeralStorageBytes: number };
  /** When the kubelet admitted the pod (status.startTime). */
  admittedMs: number;
  /** Rejected at admission (OutOfcpu...): terminal, nothing more happens. */
  rejected?: { reason: string; message: string };
  /** All volumes set up. */
  volumesReady: boolean;
  volumeBackoff?: BackoffEntry;
  /** `ConfigMap/ns/name` or `Secret/ns/name` whose absence blocks this pod (the reverse index's source). */
  blockedOn: string[];
  /** Sandbox and network ready (PodReadyToStartContainers). */
  sandboxReadyMs?: number;
  sandboxId?: string;
  podIP?: string;
  sandboxBackoff?: BackoffEntry;
  initContainers: ContainerRuntime[];
  containers: ContainerRuntime[];
  /** No container will be (re)started again: phase Succeeded/Failed. */
  terminal: boolean;
  /** Graceful deletion or eviction under way: since when. */
  terminatingSinceMs?: number;
  /** Set by killPod (eviction) or activeDeadlineSeconds: the final status reason and message. */
  killedFor?: { reason: string; message: string };
  /** Someone else (the eviction manager) posted the terminal status: the kubelet no longer posts. */
  statusOwnedElsewhere?: boolean;
  /** Grace period killPod asked for (seconds). */
  killGraceSeconds?: number;
  /** resourceVersion of the pod when the kubelet last posted or verified its status. */
  statusRV?: string;
  /** The earliest pending wake-up already scheduled (avoids piling up duplicate timers). */
  wakeMs?: number;
}
