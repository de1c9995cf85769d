/**
 * Request counters kept in the state: per scope (an entry point `entry:<name>`, a Service
 * `svc:<ns>/<name>`), cumulative totals (what the error budget is measured over) and one bucket
 * per simulated second for the last minute (rates, windowed success, latency, reasons).
 */
import type { PathMemo } from "./data-plane.ts";
export interface SecondBucket {
  sec: number;
  total: number;
  failed: number;
  /** Sum of latency over successful requests (ms), for the mean. */
  latencyMsSum: number;
  reasons: Record<string, number>;
}

export interface ScopeCounters {
  total: number;
  failed: number;
  reasons: Record<string, number>;
  buckets: SecondBucket[];
}

export interface FlowClass {
  weight: number;
  ok: boolean;
  reason?: string;
  /** The Service whose app received the request (`ns/name`), if one did. */
  servedBy?: string;
  /** The Service the request was addressed to, if known. */
  service?: string;
  latencyMs: number;
  detail: string;
}

export interface FlowState {
  id: string;
  classes: FlowClass[];
  computedTick: number;
  /** Simulated Unix ms when an app behind it changes its answer by itself (null: never); recomputed then. */
  validUntilMs: number | null;
  /** What its outcome depends on: Service keys (`ns/name`), `call:<i>` flows it folds in, `ingress` (the rules). */
  deps: string[];
  /** Requests per second this flow carries (entries: the spec; calls: derived from arrivals). */
  ratePerSec: number;
  /** Fractional requests carried to the next tick. */
  carry: number;
}

export interface TrafficCounters {
  startedMs: number;
  scopes: Record<string, ScopeCounters>;
  flows: Record<string, FlowState>;
  /** Fingerprint of the network state's hand-editable parts at the last refresh. */
  fingerprint: string;
  /** Some routing input changed everywhere (policies, nodes, network settings): refresh every flow. */
  dirty: boolean;
  /** Services (`ns/name`, or `ingress`) whose objects or pods changed: refresh the flows that depend on them. */
  dirtyDeps: string[];
  /** Data-plane verdicts per (source kind, node pair, port, sizes); cleared when nodes, CNI or network settings change. */
  paths: PathMemo;
  /** Bumped whenever `paths` is cleared (names the generation of derived route tables). */
  routesGen: number;
}

export const BUCKETS = 60;

/** Forget data-plane verdicts (nodes, CNI or network settings changed). */
export function clearPaths(c: TrafficCounters): void {
  c.paths = {};
  c.routesGen++;
}

export function emptyCounters(nowMs: number): TrafficCounters {
  return { startedMs: nowMs, scopes: {}, flows: {}, fingerprint: "", dirty: true, dirtyDeps: [], paths: {}, routesGen: 0 };
}

/** Add `n` requests of one kind to a scope's counters at second `sec`. */
export function record(c: TrafficCounters, scope: string, sec: number, n: number, ok: boolean, reason: string | undefined, latencyMs: number): void {
  if (n <= 0) return;
  const s = (c.scopes[scope] ??= { total: 0, failed: 0, reasons: {}, buckets: [] });
  s.total += n;
  let b = s.buckets[s.buckets.length - 1];
  if (!b || b.sec !== sec) {
    b = { sec, total: 0, failed: 0, latencyMsSum: 0, reasons: {} };
    s.buckets.push(b);
    while (s.buckets.length > 0 && s.buckets[0].sec <= sec - BUCKETS) s.buckets.shift();
  }
  b.total += n;
  if (ok) b.latencyMsSum += n * Math.round(latencyMs);
  else {
    s.failed += n;
    b.failed += n;
    const r = reason ?? "unknown";
    s.reasons[r] = (s.reasons[r] ?? 0) + n;
    b.reasons[r] = (b.reasons[r] ?? 0) + n;
  }
}
