/**
 * The journal's tables as Kysely sees them. One schema for SQLite and PostgreSQL: JSON is
 * stored as TEXT (not jsonb) and booleans as 0/1 integers so the same queries run on both.
 * PostgreSQL returns BIGINT columns as strings; readers pass every number through Number().
 */
import type { Generated } from "kysely";

export interface RoomsTable {
  room_id: string;
  kind: string;
  /** JSON text of RoomRecord.config. */
  config: string;
  created_at_ms: number | string;
  host_token_hash: string;
  phase: string;
  updated_at_ms: number | string;
}

export interface SessionsTable {
  room_id: string;
  session_id: string;
  level_id: string;
  seed: number | string;
  tick: number | string;
}

export interface CommandsTable {
  /** Insertion order = application order (the log replays in this order). */
  id: Generated<number | string>;
  room_id: string;
  session_id: string;
  tick: number | string;
  /** JSON text of the whole CommandLogEntry (optional fields survive the round trip). */
  entry: string;
}

export interface ResultsTable {
  id: Generated<number | string>;
  room_id: string;
  session_id: string;
  player_name: string;
  level_id: string;
  score_total: number | string;
  /** JSON text of the ScoreBreakdown. */
  score: string;
  solved: number | string;
  duration_ms: number | string;
  finished_at_ms: number | string;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at_ms: number | string;
}

export interface JournalDatabase {
  rooms: RoomsTable;
  sessions: SessionsTable;
  commands: CommandsTable;
  results: ResultsTable;
  schema_migrations: SchemaMigrationsTable;
}

export type DialectName = "sqlite" | "postgres";
