// Type-only: erased at run time, so no import cycle with process.ts (which calls buildPlan).
import type { ProcessSpec } from "./process.ts";
import type { AppProfile } from "./profile.ts";
import { expandKubernetesVars, resolveArgv, runsAsScript, startErrorFor } from "./entrypoint.ts";
import type { FileEvent, LogLine, PlanCycle, ProcessPlan } from "./plan.ts";
import { runCommand } from "./shell/commands.ts";
import { newSim, type SimEvent } from "./shell/sim.ts";


/** When a process that lacks a required environment variable gives up. */
export const MISSING_ENV_EXIT_MS = 50;
const DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/** The environment a container process sees: the image's PATH, the runtime's HOSTNAME, the pod's env, HOME. */
function processEnv(spec: ProcessSpec, hostname: string): Record<string, string> {
  return { PATH: DEFAULT_PATH, HOSTNAME: hostname, ...spec.env, HOME: spec.env.HOME ?? "/root" };
}

export function buildPlan(spec: ProcessSpec): ProcessPlan {
  const p = spec.profile;
  const hostname = spec.hostname ?? spec.env.HOSTNAME ?? "localhost";
  const env = processEnv(spec, hostname);
  const command = spec.command?.map((s) => expandKubernetesVars(s, spec.env));
  const args = spec.args?.map((s) => expandKubernetesVars(s, spec.env));
  const argv = resolveArgv(p.shell, command, args);
  const toolset = p.shell ? "busybox" : "debian";
  const files: Record<string, string> = {};
  for (const f of p.files) files[f] = "";
  Object.assign(files, spec.mountedFiles);
  const base: ProcessPlan = {
    argv: argv ?? [spec.image.replace(/^.*\//, "").replace(/[:@].*$/, ""), ...(args ?? [])],
    startedAtUnixMs: spec.startedAtUnixMs ?? 0,
    logs: [],
    files,
    fileEvents: [],
    env,
    hostname,
    toolset,
    memory: { ...p.memory },
    cpuMillis: p.cpuMillis,
  };
  if (argv && (p.shell || runsAsScript(argv))) return scriptPlan(base, argv, spec.resolve);
  return profilePlan(base, p, spec.env);
}

/** An application image: its profile says when it listens, what it answers, what it logs. */
function profilePlan(plan: ProcessPlan, p: AppProfile, podEnv: Record<string, string>): ProcessPlan {
  const missing = p.requiresEnv.find((name) => (podEnv[name] ?? "") === "");
  if (missing !== undefined) {
    const template = p.missingEnvLogs ?? ["FATAL: environment variable {name} is not set"];
    // Configuration is checked before anything else, so none of the usual start-up lines appear.
    plan.logs = template.map((l): LogLine => [MISSING_ENV_EXIT_MS, l.split("{name}").join(missing)]);
    plan.exit = { afterMs: MISSING_ENV_EXIT_MS, exitCode: 1 };
    return plan;
  }
  const exitMs = p.exit?.afterMs;
  const before = (at: number) => exitMs === undefined || at < exitMs;
  plan.logs = [
    ...p.logs.startup.map((l): LogLine => [0, l]),
    ...(before(p.startupMs) ? p.logs.ready.map((l): LogLine => [p.startupMs, l]) : []),
    ...(p.exit ? p.logs.exit.map((l): LogLine => [p.exit!.afterMs, l]) : []),
  ];
  if (p.exit) plan.exit = { afterMs: p.exit.afterMs, exitCode: p.exit.code };
  if (p.logs.periodic.length > 0) {
    plan.cycle = { startMs: p.startupMs + p.logs.periodMs, periodMs: p.logs.periodMs, logs: p.logs.periodic.map((l): LogLine => [0, l]), files: [] };
    if (exitMs !== undefined) plan.cycle.untilMs = exitMs;
  }
  if (p.ports.length > 0 && before(p.startupMs)) {
    plan.listen = { fromMs: p.startupMs, ports: [...p.ports] };
    plan.http = { routes: { ...p.http }, notFoundStatus: p.notFoundStatus, warmupUntilMs: p.startupMs + p.warmupMs };
    if (p.healthyForMs !== undefined) plan.http.wedgedFromMs = p.healthyForMs;
  }
  return plan;
}

/** A shell script (or a single busybox applet) as PID 1: run it once, keep its timeline. */
function scriptPlan(plan: ProcessPlan, argv: string[], resolve: ((name: string) => string | undefined) | undefined): ProcessPlan {
  const startError = startErrorFor(argv, plan.toolset);
  if (startError) {
    plan.startError = startError;
    return plan;
  }
  const world = {
    toolset: plan.toolset,
    hostname: plan.hostname,
    pid1: argv,
    resolve,
  };
  const sim = newSim(world, plan.env, new Map(Object.entries(plan.files)), [argv[0]]);
  const status = runCommand(sim, argv, { out: { to: "out" }, err: { to: "out" } });
  const split = splitEvents(sim.events);
  plan.logs = split.logs;
  plan.fileEvents = split.files;
  if (sim.end === undefined || sim.end.kind === "exit") plan.exit = { afterMs: sim.t, exitCode: sim.end?.kind === "exit" ? sim.end.code : status };
  else if (sim.end.kind === "cycle") {
    const c = splitEvents(sim.end.events);
    const cycle: PlanCycle = { startMs: sim.end.startMs, periodMs: sim.end.periodMs, logs: c.logs, files: c.files };
    plan.cycle = cycle;
  }
  if (sim.busy) plan.cpuMillis = Math.max(plan.cpuMillis, 1000);
  if (sim.unresolved.length > 0) plan.unresolved = sim.unresolved;
  return plan;
}

function splitEvents(events: SimEvent[]): { logs: LogLine[]; files: FileEvent[] } {
  const logs: LogLine[] = [];
  const files: FileEvent[] = [];
  for (const e of events) {
    if ("log" in e) logs.push([e.at, e.log]);
    else files.push([e.at, e.path, e.content]);
  }
  return { logs, files };
}
