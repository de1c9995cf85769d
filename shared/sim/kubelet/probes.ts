/**
 * The prober workers (pkg/kubelet/prober/worker.go doProbe) of one container instance.
 *
 * Results start as the results manager's initial values: readiness Failure, liveness Success,
 * startup Unknown. Liveness and readiness do not run until the startup probe succeeded. A
 * result changes only after failureThreshold / successThreshold equal outcomes in a row; a
 * liveness or startup failure puts the worker on hold until a new container appears, and the
 * kubelet kills the container. Every failed probe records a Warning `Unhealthy` event.
 *
 * Probe timing: a real worker probes on a ticker of periodSeconds whose phase is set when the
 * worker starts, after "a random portion of tickerPeriod" when the kubelet has just started
 * (worker.go run: "If kubelet restarted the probes could be started in rapid succession").
 * Here every worker gets that jitter, in [0, periodSeconds): the first probe runs at
 * initialDelaySeconds + jitter after the container started, then every periodSeconds. The
 * jitter is a hash of (pod uid, container, probe type), not a draw from the cluster's random
 * generator, so it is deterministic, the same for every restart of the container (the real
 * worker, and its ticker, outlive container restarts), and spreads the probes of pods that
 * started together over the whole period instead of all on one tick.
 * Simplification: no manual trigger of the readiness probe when the container starts
 * (prober_manager UpdatePodStatus), so a pod is ready up to one period later than on a real
 * node, and the kubelet probes whether or not it has just started.
 */
import type { Stored } from "../../k8s/kinds.ts";
import type { Container, Pod, Probe } from "../../k8s/schema/pod.ts";
import { probeEventMessage, runProbe } from "../apps/process.ts";
import type { SimContext } from "../controller.ts";
import { fnv32a } from "../../util/canonical.ts";
import type { ContainerInstance, ProbeResult, ProbeType, ProbeWorker } from "./runtime.ts";

const ORDER: ProbeType[] = ["startup", "liveness", "readiness"];
const INITIAL: Record<ProbeType, ProbeResult> = { startup: "Unknown", liveness: "Success", readiness: "Failure" };
const LABEL: Record<ProbeType, "Startup" | "Liveness" | "Readiness"> = { startup: "Startup", liveness: "Liveness", readiness: "Readiness" };

/** API defaulting of a probe (pkg/apis/core/v1/defaults.go SetDefaults_Probe). */
export function defaultProbe(p: Probe): Required<Pick<Probe, "initialDelaySeconds" | "timeoutSeconds" | "periodSeconds" | "successThreshold" | "failureThreshold">> & Probe {
  // Stored pods come defaulted by the API server: nothing to fill in, no copy (the prober's hot path).
  if (
    p.initialDelaySeconds !== undefined &&
    p.timeoutSeconds !== undefined &&
    p.periodSeconds !== undefined &&
    p.successThreshold !== undefined &&
    p.failureThreshold !== undefined
  ) {
    return p as Required<Pick<Probe, "initialDelaySeconds" | "timeoutSeconds" | "periodSeconds" | "successThreshold" | "failureThreshold">> & Probe;
  }
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

/**
 * Workers for a container instance of pod `podUid` that started at `startedMs`. Without a pod
 * uid (unit tests of the worker alone) there is no jitter.
 */
export function newProbeWorkers(c: Container, startedMs: number, podUid?: string): Partial<Record<ProbeType, ProbeWorker>> {
  const out: Partial<Record<ProbeType, ProbeWorker>> = {};
  for (const t of ORDER) {
    const p = probeOf(c, t);
    if (!p) continue;
    const d = defaultProbe(p);
    const jitterMs = podUid === undefined ? 0 : probeJitterMs(podUid, c.name, t, d.periodSeconds);
    out[t] = { result: INITIAL[t], lastResult: "Unknown", run: 0, nextMs: startedMs + d.initialDelaySeconds * 1000 + jitterMs, onHold: false };
  }
  return out;
}

/** The worker's start jitter, whole ms in [0, periodSeconds): a hash of who it probes, not a random draw. */
export function probeJitterMs(podUid: string, container: string, type: ProbeType, periodSeconds: number): number {
  const periodMs = Math.max(1, periodSeconds) * 1000;
  // fnv32a, then murmur3's finaliser so the low digits are as well spread as the high ones.
  let h = fnv32a(`${podUid}/${container}/${type}`);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h = (h ^ (h >>> 16)) >>> 0;
  return h % periodMs;
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
