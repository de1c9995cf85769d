/**
 * Structured JSON logs (pino). One root logger per process; rooms take children
 * (`logger.child({ roomId })`). LOG_LEVEL sets the level (default info; tests pass "silent").
 * Secrets that may travel in log objects (host tokens, passwords, auth headers) are redacted.
 */
import { pino, type DestinationStream, type Logger } from "pino";

export type { Logger } from "pino";

export interface LoggerOptions {
  level?: string;
  /** Extra fields on every line (e.g. { processId }). */
  base?: Record<string, unknown>;
  /** Where lines go (default stdout); tests pass a stream to read them back. */
  destination?: DestinationStream;
}

export const REDACTED_PATHS = [
  "hostToken",
  "*.hostToken",
  "password",
  "*.password",
  "adminPassword",
  "*.adminPassword",
  "req.headers.authorization",
  "req.headers.cookie",
  "databaseUrl",
];

export function createLogger(opts: LoggerOptions = {}, env: Record<string, string | undefined> = process.env): Logger {
  const options = {
    level: opts.level ?? env.LOG_LEVEL ?? "info",
    base: { service: "crashloop", pid: process.pid, ...opts.base },
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return opts.destination ? pino(options, opts.destination) : pino(options);
}
