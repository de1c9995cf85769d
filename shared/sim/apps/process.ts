/**
 * INTERFACE CONTRACT (placeholder bodies; the application-model work implements them).
 *
 * A running container's process, simulated: a plan computed once when the container starts
 * (pure data, stored in the kubelet's PodRuntime), then queried with "how long has it been
 * running". The kubelet, the probes, `kubectl logs`/`exec`/`top` and the eviction manager all
 * ask the same plan, so what a probe sees and what the logs say always agree.
 */
import type { AppProfile } from "./profile.ts";
import type { Probe } from "../../k8s/schema/pod.ts";

export interface ProcessSpec {
  /** Normalised image reference. */
  image: string;
  /** The image's behaviour; for `shell` images the script in command/args drives it. */
  profile: AppProfile;
  command?: string[];
  args?: string[];
  /** Resolved environment (env + envFrom), as the process sees it. */
  env: Record<string, string>;
  /** Files mounted into the container from ConfigMap/Secret volumes: path ⇒ content. */
  mountedFiles: Record<string, string>;
}

/** JSON data: everything the process will do, as a function of time since it started. */
export interface ProcessPlan {
  [field: string]: unknown;
}

export type HttpOutcome =
  | { kind: "refused" }
  | { kind: "response"; status: number; latencyMs: number; body: string };

export function startProcess(_spec: ProcessSpec): ProcessPlan {
  throw new Error("apps/process: startProcess is provided by the application-model work");
}
/** When (ms after start) and how the process exits by itself; undefined if it runs forever. */
export function plannedExit(_plan: ProcessPlan): { afterMs: number; exitCode: number } | undefined {
  return undefined;
}
export function httpGet(_plan: ProcessPlan, _runningForMs: number, _port: number, _path: string): HttpOutcome {
  return { kind: "refused" };
}
export function tcpConnect(_plan: ProcessPlan, _runningForMs: number, _port: number): boolean {
  return false;
}
export function execIn(_plan: ProcessPlan, _runningForMs: number, _command: string[]): { exitCode: number; output: string } {
  return { exitCode: 126, output: "" };
}
export function memoryBytesAt(_plan: ProcessPlan, _runningForMs: number): number {
  return 0;
}
export function cpuMillisAt(_plan: ProcessPlan, _runningForMs: number): number {
  return 0;
}
/** Log lines written between start and `runningForMs`, each with its offset from start. */
export function logsUntil(_plan: ProcessPlan, _runningForMs: number): { atMs: number; line: string }[] {
  return [];
}
/** Run one probe against the process (probe already defaulted). Message as the kubelet's prober words it. */
export function runProbe(
  _probe: Probe,
  _target: { podIP: string; ports: { name?: string; containerPort: number }[]; plan: ProcessPlan; runningForMs: number },
): { ok: boolean; message: string } {
  return { ok: false, message: "" };
}
