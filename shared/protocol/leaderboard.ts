/**
 * Contest ranking, the same for the live leaderboard, the podium and the results export:
 * more points first; then more levels solved; then less time; equal on all three share a rank
 * (competition ranking: 1, 1, 3). Names only break the display order, never the rank.
 */

export interface LeaderboardInput {
  /** Seat id: one student, or one team. */
  seat: string;
  name: string;
  /** Level being played (1-based position in the contest) and its id. */
  level: number;
  levelId: string;
  solved: number;
  score: number;
  /** Simulated milliseconds played. */
  timeMs: number;
}

export interface LeaderboardEntry extends LeaderboardInput {
  rank: number;
}

function compare(a: LeaderboardInput, b: LeaderboardInput): number {
  return b.score - a.score || b.solved - a.solved || a.timeMs - b.timeMs;
}

export function rankLeaderboard(entries: readonly LeaderboardInput[]): LeaderboardEntry[] {
  const sorted = [...entries].sort((a, b) => compare(a, b) || a.name.localeCompare(b.name) || a.seat.localeCompare(b.seat));
  const out: LeaderboardEntry[] = [];
  sorted.forEach((e, i) => {
    const prev = out[i - 1];
    const rank = prev && compare(prev, e) === 0 ? prev.rank : i + 1;
    out.push({ ...e, rank });
  });
  return out;
}

/** CSV with a header, RFC 4180 quoting; cells that a spreadsheet would run as a formula are prefixed with '. */
export function leaderboardCsv(entries: readonly LeaderboardEntry[]): string {
  const cell = (v: string | number) => {
    let s = String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const header = ["rank", "name", "level", "levelId", "solved", "score", "timeSeconds"];
  const rows = entries.map((e) => [e.rank, e.name, e.level, e.levelId, e.solved, e.score, Math.round(e.timeMs / 1000)].map(cell).join(","));
  return [header.join(","), ...rows].join("\r\n") + "\r\n";
}
