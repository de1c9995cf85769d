/**
 * createJournal(env): the journal the server runs with. DATABASE_URL ⇒ PostgreSQL, otherwise
 * SQLite in DATA_DIR (default ./data/crashloop.db). Throws DatabaseStartupError, with a message
 * naming what is wrong and never the password, when the database cannot be used: the server
 * should print it and exit rather than run without durability.
 */
import type { Logger } from "pino";
import type { Metrics } from "../observability/metrics.ts";
import { databaseConfigFromEnv, type DatabaseConfig } from "./database-config.ts";
import { DatabaseStartupError, openDatabase } from "./database.ts";
import { SqlJournal } from "./sql-journal.ts";

export interface CreateJournalOptions {
  metrics?: Pick<Metrics, "journalWriteSeconds" | "journalWrites" | "journalFailures" | "errors">;
  logger?: Logger;
  /** Batch interval (ms); the most a crash can lose. Default 200 (JOURNAL_FLUSH_MS overrides). */
  flushIntervalMs?: number;
}

export async function openJournal(config: DatabaseConfig, opts: CreateJournalOptions = {}, env: Record<string, string | undefined> = {}): Promise<SqlJournal> {
  const { db, dialect, description } = await openDatabase(config);
  const { metrics, logger } = opts;
  const envInterval = Number(env.JOURNAL_FLUSH_MS);
  const intervalMs = opts.flushIntervalMs ?? (Number.isFinite(envInterval) && envInterval > 0 ? Math.min(envInterval, 1000) : 200);
  let failing = false;
  const journal = new SqlJournal(db, dialect, {
    description,
    intervalMs,
    onWritten(seconds, ops) {
      metrics?.journalWriteSeconds.observe(seconds);
      metrics?.journalWrites.inc(ops);
      if (failing) logger?.info({ ops }, "journal: writes succeed again");
      failing = false;
    },
    onFailed(error, ops) {
      metrics?.journalFailures.inc();
      metrics?.errors.inc({ type: "journal" });
      // Log the first failure of a streak loudly, then quietly: a database outage would flood.
      if (!failing) logger?.error({ err: error, ops }, "journal: batch failed, retrying");
      else logger?.debug({ err: error, ops }, "journal: batch failed again");
      failing = true;
    },
    onDropped(ops) {
      metrics?.errors.inc({ type: "journal_after_close" });
      logger?.warn({ ops }, "journal: write after close dropped");
    },
  });
  logger?.info({ database: description, flushIntervalMs: intervalMs }, "journal: open");
  return journal;
}

export async function createJournal(env: Record<string, string | undefined> = process.env, opts: CreateJournalOptions = {}): Promise<SqlJournal> {
  const config = databaseConfigFromEnv(env);
  if (!config.ok) throw new DatabaseStartupError(config.error);
  return openJournal(config.value, opts, env);
}
