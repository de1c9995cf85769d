import { hashString } from "../../util/canonical.ts";
import { SHELLS } from "./entrypoint.ts";
import { httpGetAt, type HttpOutcome } from "./http.ts";
import type { FileEvent, ProcessPlan } from "./plan.ts";
import { isExecutable, runCommand } from "./shell/commands.ts";
import { renderMarkers } from "./shell/markers.ts";
import { newSim } from "./shell/sim.ts";
import { filesAt } from "./timeline.ts";

export interface ExecOptions {
  /** Earlier exec'd file changes (offsets from the process start), so `kubectl exec -- touch f` persists. */
  overlay?: FileEvent[];
  /** Cluster DNS and HTTP for nslookup/wget/curl to other hosts; without them names do not resolve. */
  resolve?: (name: string) => string | undefined;
  remoteHttp?: (host: string, port: number, path: string) => HttpOutcome | undefined;
}

export interface ExecResult {
  exitCode: number;
  /** stdout and stderr combined, as the prober and `kubectl exec` see them. */
  output: string;
  /** How long the command ran (Infinity: it never returns, e.g. `sleep infinity`). */
  durationMs: number;
  /** Files it wrote or removed, at offsets from the process start (to keep in the overlay). */
  fileEvents: FileEvent[];
  /**
   * The runtime could not start the command (its executable is not in the image): containerd's
   * message. kubectl prints `error: Internal error occurred: error executing command in container: ` + error;
   * the prober reports `rpc error: code = Unknown desc = ` + error (probe result unknown).
   */
  error?: string;
}

/** Run `command` inside the container at `runningForMs` (an exec probe, `kubectl exec`). */
export function execInPlan(plan: ProcessPlan, runningForMs: number, command: string[], opts: ExecOptions = {}): ExecResult {
  const exe = command[0] ?? "";
  if (exe === "" || !(isExecutable(exe, plan.toolset) || (SHELLS.has(exe) && (plan.toolset === "debian" || !exe.includes("bash"))))) {
    const execId = hashString(`${runningForMs}|${command.join("\u0000")}|${plan.argv.join("\u0000")}`).repeat(4);
    const cause = exe.includes("/") ? `exec: "${exe}": stat ${exe}: no such file or directory` : `exec: "${exe}": executable file not found in $PATH`;
    return {
      exitCode: 126,
      output: "",
      durationMs: 0,
      fileEvents: [],
      error: `failed to exec in container: failed to start exec "${execId}": OCI runtime exec failed: exec failed: unable to start container process: ${cause}: unknown`,
    };
  }
  const world = {
    toolset: plan.toolset,
    hostname: plan.hostname,
    pid1: plan.argv,
    localHttp: (port: number, path: string) => httpGetAt(plan, runningForMs, port, path),
    resolve: opts.resolve,
    remoteHttp: opts.remoteHttp,
  };
  const sim = newSim(world, plan.env, filesAt(plan, runningForMs, opts.overlay), [exe]);
  const buf: string[] = [];
  const status = runCommand(sim, command, { out: { to: "capture", buf }, err: { to: "capture", buf } });
  const never = sim.end !== undefined && sim.end.kind !== "exit";
  const fileEvents: FileEvent[] = [];
  for (const e of sim.events) if (!("log" in e)) fileEvents.push([runningForMs + e.at, e.path, e.content]);
  return {
    exitCode: sim.end?.kind === "exit" ? sim.end.code : status,
    output: renderMarkers(buf.join(""), plan.startedAtUnixMs + runningForMs + sim.t, 0),
    durationMs: never ? Infinity : sim.t,
    fileEvents,
  };
}
