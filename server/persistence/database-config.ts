/**
 * Where the journal lives, read from the environment: PostgreSQL when DATABASE_URL is set,
 * otherwise an embedded SQLite file in DATA_DIR (default ./data). A malformed DATABASE_URL is
 * a value here (a sentence naming what is wrong), turned into a start-up error by the factory.
 * Passwords never appear in messages: see redactUrl.
 */
import path from "node:path";
import { err, ok, type Result } from "../../shared/util/result.ts";

export type DatabaseConfig =
  | { dialect: "sqlite"; file: string }
  | { dialect: "postgres"; url: string; host: string; port: number; database: string; user: string };

export const DEFAULT_SQLITE_FILE = "crashloop.db";

/** The URL with its password replaced by ***, safe for logs and error messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "<unparseable URL>";
  }
}

export function parseDatabaseUrl(url: string): Result<DatabaseConfig, string> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return err(`DATABASE_URL is not a URL (expected postgres://user:password@host:5432/database)`);
  }
  if (u.protocol !== "postgres:" && u.protocol !== "postgresql:") {
    return err(`DATABASE_URL has scheme "${u.protocol.replace(/:$/, "")}"; only postgres:// or postgresql:// is supported (leave DATABASE_URL unset for the embedded SQLite database)`);
  }
  const socketHost = u.searchParams.get("host");
  if (!u.hostname && !socketHost) return err(`DATABASE_URL ${redactUrl(url)} names no host`);
  if (u.port && !/^\d+$/.test(u.port)) return err(`DATABASE_URL ${redactUrl(url)} has an invalid port "${u.port}"`);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ""));
  if (!database) return err(`DATABASE_URL ${redactUrl(url)} names no database (add /<database> after the host)`);
  if (database.includes("/")) return err(`DATABASE_URL ${redactUrl(url)} has a database name containing "/"`);
  return ok({
    dialect: "postgres",
    url,
    host: u.hostname || socketHost || "",
    port: u.port ? Number(u.port) : 5432,
    database,
    user: decodeURIComponent(u.username),
  });
}

export function databaseConfigFromEnv(env: Record<string, string | undefined>, cwd = process.cwd()): Result<DatabaseConfig, string> {
  const url = env.DATABASE_URL?.trim();
  if (url) return parseDatabaseUrl(url);
  const dir = env.DATA_DIR?.trim() || "./data";
  return ok({ dialect: "sqlite", file: path.resolve(cwd, dir, DEFAULT_SQLITE_FILE) });
}

/** One line for start-up logs: where the journal is, without secrets. */
export function describeDatabase(config: DatabaseConfig): string {
  return config.dialect === "sqlite"
    ? `SQLite ${config.file}`
    : `PostgreSQL ${config.user ? `${config.user}@` : ""}${config.host}:${config.port}/${config.database}`;
}
