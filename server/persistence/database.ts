/**
 * Opens the one query layer (Kysely) over SQLite (better-sqlite3) or PostgreSQL (pg), checks
 * the connection, and applies migrations. Failure to reach the database is a start-up error
 * that names the database and the driver's reason (never the password).
 */
import fs from "node:fs";
import path from "node:path";
import Sqlite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { describeDatabase, type DatabaseConfig } from "./database-config.ts";
import { runMigrations } from "./migrations.ts";
import type { DialectName, JournalDatabase } from "./schema.ts";

/** The server cannot start with this database; the message says why. */
export class DatabaseStartupError extends Error {
  override name = "DatabaseStartupError";
}

export interface OpenDatabase {
  db: Kysely<JournalDatabase>;
  dialect: DialectName;
  description: string;
}

export interface OpenOptions {
  /** PostgreSQL connection timeout (ms). */
  connectTimeoutMs?: number;
  /** PostgreSQL pool size. */
  poolSize?: number;
}

function openSqlite(file: string): Kysely<JournalDatabase> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new Sqlite(file);
  // WAL: readers do not block the writer; synchronous=FULL: a committed batch survives an OS
  // crash too (one fsync per batch, a few per second, is cheap).
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = FULL");
  database.pragma("busy_timeout = 5000");
  return new Kysely<JournalDatabase>({ dialect: new SqliteDialect({ database }) });
}

function openPostgres(url: string, opts: OpenOptions): Kysely<JournalDatabase> {
  const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 5, connectionTimeoutMillis: opts.connectTimeoutMs ?? 5000 });
  // An idle client losing its connection must not crash the server; the next query reconnects.
  pool.on("error", () => {});
  return new Kysely<JournalDatabase>({ dialect: new PostgresDialect({ pool }) });
}

export async function openDatabase(config: DatabaseConfig, opts: OpenOptions = {}): Promise<OpenDatabase> {
  const description = describeDatabase(config);
  let db: Kysely<JournalDatabase>;
  try {
    db = config.dialect === "sqlite" ? openSqlite(config.file) : openPostgres(config.url, opts);
  } catch (e) {
    throw new DatabaseStartupError(`cannot open ${description}: ${(e as Error).message}`);
  }
  try {
    await sql`select 1`.execute(db);
  } catch (e) {
    await db.destroy().catch(() => {});
    const hint = config.dialect === "postgres" ? " (check DATABASE_URL: host, port, user, password and database name)" : " (check DATA_DIR)";
    throw new DatabaseStartupError(`cannot connect to ${description}: ${(e as Error).message}${hint}`);
  }
  try {
    await runMigrations(db, config.dialect);
  } catch (e) {
    await db.destroy().catch(() => {});
    throw new DatabaseStartupError(`cannot migrate ${description}: ${(e as Error).message}`);
  }
  return { db, dialect: config.dialect, description };
}
