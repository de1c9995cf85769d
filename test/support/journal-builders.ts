/** Journal records for persistence tests: sensible defaults, override what the test is about. */
import type { CommandLogEntry, ScoreBreakdown } from "../../shared/game/session.ts";
import type { ResultRecord, RoomRecord, SessionRecord } from "../../server/persistence/journal.ts";

export function aRoom(over: Partial<RoomRecord> = {}): RoomRecord {
  return {
    roomId: "K7QP2M",
    kind: "drill",
    config: { levelId: "probes-readiness-wrong-path" },
    createdAtMs: 1_700_000_000_000,
    hostTokenHash: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    phase: "running",
    ...over,
  };
}

export function aSession(over: Partial<SessionRecord> = {}): SessionRecord {
  return { roomId: "K7QP2M", sessionId: "main", levelId: "probes-readiness-wrong-path", seed: 42, tick: 0, ...over };
}

export function aCommand(over: Partial<CommandLogEntry> = {}): CommandLogEntry {
  return { tick: 10, player: "p1", line: "kubectl get pods", exitCode: 0, ...over };
}

export function aScore(total: number, over: Partial<ScoreBreakdown> = {}): ScoreBreakdown {
  return {
    total,
    stars: total >= 900 ? 3 : total >= 600 ? 2 : total > 0 ? 1 : 0,
    components: [{ id: "base", label: "Resolved", points: total, detail: "all goals met" }],
    resolved: total > 0,
    max: 1000,
    ...over,
  };
}

export function aResult(over: Partial<ResultRecord> = {}): ResultRecord {
  return {
    roomId: "K7QP2M",
    sessionId: "main",
    playerName: "ada",
    levelId: "probes-readiness-wrong-path",
    score: aScore(800),
    solved: true,
    durationMs: 120_000,
    finishedAtMs: 1_700_000_300_000,
    ...over,
  };
}
