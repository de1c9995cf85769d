/**
 * The debrief's SLO curve in solo mode: goals met/holding and the users' success rate,
 * sampled every simulated 5 seconds (the same shape the server's debrief message carries).
 */
import type { LevelSession } from "../../shared/game/session.ts";
import type { DebriefMessage } from "../../shared/protocol/messages.ts";
import { readL7 } from "../../shared/net/traffic/l7-state.ts";
import { trafficStats } from "../../shared/net/traffic/stats.ts";

export const CURVE_EVERY_MS = 5_000;
const MAX_POINTS = 720;

export class CurveRecorder {
  readonly points: DebriefMessage["curve"] = [];
  private nextMs = 0;

  /** Record a point when the next 5 s mark is reached (or always, for the final state). */
  sample(s: LevelSession, force = false): void {
    const simTimeMs = Math.round(s.elapsedSeconds * 1000);
    if (!force && (simTimeMs < this.nextMs || this.points.length >= MAX_POINTS)) return;
    if (force && this.points.at(-1)?.simTimeMs === simTimeMs) this.points.pop();
    this.nextMs = simTimeMs + CURVE_EVERY_MS;
    const goals = s.goals();
    const traffic = readL7(s.cluster.state).traffic ? trafficStats(s.cluster).users : undefined;
    this.points.push({
      simTimeMs,
      goalsMet: goals.filter((g) => g.met).length,
      goalsHolding: goals.filter((g) => g.holding).length,
      goalsTotal: goals.length,
      ...(traffic ? { successRate: traffic.successRate } : {}),
    });
  }
}
