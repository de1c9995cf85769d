/**
 * A contest's results from the journal: one ResultRecord per (seat, level played), grouped by
 * seat (sessionId is `<seat>.<level index>`) into leaderboard rows, ranked like the live board.
 */
import { rankLeaderboard, type LeaderboardEntry } from "../../shared/protocol/leaderboard.ts";
import type { ResultRecord } from "../persistence/journal.ts";

export function seatOfSession(sessionId: string): string {
  const dot = sessionId.lastIndexOf(".");
  return dot > 0 ? sessionId.slice(0, dot) : sessionId;
}

export function contestStandings(results: readonly ResultRecord[]): LeaderboardEntry[] {
  const bySeat = new Map<string, { name: string; score: number; solved: number; timeMs: number; level: number; levelId: string; lastLevel: number }>();
  for (const r of results) {
    const seat = seatOfSession(r.sessionId);
    const levelIndex = Number(r.sessionId.slice(seat.length + 1)) || 0;
    const e = bySeat.get(seat) ?? { name: r.playerName, score: 0, solved: 0, timeMs: 0, level: 1, levelId: r.levelId, lastLevel: -1 };
    e.score += r.score.total;
    e.solved += r.solved ? 1 : 0;
    e.timeMs += r.durationMs;
    if (levelIndex >= e.lastLevel) {
      e.lastLevel = levelIndex;
      e.level = levelIndex + 1;
      e.levelId = r.levelId;
      e.name = r.playerName;
    }
    bySeat.set(seat, e);
  }
  return rankLeaderboard([...bySeat].map(([seat, e]) => ({ seat, name: e.name, level: e.level, levelId: e.levelId, solved: e.solved, score: e.score, timeMs: e.timeMs })));
}
