/**
 * Versioned schema migrations and their runner. Each migration runs once, inside a
 * transaction, and is recorded in schema_migrations; its DDL is idempotent (IF NOT EXISTS)
 * so a half-applied manual change does not wedge start-up. On PostgreSQL several server
 * processes may start together against one database: a transaction-scoped advisory lock
 * serializes them. On SQLite the write lock (with busy_timeout) does the same.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import type { DialectName, JournalDatabase } from "./schema.ts";

export interface Migration {
  version: number;
  name: string;
  up(db: Transaction<JournalDatabase>, dialect: DialectName): Promise<void>;
}

/** Auto-incrementing id: the column type and modifiers differ by dialect. */
function serialId(dialect: DialectName) {
  return dialect === "postgres" ? ("bigserial" as const) : ("integer" as const);
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "rooms, sessions, commands, results",
    async up(db, dialect) {
      await db.schema
        .createTable("rooms")
        .ifNotExists()
        .addColumn("room_id", "text", (c) => c.primaryKey())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("config", "text", (c) => c.notNull())
        .addColumn("created_at_ms", "bigint", (c) => c.notNull())
        .addColumn("host_token_hash", "text", (c) => c.notNull())
        .addColumn("phase", "text", (c) => c.notNull())
        .addColumn("updated_at_ms", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("rooms_phase").ifNotExists().on("rooms").column("phase").execute();

      await db.schema
        .createTable("sessions")
        .ifNotExists()
        .addColumn("room_id", "text", (c) => c.notNull())
        .addColumn("session_id", "text", (c) => c.notNull())
        .addColumn("level_id", "text", (c) => c.notNull())
        .addColumn("seed", "bigint", (c) => c.notNull())
        .addColumn("tick", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("sessions_pk", ["room_id", "session_id"])
        .execute();

      await db.schema
        .createTable("commands")
        .ifNotExists()
        .addColumn("id", serialId(dialect), (c) => (dialect === "postgres" ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn("room_id", "text", (c) => c.notNull())
        .addColumn("session_id", "text", (c) => c.notNull())
        .addColumn("tick", "bigint", (c) => c.notNull())
        .addColumn("entry", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("commands_session").ifNotExists().on("commands").columns(["room_id", "session_id", "id"]).execute();

      await db.schema
        .createTable("results")
        .ifNotExists()
        .addColumn("id", serialId(dialect), (c) => (dialect === "postgres" ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn("room_id", "text", (c) => c.notNull())
        .addColumn("session_id", "text", (c) => c.notNull())
        .addColumn("player_name", "text", (c) => c.notNull())
        .addColumn("level_id", "text", (c) => c.notNull())
        .addColumn("score_total", "bigint", (c) => c.notNull())
        .addColumn("score", "text", (c) => c.notNull())
        .addColumn("solved", "integer", (c) => c.notNull())
        .addColumn("duration_ms", "bigint", (c) => c.notNull())
        .addColumn("finished_at_ms", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("results_player").ifNotExists().unique().on("results").columns(["room_id", "session_id", "player_name"]).execute();
      await db.schema.createIndex("results_level").ifNotExists().on("results").columns(["level_id", "solved", "score_total"]).execute();
    },
  },
];

async function ensureMigrationTable(db: Kysely<JournalDatabase> | Transaction<JournalDatabase>): Promise<void> {
  await db.schema
    .createTable("schema_migrations")
    .ifNotExists()
    .addColumn("version", "integer", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("applied_at_ms", "bigint", (c) => c.notNull())
    .execute();
}

/** Arbitrary constant naming the advisory lock the journal's migrations take. */
const MIGRATION_LOCK_KEY = 7_262_017;

/** Applies the pending migrations in version order; returns the versions it applied. */
export async function runMigrations(db: Kysely<JournalDatabase>, dialect: DialectName, migrations: readonly Migration[] = MIGRATIONS, nowMs: () => number = Date.now): Promise<number[]> {
  const applied: number[] = [];
  await db.transaction().execute(async (trx) => {
    if (dialect === "postgres") await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
    await ensureMigrationTable(trx);
    const done = new Set((await trx.selectFrom("schema_migrations").select("version").execute()).map((r) => Number(r.version)));
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await m.up(trx, dialect);
      await trx.insertInto("schema_migrations").values({ version: m.version, name: m.name, applied_at_ms: nowMs() }).execute();
      applied.push(m.version);
    }
  });
  return applied;
}
