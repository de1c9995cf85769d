/**
 * What players (and level goals) watch: per entry point and per Service, the request rate,
 * success rate and mean latency over a window, and the SLO's error budget:
 *   allowed failures = (1 − target) × all requests so far; budgetRemaining = 1 − failed / allowed
 * (clamped to [0, 1]); burnRate = failure ratio in the window / (1 − target) — above 1 the
 * budget shrinks, below 1 it grows back as good requests accrue.
 */
import type { Cluster } from "../../sim/cluster.ts";
import type { ClusterState } from "../../sim/state.ts";
import type { ScopeCounters } from "./counters.ts";
import { readL7 } from "./l7-state.ts";

export interface ScopeStats {
  requestsPerSec: number;
  /** Successful / all requests in the window (1 when there were none). */
  successRate: number;
  /** Mean latency of successful requests in the window (ms). */
  latencyMs: number;
  /** Failures in the window by reason. */
  reasons: Record<string, number>;
  /** Requests and failures in the window. */
  windowTotal: number;
  windowFailed: number;
  /** Since traffic started (what the error budget is spent against). */
  total: number;
  failed: number;
  slo: { target: number; budgetRemaining: number; burnRate: number };
}

export interface TrafficStats {
  /** Every entry point together: what users see. */
  users: ScopeStats;
  entries: Record<string, ScopeStats>;
  services: Record<string, ScopeStats>;
}

export function budgetRemaining(target: number, total: number, failed: number): number {
  const allowed = (1 - target) * total;
  if (total === 0) return 1;
  if (allowed <= 0) return failed > 0 ? 0 : 1;
  return Math.min(1, Math.max(0, 1 - failed / allowed));
}

function scopeStats(scopes: ScopeCounters[], target: number, nowSec: number, windowSec: number, spanSec: number): ScopeStats {
  let wTotal = 0;
  let wFailed = 0;
  let latency = 0;
  let total = 0;
  let failed = 0;
  const reasons: Record<string, number> = {};
  for (const s of scopes) {
    total += s.total;
    failed += s.failed;
    for (const b of s.buckets) {
      if (b.sec <= nowSec - windowSec) continue;
      wTotal += b.total;
      wFailed += b.failed;
      latency += b.latencyMsSum;
      for (const [r, n] of Object.entries(b.reasons)) reasons[r] = (reasons[r] ?? 0) + n;
    }
  }
  const span = Math.max(spanSec, 1e-3);
  const failRatio = wTotal === 0 ? 0 : wFailed / wTotal;
  return {
    requestsPerSec: Math.round((wTotal / span) * 100) / 100,
    successRate: wTotal === 0 ? 1 : (wTotal - wFailed) / wTotal,
    latencyMs: wTotal - wFailed === 0 ? 0 : Math.round((latency / (wTotal - wFailed)) * 100) / 100,
    reasons,
    windowTotal: wTotal,
    windowFailed: wFailed,
    total,
    failed,
    slo: { target, budgetRemaining: budgetRemaining(target, total, failed), burnRate: target >= 1 ? (failRatio > 0 ? Infinity : 0) : failRatio / (1 - target) },
  };
}

export function trafficStatsOf(state: ClusterState, opts: { windowMs?: number } = {}): TrafficStats {
  const t = readL7(state).traffic;
  const target = t?.spec.sloTarget ?? 0.995;
  const nowMs = state.tick * state.msPerTick;
  const nowSec = Math.floor(nowMs / 1000);
  const windowSec = Math.max(1, Math.round((opts.windowMs ?? 60_000) / 1000));
  // Ticks counted in the window: from the window's first second (or the first counted tick) to now.
  const firstTickMs = t ? t.counters.startedMs - state.epochMs + state.msPerTick : 0;
  const windowFirstMs = Math.max((nowSec - windowSec + 1) * 1000, firstTickMs);
  const spanSec = Math.max(0, nowMs - windowFirstMs + state.msPerTick) / 1000;
  const scopes = t?.counters.scopes ?? {};
  const entries: Record<string, ScopeStats> = {};
  const services: Record<string, ScopeStats> = {};
  const users: ScopeCounters[] = [];
  for (const key of Object.keys(scopes).sort()) {
    const st = scopeStats([scopes[key]], target, nowSec, windowSec, spanSec);
    if (key.startsWith("entry:")) {
      entries[key.slice(6)] = st;
      users.push(scopes[key]);
    } else if (key.startsWith("svc:")) services[key.slice(4)] = st;
  }
  return { users: scopeStats(users, target, nowSec, windowSec, spanSec), entries, services };
}

/** trafficStats(cluster): for the game's goals (requestSuccessRate over a window, sloBudgetRemaining). */
export function trafficStats(cluster: Cluster, opts: { windowMs?: number } = {}): TrafficStats {
  return trafficStatsOf(cluster.state, opts);
}
