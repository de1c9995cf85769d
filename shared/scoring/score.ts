/**
 * The score of a session, as a breakdown a player can read: one pure function of the level, the
 * command log and the session's progress, so the server, the browser preview and the tests agree.
 *
 *   base        200 × difficulty
 *   time        × 1 at or under par, falling linearly to × 0.5 at 3 × par (shown as points lost)
 *   errorBudget up to −30% of base: the error budget burned while the incident lasted
 *               (Simplification: until the traffic model reports SLO data, the mean share of time
 *               the goals were unmet, against a budget of 3 × par; a mitigation that restores
 *               some goals early burns less than one big fix at the end)
 *   hints       − the cost of each hint revealed
 *   collateral  −25% of base per object the level marks healthy that the player broke or deleted
 *   diagnosis   up to +20% of base for inspecting the relevant objects before the first change
 *   shotgun     −5% of base per pod deletion / rollout restart beyond the first (max −25%)
 * Unresolved: the total is 0 (the breakdown still previews what resolving now would give).
 */
import type { Level } from "../levels/schema.ts";
import { relevantObjects } from "../levels/relevance.ts";
import type { CommandLogEntry, ScoreBreakdown } from "../game/session.ts";
import { summarizeDiagnosis } from "./diagnosis.ts";
import type { ScoreState } from "./types.ts";

export type ScoreComponent = ScoreBreakdown["components"][number];

export const BASE_PER_DIFFICULTY = 200;
const MIN_TIME_FACTOR = 0.5;
const BUDGET_SHARE = 0.3;
const COLLATERAL_SHARE = 0.25;
const DIAGNOSIS_SHARE = 0.2;
const SHOTGUN_SHARE = 0.05;
const SHOTGUN_CAP = 0.25;
const SHOTGUN_ALLOWED = 1;

const fmt = (s: number) => (s >= 60 ? `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, "0")}s` : `${Math.round(s)}s`);

export function timeFactor(seconds: number, parSeconds: number): number {
  if (seconds <= parSeconds) return 1;
  return Math.max(MIN_TIME_FACTOR, 1 - (1 - MIN_TIME_FACTOR) * ((seconds - parSeconds) / (2 * parSeconds)));
}

/** Fraction of the error budget burned (0..1). */
export function budgetBurned(level: Level, state: ScoreState): number {
  if (state.sloBudgetBurned !== undefined) return Math.min(1, Math.max(0, state.sloBudgetBurned));
  const ids = level.goals.map((g) => g.id);
  if (ids.length === 0) return 0;
  const meanUnmetMs = ids.reduce((s, id) => s + (state.goalUnmetMs[id] ?? 0), 0) / ids.length;
  return Math.min(1, meanUnmetMs / (3 * level.parTimeSeconds * 1000));
}

export function starsFor(total: number, max: number, resolved: boolean): 0 | 1 | 2 | 3 {
  if (!resolved) return 0;
  const ratio = max > 0 ? total / max : 0;
  return ratio >= 0.85 ? 3 : ratio >= 0.6 ? 2 : 1;
}

export function maxScore(level: Level): number {
  const base = BASE_PER_DIFFICULTY * level.difficulty;
  return base + Math.round(base * DIAGNOSIS_SHARE);
}

export function scoreSession(level: Level, log: readonly CommandLogEntry[], state: ScoreState): ScoreBreakdown {
  const base = BASE_PER_DIFFICULTY * level.difficulty;
  const resolved = state.resolvedTick !== undefined;
  const components: ScoreComponent[] = [{ id: "base", label: "Incident resolved", points: base, detail: `difficulty ${level.difficulty} × ${BASE_PER_DIFFICULTY}` }];

  const fixTick = state.fixedTick ?? state.nowTick;
  const seconds = ((fixTick - state.startTick) * state.msPerTick) / 1000;
  const factor = timeFactor(seconds, level.parTimeSeconds);
  components.push({ id: "time", label: "Time to fix", points: Math.round(base * (factor - 1)), detail: `${resolved ? "fixed" : "running"} in ${fmt(seconds)} (par ${fmt(level.parTimeSeconds)}): × ${factor.toFixed(2)}` });

  const burned = budgetBurned(level, state);
  const source = state.sloBudgetBurned !== undefined ? "SLO error budget" : "time the goals were failing, against 3 × par";
  components.push({ id: "errorBudget", label: "Error budget burned", points: -Math.round(base * BUDGET_SHARE * burned), detail: `${Math.round(burned * 100)}% burned (${source})` });

  const hintCost = state.hintsRevealed.reduce((s, i) => s + (level.hints[i]?.cost ?? 0), 0);
  components.push({ id: "hints", label: "Hints", points: -hintCost, detail: state.hintsRevealed.length ? `${state.hintsRevealed.length} hint(s) revealed` : "no hints used" });

  const per = Math.round(base * COLLATERAL_SHARE);
  const collateral = Math.min(base, per * state.collateral.length);
  components.push({
    id: "collateral",
    label: "Collateral damage",
    points: -collateral,
    detail: state.collateral.length ? state.collateral.map((c) => `${c.object} ${c.what}`).join("; ") : "nothing that worked was broken",
  });

  /** Only the players' kubectl lines: hint reveals and facilitator injections are not commands. */
  const lines = log.filter((e) => !e.refused && e.type === undefined).map((e) => e.line);
  const d = summarizeDiagnosis(lines, relevantObjects(level));
  const diagPoints = d.relevant ? Math.round(base * DIAGNOSIS_SHARE * (d.inspectedFirst / d.relevant)) : 0;
  components.push({
    id: "diagnosis",
    label: "Diagnosis before action",
    points: diagPoints,
    detail: d.inspectedFirst
      ? `inspected ${d.looked.join(", ")} before changing anything (${d.inspectedFirst}/${d.relevant})`
      : d.mutations
        ? `changed things before looking at ${d.relevant ? "the objects involved" : "anything"}`
        : "the objects involved have not been inspected yet",
  });

  const extra = Math.max(0, d.shotgun - SHOTGUN_ALLOWED);
  components.push({
    id: "shotgun",
    label: "Shotgun restarts",
    points: -Math.min(Math.round(base * SHOTGUN_CAP), extra * Math.round(base * SHOTGUN_SHARE)),
    detail: d.shotgun ? `${d.shotgun} pod deletion(s)/rollout restart(s)${extra ? `, ${extra} beyond the first` : ""}` : "no blind restarts",
  });

  for (const c of components) c.points = c.points || 0; // no "-0" in a player's breakdown
  const sum = components.reduce((s, c) => s + c.points, 0);
  if (!resolved) components.push({ id: "unresolved", label: "Not resolved yet", points: -Math.max(0, sum) || 0, detail: "every goal must hold for the stable window before points count" });
  const total = resolved ? Math.max(0, sum) : 0;
  return { total, stars: starsFor(total, maxScore(level), resolved), components, resolved, max: maxScore(level) };
}
