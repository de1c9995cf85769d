/** Database rows → journal records. Numbers pass through Number() (PostgreSQL BIGINT arrives as a string). */
import type { Selectable } from "kysely";
import type { ResultRecord, RoomRecord, SessionRecord } from "./journal.ts";
import type { ResultsTable, RoomsTable, SessionsTable } from "./schema.ts";

const PHASES: readonly RoomRecord["phase"][] = ["lobby", "running", "paused", "ended"];

export function roomFromRow(r: Selectable<RoomsTable>): RoomRecord {
  return {
    roomId: r.room_id,
    kind: r.kind === "contest" ? "contest" : "drill",
    config: JSON.parse(r.config) as Record<string, unknown>,
    createdAtMs: Number(r.created_at_ms),
    hostTokenHash: r.host_token_hash,
    phase: PHASES.includes(r.phase as RoomRecord["phase"]) ? (r.phase as RoomRecord["phase"]) : "paused",
  };
}

export function sessionFromRow(s: Selectable<SessionsTable>): SessionRecord {
  return { roomId: s.room_id, sessionId: s.session_id, levelId: s.level_id, seed: Number(s.seed), tick: Number(s.tick) };
}

export function resultFromRow(r: Selectable<ResultsTable>): ResultRecord {
  return {
    roomId: r.room_id,
    sessionId: r.session_id,
    playerName: r.player_name,
    levelId: r.level_id,
    score: JSON.parse(r.score) as ResultRecord["score"],
    solved: Number(r.solved) === 1,
    durationMs: Number(r.duration_ms),
    finishedAtMs: Number(r.finished_at_ms),
  };
}
