/**
 * Where a contest seat stands after a restart, from the journal: its sessions are
 * `<seat>.<level index>` (the highest is the level being played) and the results of the levels
 * it finished give the totals carried into the leaderboard.
 */
import type { CommandLogEntry } from "../../shared/game/session.ts";
import type { ResultRecord, SessionRecord } from "../persistence/journal.ts";
import { seatOfSession } from "./results.ts";

export interface SeatResume {
  /** The level being played (its session is replayed). */
  levelIndex: number;
  session: SessionRecord & { log: CommandLogEntry[] };
  /** Totals of the finished levels (the current one included when `finished`). */
  done: { score: number; solved: number; timeMs: number };
  /** The current level has a result already: the seat had ended (last level, or contest over). */
  finished: boolean;
}

const levelIndexOf = (sessionId: string, seat: string): number => (seatOfSession(sessionId) === seat ? Number(sessionId.slice(seat.length + 1)) : NaN);

/** The seat's resume point, or undefined when the journal holds no session of it. */
export function seatResume(seat: string, sessions: readonly (SessionRecord & { log: CommandLogEntry[] })[], results: readonly ResultRecord[]): SeatResume | undefined {
  let current: { index: number; session: SessionRecord & { log: CommandLogEntry[] } } | undefined;
  for (const session of sessions) {
    const index = levelIndexOf(session.sessionId, seat);
    if (Number.isInteger(index) && index >= 0 && (!current || index > current.index)) current = { index, session };
  }
  if (!current) return undefined;
  const done = { score: 0, solved: 0, timeMs: 0 };
  let finished = false;
  for (const r of results) {
    const index = levelIndexOf(r.sessionId, seat);
    if (!Number.isInteger(index) || index > current.index) continue;
    if (index === current.index) finished = true;
    done.score += r.score.total;
    done.solved += r.solved ? 1 : 0;
    done.timeMs += r.durationMs;
  }
  return { levelIndex: current.index, session: current.session, done, finished };
}
