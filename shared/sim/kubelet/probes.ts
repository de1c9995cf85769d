/**
 * The prober workers (pkg/kubelet/prober/worker.go doProbe) of one container instance.
 *
 * Results start as the results manager's initial values: readiness Failure, liveness Success,
 * startup Unknown. Liveness and readiness do not run until the startup probe succeeded. A
 * result changes only after failureThreshold / successThreshold equal outcomes in a row; a
 * liveness or startup failure puts the worker on hold until a new container appears, and the
 * kubelet kills the container. Every failed probe records a Warning `Unhealthy` event.
 *
 * Simplification: a real worker starts on a random jitter inside the first period when the
 * kubelet restarts, and otherwise probes when it is created; here the first probe runs exactly
 * initialDelaySeconds after the container started, then every periodSeconds (deterministic).
 */
import type { Stored } from "../../k8s/kinds.ts";
import type { Container, Pod, Probe } from "../../k8s/schema/pod.ts";
import { probeEventMessage, runProbe } from "../apps/process.ts";
import type { SimContext } from "../controller.ts";
import type { ContainerInstance, ProbeResult, ProbeType, ProbeWorker } from "./runtime.ts";

const ORDER: ProbeType[] = ["startup", "liveness", "readiness"];
const INITIAL: Record<ProbeType, ProbeResult> = { startup: "Unknown", liveness: "Success", readiness: "Failure" };
const LABEL: Record<ProbeType, "Startup" | "Liveness" | "Readiness"> = { startup: "Startup", liveness: "Liveness", readiness: "Readiness" };

/** API defaulting of a probe (pkg/apis/core/v1/defaults.go SetDefaults_Probe). */
export function defaultProbe(p: Probe): Required<Pick<Probe, "initialDelaySeconds" | "timeoutSeconds" | "periodSeconds" | "successThreshold" | "failureThreshold">> & Probe {
  return {
    ...p,
    initialDelaySeconds: p.initialDelaySeconds ?? 0,
    timeoutSeconds: p.timeoutSeconds ?? 1,
    periodSeconds: p.periodSeconds ?? 10,
    successThreshold: p.successThreshold ?? 1,
    failureThreshold: p.failureThreshold ?? 3,
  };
}

export function probeOf(c: Container, t: ProbeType): Probe | undefined {
  return t === "startup" ? c.startupProbe : t === "liveness" ? c.livenessProbe : c.readinessProbe;
}

/** Workers for a container instance that started at `startedMs`. */
export function newProbeWorkers(c: Container, startedMs: number): Partial<Record<ProbeType, ProbeWorker>> {
  const out: Partial<Record<ProbeType, ProbeWorker>> = {};
  for (const t of ORDER) {
    const p = probeOf(c, t);
    if (!p) continue;
    const d = defaultProbe(p);
    out[t] = { result: INITIAL[t], lastResult: "Unknown", run: 0, nextMs: startedMs + d.initialDelaySeconds * 1000, onHold: false };
  }
  return out;
}

/** Status readiness: running, started, and the readiness result Success (or no readiness probe). */
export function isReady(inst: ContainerInstance): boolean {
  if (inst.exited || !inst.started) return false;
  const w = inst.probes.readiness;
  return !w || w.result === "Success";
}

/** The earliest pending probe of an instance (for the next wake-up). */
export function nextProbeMs(inst: ContainerInstance): number | undefined {
  let best: number | undefined;
  for (const t of ORDER) {
    const w = inst.probes[t];
    if (w && !w.onHold && (best === undefined || w.nextMs < best)) best = w.nextMs;
  }
  return best;
}

/**
 * Run every probe due up to `uptoMs`, in time order, stopping at the instance's end or at a
 * kill decision. Returns true when something the pod status shows (started, ready) or a kill
 * decision changed.
 */
export function runDueProbes(ctx: SimContext, pod: Stored<Pod>, c: Container, inst: ContainerInstance, podIP: string, fieldPath: string, uptoMs: number): boolean {
  let changed = false;
  for (let guard = 0; guard < 100_000; guard++) {
    let due: ProbeType | undefined;
    for (const t of ORDER) {
      const w = inst.probes[t];
      if (w && !w.onHold && w.nextMs <= uptoMs && (due === undefined || w.nextMs < inst.probes[due]!.nextMs)) due = t;
    }
    if (due === undefined) break;
    const w = inst.probes[due]!;
    const probe = defaultProbe(probeOf(c, due)!);
    const periodMs = Math.max(1, probe.periodSeconds) * 1000;
    const at = w.nextMs;
    if (inst.end && at >= inst.end.atMs) break;
    // After a long pause (kubelet down) only the last few periods matter.
    if (uptoMs - at > 10 * periodMs) {
      w.nextMs += Math.floor((uptoMs - at) / periodMs - 3) * periodMs;
      continue;
    }
    w.nextMs = at + periodMs;
    changed = probeOnce(ctx, pod, c, inst, due, w, probe, podIP, fieldPath, at) || changed;
    if (inst.killFor) break;
  }
  return changed;
}

function probeOnce(
  ctx: SimContext,
  pod: Stored<Pod>,
  c: Container,
  inst: ContainerInstance,
  type: ProbeType,
  w: ProbeWorker,
  probe: ReturnType<typeof defaultProbe>,
  podIP: string,
  fieldPath: string,
  atMs: number,
): boolean {
  if (type === "startup" && inst.started) return false;
  if (type !== "startup" && !inst.started) return false;
  const outcome = runProbe(probe, { podIP, ports: c.ports ?? [], plan: inst.plan, runningForMs: atMs - inst.startedMs });
  const event = probeEventMessage(LABEL[type], outcome);
  if (event) ctx.recordEvent(pod, "Warning", event.reason, event.message, { component: "kubelet", host: pod.spec.nodeName }, fieldPath);
  // A probe that errored (bad port name...) is thrown away: neither success nor failure.
  if (outcome.errored) return false;
  const result: ProbeResult = outcome.ok ? "Success" : "Failure";
  if (w.lastResult === result) w.run++;
  else {
    w.lastResult = result;
    w.run = 1;
  }
  if ((result === "Failure" && w.run < probe.failureThreshold) || (result === "Success" && w.run < probe.successThreshold)) return false;
  const before = w.result;
  w.result = result;
  if (type === "startup" && result === "Success") {
    inst.started = true;
    delete inst.probes.startup;
    return true;
  }
  if ((type === "liveness" || type === "startup") && result === "Failure") {
    w.onHold = true;
    w.run = 0;
    inst.killFor = type;
    return true;
  }
  return before !== result;
}
