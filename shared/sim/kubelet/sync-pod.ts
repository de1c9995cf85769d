/**
 * syncPod (pkg/kubelet/kubelet.go + kuberuntime_manager.go SyncPod/computePodActions), one
 * level-based step for one pod on one node: admit, observe exits, probe, mount volumes, create
 * the sandbox, run init containers in order, then the app containers, restart what the
 * restart policy says with back-off, handle graceful termination, and post the status when it
 * changed. Everything timed is scheduled with enqueueAfter at the exact due time.
 */
import type { Stored } from "../../k8s/kinds.ts";
import type { Node } from "../../k8s/schema/node.ts";
import type { Pod } from "../../k8s/schema/pod.ts";
import type { SimContext } from "../controller.ts";
import { admitPod, podRequests } from "./admission.ts";
import { nextBackoff } from "./backoff.ts";
import { setBlockedOn } from "./blocked-index.ts";
import { countPod } from "./node-accounting.ts";
import { jsonEqual } from "./json-equal.ts";
import { checkActiveDeadline, terminatePod } from "./pod-termination.ts";
import { setUpVolumes } from "./container-config.ts";
import { killContainer, observeExit, startContainer, wakeAt, type SyncEnv } from "./containers.ts";
import { sandboxIdFor } from "./ids.ts";
import { generatePodStatus, restartPolicyOf, shouldRestart } from "./pod-status.ts";
import { defaultProbe, nextProbeMs, runDueProbes } from "./probes.ts";
import type { ContainerRuntime, PodRuntime } from "./runtime.ts";
import { allocatePodIP, failedCreateSandboxMessage, nodeInternalIP, sandboxNetworkError } from "./sandbox.ts";

export const KUBELET = "kubelet";
/** The pod worker's retry delay after a failed sync (backOffPeriod; real jitter omitted). */
export const SYNC_RETRY_MS = 10_000;

function newRuntime(pod: Stored<Pod>, nowMs: number): PodRuntime {
  const mk = (name: string, isInit: boolean): ContainerRuntime => ({ name, isInit, restartCount: 0 });
  return {
    uid: pod.metadata.uid,
    key: `${pod.metadata.namespace ?? "default"}/${pod.metadata.name}`,
    node: pod.spec.nodeName ?? "",
    admittedMs: nowMs,
    volumesReady: false,
    blockedOn: [],
    initContainers: (pod.spec.initContainers ?? []).map((c) => mk(c.name, true)),
    containers: pod.spec.containers.map((c) => mk(c.name, false)),
    terminal: false,
  };
}

/** Sync the pod stored under `key`, if it is bound to a node whose kubelet runs. */
export function syncPodKey(ctx: SimContext, key: string): void {
  const pod = ctx.store.get("Pod", key);
  if (!pod || !pod.spec.nodeName) return;
  const nodeRt = ctx.state.nodes[pod.spec.nodeName];
  const node = ctx.store.get("Node", pod.spec.nodeName);
  if (!nodeRt || !nodeRt.kubeletRunning || !node) return;
  syncPod(ctx, pod, node);
}

function syncPod(ctx: SimContext, pod: Stored<Pod>, node: Stored<Node>): void {
  const nowMs = ctx.nowMs();
  const source = { component: KUBELET, host: node.metadata.name };
  let rt = ctx.state.pods[pod.metadata.uid];
  if (!rt) {
    if (pod.metadata.deletionTimestamp) {
      ctx.store.remove("Pod", rt0Key(pod));
      return;
    }
    if (pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed") return;
    rt = newRuntime(pod, nowMs);
    rt.requests = podRequests(pod);
    const admission = admitPod(ctx, pod, node, rt.requests);
    ctx.state.pods[pod.metadata.uid] = rt;
    if (!admission.admit) {
      rt.rejected = { reason: admission.reason!, message: admission.message! };
      rt.terminal = true;
      ctx.recordEvent(pod, "Warning", admission.reason!, admission.message!, source);
    }
  }
  // Another component (the eviction manager) made the pod terminal: stop its containers and
  // leave the status it wrote alone; a pod never leaves a terminal phase.
  const phase = pod.status?.phase;
  if ((phase === "Failed" || phase === "Succeeded") && !rt.terminal && !rt.rejected) {
    rt.killedFor ??= { reason: pod.status?.reason ?? "", message: pod.status?.message ?? "" };
    rt.statusOwnedElsewhere = true;
  }
  const hostIP = nodeInternalIP(node);
  const env: SyncEnv = { ctx, pod, rt, nowMs, hostIP, volumeFiles: {}, changed: false, blocked: [], wakeMs: undefined };
  if (!rt.rejected) {
    for (const crt of [...rt.initContainers, ...rt.containers]) observeExit(env, crt);
    if (pod.metadata.deletionTimestamp || rt.killedFor) {
      if (terminatePod(env)) return;
    } else if (!rt.terminal) {
      checkActiveDeadline(env);
      if (!rt.killedFor) runProbes(env);
      if (rt.killedFor) terminatePod(env);
      else if (setUpPod(env, node)) syncContainers(env);
      scheduleProbes(env);
    }
  }
  setBlockedOn(ctx.state, rt, env.blocked);
  countPod(ctx.state, rt);
  postStatus(env);
  scheduleWake(env);
}

function rt0Key(pod: Stored<Pod>): string {
  return `${pod.metadata.namespace ?? "default"}/${pod.metadata.name}`;
}

/** Volumes, then the sandbox with its IP. True when containers may run. */
function setUpPod(env: SyncEnv, node: Stored<Node>): boolean {
  const { ctx, pod, rt, nowMs } = env;
  const source = { component: KUBELET, host: node.metadata.name };
  const volumes = setUpVolumes(ctx, pod);
  if (volumes.ok) {
    env.volumeFiles = volumes.value;
    if (!rt.volumesReady) {
      rt.volumesReady = true;
      rt.volumeBackoff = undefined;
      env.changed = true;
    }
  } else if (!rt.volumesReady) {
    for (const msg of volumes.message.split("\n")) ctx.recordEvent(pod, "Warning", "FailedMount", msg, source);
    env.blocked.push(...volumes.blockedOn);
    // The volume manager retries with exponential back-off: 500 ms doubling to 2m2s.
    rt.volumeBackoff = nextBackoff(rt.volumeBackoff, nowMs, nowMs, 500, 122_000);
    wakeAt(env, nowMs + rt.volumeBackoff.durationMs);
    return false;
  }
  if (rt.sandboxReadyMs === undefined) {
    rt.sandboxId ??= sandboxIdFor(pod.metadata.uid, 0);
    let ip: string | undefined;
    if (pod.spec.hostNetwork) ip = env.hostIP;
    else {
      const netErr = sandboxNetworkError(ctx, pod, node);
      const allocated = netErr ? undefined : allocatePodIP(ctx, node);
      const err = netErr ?? (allocated ? undefined : `plugin type="host-local" failed (add): failed to allocate for range 0: no IP addresses available in range set: ${node.spec?.podCIDR ?? ""}`);
      if (err) {
        ctx.recordEvent(pod, "Warning", "FailedCreatePodSandBox", failedCreateSandboxMessage(rt.sandboxId, err), source);
        rt.sandboxBackoff = nextBackoff(rt.sandboxBackoff, nowMs, nowMs, SYNC_RETRY_MS, SYNC_RETRY_MS);
        wakeAt(env, nowMs + SYNC_RETRY_MS);
        return false;
      }
      ip = allocated;
    }
    rt.podIP = ip;
    rt.sandboxReadyMs = nowMs;
    rt.sandboxBackoff = undefined;
    env.changed = true;
  }
  return true;
}

function runProbes(env: SyncEnv): void {
  const { pod, rt } = env;
  for (const [i, c] of pod.spec.containers.entries()) {
    const inst = rt.containers[i]?.current;
    if (!inst || inst.exited || inst.stopping) continue;
    if (runDueProbes(env.ctx, pod, c, inst, rt.podIP ?? "", `spec.containers{${c.name}}`, env.nowMs)) env.changed = true;
  }
}

/** Wake up for the next probe of every running container (including ones started this sync). */
function scheduleProbes(env: SyncEnv): void {
  for (const crt of env.rt.containers) {
    const inst = crt.current;
    if (inst && !inst.exited && !inst.stopping && !inst.killFor) wakeAt(env, nextProbeMs(inst));
  }
}

/** Init containers one at a time, in order; then every app container. */
function syncContainers(env: SyncEnv): void {
  const { pod, rt } = env;
  const policy = restartPolicyOf(pod);
  for (const [i, c] of (pod.spec.initContainers ?? []).entries()) {
    const crt = rt.initContainers[i];
    const cur = crt.current;
    if (cur?.exited && cur.end!.exitCode === 0) continue;
    if (!cur) startContainer(env, c, crt, undefined);
    else if (cur.exited) {
      if (policy === "Never") {
        rt.terminal = true;
        env.changed = true;
      } else startContainer(env, c, crt, cur);
    }
    return;
  }
  let allExited = true;
  let anyRestart = false;
  for (const [i, c] of pod.spec.containers.entries()) {
    const crt = rt.containers[i];
    let cur = crt.current;
    if (cur && !cur.exited && cur.killFor && !cur.stopping) {
      const restart = policy !== "Never";
      const probe = cur.killFor === "liveness" ? c.livenessProbe : c.startupProbe;
      const graceSec = (probe && defaultProbe(probe).terminationGracePeriodSeconds) ?? pod.spec.terminationGracePeriodSeconds ?? 30;
      cur.restartAfterKill = restart;
      killContainer(env, crt, `Container ${c.name} failed ${cur.killFor} probe${restart ? ", will be restarted" : ""}`, graceSec * 1000);
      cur = crt.current;
    }
    if (!cur) {
      allExited = false;
      startContainer(env, c, crt, undefined);
      continue;
    }
    if (!cur.exited) {
      allExited = false;
      continue;
    }
    if (cur.restartAfterKill) {
      cur.restartAfterKill = false;
      anyRestart = true;
      startContainer(env, c, crt, crt.previous);
      continue;
    }
    if (!shouldRestart(pod, cur.end!.exitCode, false)) continue;
    anyRestart = true;
    startContainer(env, c, crt, cur);
  }
  if (allExited && !anyRestart && pod.spec.containers.length > 0) {
    rt.terminal = true;
    env.changed = true;
  }
}

function postStatus(env: SyncEnv): void {
  const { ctx, pod, rt } = env;
  if (rt.statusOwnedElsewhere) return;
  if (!env.changed && pod.metadata.resourceVersion === rt.statusRV) return;
  const status = generatePodStatus(pod, rt, env.hostIP, env.nowMs);
  if (jsonEqual(status, pod.status ?? {})) {
    rt.statusRV = pod.metadata.resourceVersion;
    return;
  }
  const written = ctx.store.updateStatus("Pod", rt.key, status);
  rt.statusRV = written.metadata.resourceVersion;
}

function scheduleWake(env: SyncEnv): void {
  const { ctx, rt, nowMs } = env;
  if (!ctx.state.pods[rt.uid]) return;
  if (rt.wakeMs !== undefined && rt.wakeMs <= nowMs) rt.wakeMs = undefined;
  if (env.wakeMs === undefined) return;
  if (rt.wakeMs !== undefined && rt.wakeMs <= env.wakeMs) return;
  rt.wakeMs = env.wakeMs;
  ctx.enqueueAfter(KUBELET, rt.key, env.wakeMs - nowMs);
}
