import type { ProcessPlan } from "./plan.ts";

/**
 * What a client connecting to the process sees: refused until it listens (and after it exits),
 * then HTTP answers from its routes — 503 while warming up, 500 once wedged.
 */
export type HttpOutcome = { kind: "refused" } | { kind: "response"; status: number; latencyMs: number; body: string };

/** Latency of answers that no route describes (404s, warm-up 503s). */
const DEFAULT_LATENCY_MS = 1;

function exited(plan: ProcessPlan, runningForMs: number): boolean {
  return plan.exit !== undefined && runningForMs >= plan.exit.afterMs;
}

export function tcpConnectAt(plan: ProcessPlan, runningForMs: number, port: number): boolean {
  const listen = plan.listen;
  return !!listen && runningForMs >= listen.fromMs && listen.ports.includes(port) && !exited(plan, runningForMs) && !plan.startError;
}

export function httpGetAt(plan: ProcessPlan, runningForMs: number, port: number, path: string): HttpOutcome {
  if (!tcpConnectAt(plan, runningForMs, port) || !plan.http) return { kind: "refused" };
  const http = plan.http;
  const route = Object.prototype.hasOwnProperty.call(http.routes, pathOnly(path)) ? http.routes[pathOnly(path)] : undefined;
  const latencyMs = route?.latencyMs ?? DEFAULT_LATENCY_MS;
  if (runningForMs < http.warmupUntilMs) return { kind: "response", status: 503, latencyMs, body: "Service Unavailable" };
  if (http.wedgedFromMs !== undefined && runningForMs >= http.wedgedFromMs) {
    return { kind: "response", status: 500, latencyMs, body: "Internal Server Error" };
  }
  if (!route) return { kind: "response", status: http.notFoundStatus, latencyMs, body: statusText(http.notFoundStatus) };
  return { kind: "response", status: route.status, latencyMs, body: route.body ?? (route.status < 300 ? "ok" : statusText(route.status)) };
}

function pathOnly(path: string): string {
  const q = path.indexOf("?");
  const p = q >= 0 ? path.slice(0, q) : path;
  return p === "" ? "/" : p;
}

const TEXT: Record<number, string> = { 200: "OK", 404: "Not Found", 500: "Internal Server Error", 503: "Service Unavailable" };
function statusText(status: number): string {
  return TEXT[status] ?? `HTTP ${status}`;
}
