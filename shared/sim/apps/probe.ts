import type { Probe } from "../../k8s/schema/pod.ts";
import { execInPlan, type ExecOptions } from "./exec.ts";
import { httpGetAt, tcpConnectAt } from "./http.ts";
import type { ProcessPlan } from "./plan.ts";

/**
 * One probe attempt, with the outputs of the kubelet's prober (pkg/kubelet/prober/prober.go,
 * pkg/probe/{http,tcp,exec}). `message` is the probe's output only: the kubelet composes the
 * event (see probeEventMessage). An `errored` outcome (result `unknown`) is one the kubelet's
 * worker throws away: it counts neither as a success nor as a failure.
 */
export type ProbeResult = "success" | "warning" | "failure" | "unknown";
export interface ProbeOutcome {
  ok: boolean;
  message: string;
  result: ProbeResult;
  errored?: boolean;
}
export interface ProbeTarget {
  podIP: string;
  ports: { name?: string; containerPort: number }[];
  plan: ProcessPlan;
  runningForMs: number;
  /** Options for exec probes (files changed by earlier `kubectl exec`). */
  exec?: ExecOptions;
}

const success = (message = ""): ProbeOutcome => ({ ok: true, message, result: "success" });
const failure = (message: string): ProbeOutcome => ({ ok: false, message, result: "failure" });
const errored = (message: string): ProbeOutcome => ({ ok: false, message, result: "unknown", errored: true });

/** probe.ResolveContainerPort: a number, a named container port, or a number written as a string. */
export function resolveProbePort(port: number | string, ports: ProbeTarget["ports"]): { port: number } | { error: string } {
  let n: number;
  if (typeof port === "number") n = port;
  else {
    const named = ports.find((p) => p.name === port);
    if (named) n = named.containerPort;
    else if (/^[+-]?\d+$/.test(port)) n = Number(port);
    else return { error: `strconv.Atoi: parsing ${JSON.stringify(port)}: invalid syntax` };
  }
  return n > 0 && n < 65536 ? { port: n } : { error: `invalid port number: ${n}` };
}

export function runProbeOnPlan(probe: Probe, target: ProbeTarget): ProbeOutcome {
  const timeoutMs = (probe.timeoutSeconds ?? 1) * 1000;
  const { plan, runningForMs } = target;
  if (probe.exec) {
    const command = probe.exec.command ?? [];
    const r = execInPlan(plan, runningForMs, command, target.exec);
    if (r.error) return errored(`rpc error: code = Unknown desc = ${r.error}`);
    /** ExecProbeTimeout (GA): a command still running at timeoutSeconds fails the probe. */
    if (r.durationMs > timeoutMs) return failure(`command ${JSON.stringify(command.join(" "))} timed out`);
    /** Simplification: the trailing newline of the output is dropped (kubectl describe trims it anyway). */
    const output = r.output.replace(/\s+$/, "");
    return r.exitCode === 0 ? success(output) : failure(output);
  }
  if (probe.httpGet) {
    const resolved = resolveProbePort(probe.httpGet.port, target.ports);
    if ("error" in resolved) return errored(resolved.error);
    const scheme = (probe.httpGet.scheme ?? "HTTP").toLowerCase();
    const host = probe.httpGet.host || target.podIP;
    const rawPath = probe.httpGet.path ?? "/";
    const path = rawPath.startsWith("/") ? rawPath : `/${rawPath}`;
    const url = `${scheme}://${hostPort(host, resolved.port)}${path}`;
    /** Simplification: a `host` other than the pod IP is not routed to the pod (as `localhost` would reach the node). */
    const outcome = host === target.podIP ? httpGetAt(plan, runningForMs, resolved.port, path) : ({ kind: "refused" } as const);
    if (outcome.kind === "refused") return failure(`Get "${url}": dial tcp ${hostPort(host, resolved.port)}: connect: connection refused`);
    if (scheme === "https") return failure(`Get "${url}": http: server gave HTTP response to HTTPS client`);
    if (outcome.latencyMs > timeoutMs) return failure(`Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`);
    /** Simplification: 3xx answers carry no Location here, so they count as success (no ProbeWarning for off-host redirects). */
    if (outcome.status >= 200 && outcome.status < 400) return success(outcome.body);
    return failure(`HTTP probe failed with statuscode: ${outcome.status}`);
  }
  if (probe.tcpSocket) {
    const resolved = resolveProbePort(probe.tcpSocket.port, target.ports);
    if ("error" in resolved) return errored(resolved.error);
    const host = probe.tcpSocket.host || target.podIP;
    if (host === target.podIP && tcpConnectAt(plan, runningForMs, resolved.port)) return success();
    return failure(`dial tcp ${hostPort(host, resolved.port)}: connect: connection refused`);
  }
  if (probe.grpc) {
    /** Simplification: a listening gRPC port answers SERVING; health service states are not modelled. */
    if (tcpConnectAt(plan, runningForMs, probe.grpc.port)) return success();
    return failure(`timeout: failed to connect service "${hostPort(target.podIP, probe.grpc.port)}" within ${timeoutMs / 1000}s`);
  }
  return errored("missing probe handler");
}

/** net.JoinHostPort: IPv6 literals are bracketed. */
function hostPort(host: string, port: number): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

export type ProbeType = "Liveness" | "Readiness" | "Startup";

/**
 * The event the kubelet records for a probe outcome (prober.go), or undefined for a plain success:
 * reason `Unhealthy` for failures and errors, `ProbeWarning` for warnings.
 */
export function probeEventMessage(type: ProbeType, outcome: ProbeOutcome): { reason: "Unhealthy" | "ProbeWarning"; message: string } | undefined {
  if (outcome.errored) return { reason: "Unhealthy", message: `${type} probe errored and resulted in ${outcome.result} state: ${outcome.message}` };
  if (outcome.result === "failure") return { reason: "Unhealthy", message: `${type} probe failed: ${outcome.message}` };
  if (outcome.result === "warning") return { reason: "ProbeWarning", message: `${type} probe warning: ${outcome.message}` };
  return undefined;
}
