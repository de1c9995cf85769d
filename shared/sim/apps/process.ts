/**
 * A running container's process, simulated: a plan computed once when the container starts
 * (pure JSON data, stored in the kubelet's PodRuntime), then queried with "how long has it been
 * running". The kubelet, the probes, `kubectl logs`/`exec`/`top` and the eviction manager all
 * ask the same plan, so what a probe sees and what the logs say always agree.
 *
 * Every query is O(1) in the running time except logsUntil, whose cost is the number of lines
 * returned (bounded by MAX_LOG_LINES, or by `tail`).
 */
import type { AppProfile } from "./profile.ts";
import type { Probe } from "../../k8s/schema/pod.ts";
import { execInPlan, type ExecOptions, type ExecResult } from "./exec.ts";
import { httpGetAt, tcpConnectAt, type HttpOutcome } from "./http.ts";
import type { FileEvent, ProcessPlan } from "./plan.ts";
import { runProbeOnPlan, type ProbeOutcome, type ProbeTarget } from "./probe.ts";
import { buildPlan } from "./start.ts";
import { filesAt, logsAt, type LogQuery } from "./timeline.ts";

export type { ProcessPlan, FileEvent } from "./plan.ts";
export type { HttpOutcome } from "./http.ts";
export type { ExecOptions, ExecResult } from "./exec.ts";
export type { ProbeOutcome, ProbeResult, ProbeTarget, ProbeType } from "./probe.ts";
export { probeEventMessage, resolveProbePort } from "./probe.ts";
export { MAX_LOG_LINES, type LogQuery } from "./timeline.ts";
export { MISSING_ENV_EXIT_MS } from "./start.ts";
export { expandKubernetesVars } from "./entrypoint.ts";
export { formatBusyboxDate } from "./shell/markers.ts";

export interface ProcessSpec {
  /** Normalised image reference. */
  image: string;
  /** The image's behaviour; for `shell` images the script in command/args drives it. */
  profile: AppProfile;
  /** The container's command and args as written in the pod spec: startProcess applies Kubernetes' `$(VAR)` expansion. */
  command?: string[];
  args?: string[];
  /** Resolved environment (env + envFrom), as the process sees it. */
  env: Record<string, string>;
  /** Files mounted into the container from ConfigMap/Secret volumes: path ⇒ content. */
  mountedFiles: Record<string, string>;
  /** The pod's hostname (its name): HOSTNAME, `hostname`. Default env.HOSTNAME, else `localhost`. */
  hostname?: string;
  /** Simulated Unix ms at which the container starts: what `date` prints from. Default 0. */
  startedAtUnixMs?: number;
  /**
   * Cluster DNS as it answers when the container starts (used by `nslookup` in scripts, e.g. an
   * init container waiting for a Service). Not stored: names it cannot answer are listed in
   * plan.unresolved, so the kubelet can restart the wait once they resolve. Default: nothing resolves.
   */
  resolve?: (name: string) => string | undefined;
}

export function startProcess(spec: ProcessSpec): ProcessPlan {
  return buildPlan(spec);
}

/** The runtime's error when the container cannot start (kubelet: reason StartError, exit code 128). */
export function startError(plan: ProcessPlan): string | undefined {
  return plan.startError;
}

/** When (ms after start) and how the process exits by itself; undefined if it runs forever (or never starts). */
export function plannedExit(plan: ProcessPlan): { afterMs: number; exitCode: number } | undefined {
  return plan.exit;
}

export function httpGet(plan: ProcessPlan, runningForMs: number, port: number, path: string): HttpOutcome {
  return httpGetAt(plan, runningForMs, port, path);
}

export function tcpConnect(plan: ProcessPlan, runningForMs: number, port: number): boolean {
  return tcpConnectAt(plan, runningForMs, port);
}

/** Run a command in the container (exec probe, `kubectl exec`). See ExecResult for `error` and `fileEvents`. */
export function execIn(plan: ProcessPlan, runningForMs: number, command: string[], opts?: ExecOptions): ExecResult {
  return execInPlan(plan, runningForMs, command, opts);
}

/** Resident memory: startBytes + growth·t, capped at maxBytes (uncapped growth is a leak). 0 once exited. */
export function memoryBytesAt(plan: ProcessPlan, runningForMs: number): number {
  if (!running(plan, runningForMs)) return 0;
  const m = plan.memory;
  const grown = m.startBytes + Math.floor((m.growthBytesPerSec * Math.max(0, runningForMs)) / 1000);
  return m.maxBytes === undefined ? grown : Math.min(grown, Math.max(m.maxBytes, m.startBytes));
}

/** CPU in millicores (a loop that never sleeps burns a whole core). 0 once exited. */
export function cpuMillisAt(plan: ProcessPlan, runningForMs: number): number {
  return running(plan, runningForMs) ? plan.cpuMillis : 0;
}

function running(plan: ProcessPlan, runningForMs: number): boolean {
  return !plan.startError && (plan.exit === undefined || runningForMs < plan.exit.afterMs);
}

/** Log lines written between start and `runningForMs` (inclusive), each with its offset from start. */
export function logsUntil(plan: ProcessPlan, runningForMs: number, query?: LogQuery): { atMs: number; line: string }[] {
  return logsAt(plan, runningForMs, query);
}

/** Files in the container at `runningForMs` (path ⇒ content), with earlier exec'd changes in `overlay`. */
export function filesIn(plan: ProcessPlan, runningForMs: number, overlay?: FileEvent[]): Map<string, string> {
  return filesAt(plan, runningForMs, overlay);
}

/**
 * Run one probe against the process (probe already defaulted). `message` is the prober's output
 * only; the kubelet composes the event text (`Liveness probe failed: ` + message) — see
 * probeEventMessage. `errored` outcomes must be thrown away by the worker (neither success nor failure).
 */
export function runProbe(probe: Probe, target: ProbeTarget): ProbeOutcome {
  return runProbeOnPlan(probe, target);
}
