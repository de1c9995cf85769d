/**
 * Goal tracking and collateral watch, evaluated once per simulated second (not every tick: a
 * goal evaluation lists objects). Plain JSON state, so it hashes and replays with the cluster.
 */
import type { Cluster } from "../sim/cluster.ts";
import { evaluateGoal, snapshotFields, type GoalBaselines } from "../levels/goals/evaluate.ts";
import { readyEndpointCount } from "../levels/goals/endpoints.ts";
import { goalText } from "../levels/goals/text.ts";
import { healthyObjects } from "../levels/relevance.ts";
import { formatRef, refNamespace, type LevelObjectRef } from "../levels/refs.ts";
import type { Level } from "../levels/schema.ts";
import type { ScoreState } from "../scoring/types.ts";

/** A healthy object counts as broken once unhealthy this long (a rolling restart's dip does not). */
export const COLLATERAL_GRACE_MS = 30_000;

export interface GoalTrack {
  holding: boolean;
  /** Tick since which it holds (undefined while not holding). */
  since?: number;
  detail: string;
  unavailable?: boolean;
}

interface HealthyWatch {
  ref: LevelObjectRef;
  uid: string;
  /** Had ready endpoints at the start (Services). */
  hadEndpoints: boolean;
  unhealthySince?: number;
  reported: boolean;
}

export interface TrackerState extends ScoreState {
  evalEveryTicks: number;
  stableWindowMs: number;
  lastEvalTick: number;
  goals: Record<string, GoalTrack>;
  baselines: GoalBaselines;
  healthy: HealthyWatch[];
}

export function startTracker(level: Level, cluster: Cluster): TrackerState {
  const baselines: GoalBaselines = {};
  for (const g of level.goals) if (g.kind === "objectUnchanged") baselines[g.id] = snapshotFields(cluster, g);
  const healthy: HealthyWatch[] = [];
  for (const ref of healthyObjects(level)) {
    const obj = cluster.get(ref.kind, refNamespace(ref), ref.name);
    if (!obj || !isHealthy(cluster, ref, true)) continue;
    healthy.push({ ref, uid: obj.metadata.uid, hadEndpoints: ref.kind === "Service" && readyEndpointCount(cluster, refNamespace(ref)!, ref.name) > 0, reported: false });
  }
  const st: TrackerState = {
    msPerTick: cluster.state.msPerTick,
    startTick: cluster.tickCount,
    nowTick: cluster.tickCount,
    evalEveryTicks: Math.max(1, Math.round(1000 / cluster.state.msPerTick)),
    stableWindowMs: level.stableWindowSeconds * 1000,
    lastEvalTick: cluster.tickCount,
    goals: {},
    goalUnmetMs: Object.fromEntries(level.goals.map((g) => [g.id, 0])),
    hintsRevealed: [],
    collateral: [],
    baselines,
    healthy,
  };
  evaluateGoals(level, cluster, st);
  return st;
}

function isHealthy(cluster: Cluster, ref: LevelObjectRef, hadEndpoints: boolean): boolean {
  const ns = refNamespace(ref);
  if (ref.kind === "Deployment") {
    const d = cluster.get("Deployment", ns, ref.name);
    const want = d?.spec.replicas ?? 1;
    return !!d && want > 0 && (d.status?.availableReplicas ?? 0) > 0;
  }
  if (ref.kind === "Service") return !hadEndpoints || readyEndpointCount(cluster, ns!, ref.name) > 0;
  if (ref.kind === "Namespace") {
    const n = cluster.get("Namespace", undefined, ref.name);
    return !!n && !n.metadata.deletionTimestamp;
  }
  return true;
}

export interface GoalTransition {
  id: string;
  holding: boolean;
  text: string;
}

/** Evaluate every goal; returns the transitions (for the timeline). */
export function evaluateGoals(level: Level, cluster: Cluster, st: TrackerState): GoalTransition[] {
  const tick = cluster.tickCount;
  const elapsedMs = (tick - st.lastEvalTick) * st.msPerTick;
  const transitions: GoalTransition[] = [];
  const active = st.resolvedTick === undefined;
  for (const g of level.goals) {
    const prev = st.goals[g.id];
    const e = evaluateGoal(cluster, g, st.baselines);
    if (active && prev && !prev.holding) st.goalUnmetMs[g.id] = (st.goalUnmetMs[g.id] ?? 0) + elapsedMs;
    const since = e.holding ? (prev?.holding ? prev.since : tick) : undefined;
    st.goals[g.id] = { holding: e.holding, detail: e.detail, ...(since !== undefined ? { since } : {}), ...(e.unavailable ? { unavailable: true } : {}) };
    if (prev && prev.holding !== e.holding) transitions.push({ id: g.id, holding: e.holding, text: `${goalText(g)}: ${e.detail}` });
  }
  if (active) watchHealthy(cluster, st, tick);
  st.lastEvalTick = tick;
  st.nowTick = tick;
  if (active && level.goals.every((g) => isMet(st, g.id, tick))) {
    st.resolvedTick = tick;
    st.fixedTick = Math.max(...level.goals.map((g) => st.goals[g.id].since ?? tick));
  }
  return transitions;
}

export function isMet(st: TrackerState, id: string, tick: number): boolean {
  const g = st.goals[id];
  return !!g && g.holding && g.since !== undefined && (tick - g.since) * st.msPerTick >= st.stableWindowMs;
}

function watchHealthy(cluster: Cluster, st: TrackerState, tick: number): void {
  for (const w of st.healthy) {
    if (w.reported) continue;
    const obj = cluster.get(w.ref.kind, refNamespace(w.ref), w.ref.name);
    const what = !obj ? "deleted" : obj.metadata.uid !== w.uid ? "deleted and recreated" : undefined;
    if (what) {
      w.reported = true;
      st.collateral.push({ object: formatRef(w.ref), what, tick });
      continue;
    }
    if (isHealthy(cluster, w.ref, w.hadEndpoints)) {
      delete w.unhealthySince;
      continue;
    }
    w.unhealthySince ??= tick;
    if ((tick - w.unhealthySince) * st.msPerTick >= COLLATERAL_GRACE_MS) {
      w.reported = true;
      st.collateral.push({ object: formatRef(w.ref), what: w.ref.kind === "Service" ? "lost its endpoints" : "became unavailable", tick });
    }
  }
}

