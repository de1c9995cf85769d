/**
 * What the processes of a scaled-out server share about contests, through presence (Redis when
 * REDIS_URL is set): the teacher token's hash per join code (for the results export), and the
 * pub/sub topics a contest and its seat rooms talk on.
 */
import type { LeaderboardInput } from "../../shared/protocol/leaderboard.ts";

export const CONTEST_HOSTS_KEY = "crashloop:contest-hosts";

/** Seats → contest: progress of one seat (published on change, at most once a second). */
export const progressTopic = (code: string) => `crashloop:contest:${code}:progress`;
/** Contest → seats: phase changes. */
export const controlTopic = (code: string) => `crashloop:contest:${code}:control`;

/** One goal of one level as a seat last saw it (levels already finished keep their final state). */
export interface SeatGoalReport {
  levelId: string;
  id: string;
  text: string;
  met: boolean;
}

export interface SeatProgress extends LeaderboardInput {
  /** Goals of every level this seat has played so far, in play order (class analytics). */
  goals?: SeatGoalReport[];
  /** The seat has finished its last level, or the contest ended and this is its final report. */
  final: boolean;
}

export type ContestControl = { action: "start" } | { action: "pause" } | { action: "resume" } | { action: "end" };
