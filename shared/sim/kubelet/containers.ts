/**
 * Starting, observing and killing containers (kuberuntime_container.go startContainer /
 * killContainer, kuberuntime_manager.go doBackOff), on the kubelet's runtime records.
 */
import type { Stored } from "../../k8s/kinds.ts";
import type { Container, Pod } from "../../k8s/schema/pod.ts";
import { memoryBytesAt, plannedExit, startError, startProcess } from "../apps/process.ts";
import { parseQuantityBytes } from "../../k8s/quantity.ts";
import type { SimContext } from "../controller.ts";
import { goDuration, isInBackOffSince, nextBackoff } from "./backoff.ts";
import { mountedFilesFor, resolveEnv } from "./container-config.ts";
import { containerIdFor, imageIdFor } from "./ids.ts";
import { ensureImage } from "./images.ts";
import { newProbeWorkers } from "./probes.ts";
import type { ContainerEnd, ContainerInstance, ContainerRuntime, PodRuntime } from "./runtime.ts";

/** What one pod sync works with. `changed` collects whether the status may have changed. */
export interface SyncEnv {
  ctx: SimContext;
  pod: Stored<Pod>;
  rt: PodRuntime;
  nowMs: number;
  hostIP: string | undefined;
  volumeFiles: Record<string, Record<string, string>>;
  changed: boolean;
  /** ConfigMaps/Secrets whose absence blocked this sync (becomes PodRuntime.blockedOn). */
  blocked: string[];
  /** Earliest time the pod needs another look. */
  wakeMs: number | undefined;
}

export function wakeAt(env: SyncEnv, ms: number | undefined): void {
  if (ms === undefined) return;
  if (env.wakeMs === undefined || ms < env.wakeMs) env.wakeMs = ms;
}

export function fieldPathOf(crt: ContainerRuntime): string {
  return `${crt.isInit ? "spec.initContainers" : "spec.containers"}{${crt.name}}`;
}

/** `web-7d4b9c6f8-x2k9q_shop(<uid>)`: how the kubelet names a pod in messages (format.Pod). */
export function formatPod(pod: Stored<Pod>): string {
  return `${pod.metadata.name}_${pod.metadata.namespace ?? "default"}(${pod.metadata.uid})`;
}

function source(env: SyncEnv) {
  return { component: "kubelet", host: env.pod.spec.nodeName };
}

/**
 * When a process started at `startedMs` first uses more memory than `limitBytes`, or
 * undefined. Memory is assumed not to shrink, so a binary search over the plan finds the
 * crossing once at start: no polling.
 */
export function oomCrossingMs(plan: ContainerInstance["plan"], limitBytes: number, horizonMs: number): number | undefined {
  if (memoryBytesAt(plan, horizonMs) <= limitBytes) return undefined;
  if (memoryBytesAt(plan, 0) > limitBytes) return 0;
  let lo = 0;
  let hi = horizonMs;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (memoryBytesAt(plan, mid) > limitBytes) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** How far ahead OOM crossings are looked for (a week); longer leaks are ignored. */
const OOM_HORIZON_MS = 7 * 24 * 3600 * 1000;

/** The planned end of a fresh process: its own exit or the OOM killer, whichever is first. */
function plannedEnd(c: Container, plan: ContainerInstance["plan"], startedMs: number): ContainerEnd | undefined {
  const exit = plannedExit(plan);
  const limit = c.resources?.limits?.memory;
  const oom = limit !== undefined ? oomCrossingMs(plan, parseQuantityBytes(limit), exit ? exit.afterMs : OOM_HORIZON_MS) : undefined;
  if (oom !== undefined && (!exit || oom < exit.afterMs)) return { atMs: startedMs + oom, exitCode: 137, reason: "OOMKilled" };
  if (exit) return { atMs: startedMs + exit.afterMs, exitCode: exit.exitCode, reason: exit.exitCode === 0 ? "Completed" : "Error" };
  return undefined;
}

/** PLEG: notice that an instance's process ended. */
export function observeExit(env: SyncEnv, crt: ContainerRuntime): boolean {
  const cur = crt.current;
  if (!cur || cur.exited || !cur.end) return false;
  if (cur.end.atMs > env.nowMs) {
    wakeAt(env, cur.end.atMs);
    return false;
  }
  cur.exited = true;
  cur.probes = {};
  env.changed = true;
  return true;
}

/**
 * Start (or restart) a container: back-off, image, config, create, start. The back-off is
 * measured from `lastExited` (the newest exited instance the kubelet saw before this sync).
 * Returns true once a new instance runs.
 */
export function startContainer(env: SyncEnv, c: Container, crt: ContainerRuntime, lastExited: ContainerInstance | undefined): boolean {
  const { ctx, pod, nowMs } = env;
  const fieldPath = fieldPathOf(crt);
  if (lastExited?.end) {
    const finishedMs = lastExited.end.atMs;
    if (isInBackOffSince(crt.crashBackoff, finishedMs, nowMs)) {
      const d = crt.crashBackoff!.durationMs;
      ctx.recordEvent(pod, "Warning", "BackOff", `Back-off restarting failed container ${c.name} in pod ${formatPod(pod)}`, source(env), fieldPath);
      setWaiting(env, crt, "CrashLoopBackOff", `back-off ${goDuration(d)} restarting failed container=${c.name} pod=${formatPod(pod)}`);
      wakeAt(env, finishedMs + d);
      return false;
    }
    crt.crashBackoff = nextBackoff(crt.crashBackoff, finishedMs, nowMs);
    env.changed = true;
  }
  const image = ensureImage(ctx, pod, c, crt, fieldPath);
  if (image.kind === "pulling") {
    wakeAt(env, image.doneMs);
    return false;
  }
  if (image.kind === "error") {
    ctx.recordEvent(pod, "Warning", "Failed", `Error: ${image.reason}`, source(env), fieldPath);
    setWaiting(env, crt, image.reason, image.message);
    // The pod worker retries a failed sync after its back-off period.
    wakeAt(env, nowMs + 10_000);
    return false;
  }
  const envVars = resolveEnv(ctx, pod, c, env.rt.podIP, env.hostIP);
  if (!envVars.ok) {
    ctx.recordEvent(pod, "Warning", "Failed", `Error: ${envVars.message}`, source(env), fieldPath);
    setWaiting(env, crt, "CreateContainerConfigError", envVars.message);
    env.blocked.push(...envVars.blockedOn);
    wakeAt(env, nowMs + 10_000);
    return false;
  }
  const profile = ctx.state.images[image.imageRef];
  const attempt = crt.restartCount + (crt.current ? 1 : 0);
  const id = containerIdFor(pod.metadata.uid, `${crt.isInit ? "init:" : ""}${c.name}`, attempt);
  ctx.recordEvent(pod, "Normal", "Created", `Created container ${c.name}`, source(env), fieldPath);
  const plan = startProcess({
    image: image.imageRef,
    profile,
    command: c.command,
    args: c.args,
    env: envVars.value,
    mountedFiles: mountedFilesFor(c, env.volumeFiles),
    hostname: pod.spec.hostname ?? pod.metadata.name,
    startedAtUnixMs: nowMs,
  });
  const failedToStart = startError(plan);
  const inst: ContainerInstance = {
    id,
    imageRef: image.imageRef,
    imageID: imageIdFor(image.imageRef),
    createdMs: nowMs,
    startedMs: nowMs,
    plan,
    end: failedToStart ? { atMs: nowMs, exitCode: 128, reason: "StartError", message: failedToStart } : plannedEnd(c, plan, nowMs),
    exited: !!failedToStart,
    started: !failedToStart && !c.startupProbe,
    probes: crt.isInit || failedToStart ? {} : newProbeWorkers(c, nowMs, pod.metadata.uid),
  };
  if (failedToStart) ctx.recordEvent(pod, "Warning", "Failed", `Error: ${failedToStart}`, source(env), fieldPath);
  else ctx.recordEvent(pod, "Normal", "Started", `Started container ${c.name}`, source(env), fieldPath);
  if (crt.current) {
    crt.previous = crt.current;
    crt.restartCount++;
  }
  crt.current = inst;
  crt.waiting = undefined;
  env.changed = true;
  if (inst.end && !inst.exited) wakeAt(env, inst.end.atMs);
  // A start error is an exited container: the next sync applies the restart policy and back-off.
  if (inst.exited) wakeAt(env, nowMs);
  return !inst.exited;
}

function setWaiting(env: SyncEnv, crt: ContainerRuntime, reason: string, message: string): void {
  if (crt.waiting?.reason === reason && crt.waiting.message === message) return;
  crt.waiting = { reason, message };
  env.changed = true;
}

/**
 * How a process reacts to SIGTERM. Simplification: shell images (sh as PID 1 ignores SIGTERM)
 * are SIGKILLed when the grace period ends (exit 137); application images shut down promptly
 * and exit 0.
 */
export function stopOutcome(env: SyncEnv, inst: ContainerInstance, gracePeriodMs: number): ContainerEnd {
  const profile = env.ctx.state.images[inst.imageRef];
  if (profile?.shell) return { atMs: env.nowMs + gracePeriodMs, exitCode: 137, reason: "Error" };
  return { atMs: env.nowMs, exitCode: 0, reason: "Completed" };
}

/** killContainer: Killing event, SIGTERM, SIGKILL after the grace period. */
export function killContainer(env: SyncEnv, crt: ContainerRuntime, message: string, gracePeriodMs: number): void {
  const cur = crt.current;
  if (!cur || cur.exited || cur.stopping) return;
  env.ctx.recordEvent(env.pod, "Normal", "Killing", message, source(env), fieldPathOf(crt));
  cur.stopping = true;
  const stop = stopOutcome(env, cur, gracePeriodMs);
  if (!cur.end || stop.atMs < cur.end.atMs) cur.end = stop;
  env.changed = true;
  observeExit(env, crt);
}
