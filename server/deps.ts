/**
 * What the rooms and routes depend on, injected by createServer: the journal (persistence), the
 * level catalogue, a logger, metrics and the clock. The persistence, observability and scale
 * work plug their implementations in here; defaults are in-memory and silent.
 */
import type { RoomJournal } from "./persistence/journal.ts";
import type { LevelCatalogue } from "./levels/catalogue.ts";
import type { ErrorCode } from "../shared/protocol/names.ts";

/** The subset of pino's Logger the server uses (a pino logger fits). */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

export type RoomKind = "drill" | "contest" | "contest-seat";
export type CommandOutcome = "ok" | "failed" | "refused" | "rate-limited";

/** Counters and histograms the observability work exports to Prometheus. */
export interface ServerMetrics {
  roomCreated(kind: RoomKind): void;
  roomDisposed(kind: RoomKind): void;
  clientJoined(kind: RoomKind): void;
  clientLeft(kind: RoomKind): void;
  /** Wall milliseconds one room spent in one simulation interval (ticks + projection). */
  tickDuration(kind: RoomKind, ms: number): void;
  command(kind: RoomKind, outcome: CommandOutcome): void;
  /** A message refused before it reached the game (unknown, malformed, too large, forbidden, rate-limited). */
  messageRefused(kind: RoomKind, code: ErrorCode): void;
}

export interface ServerDeps {
  journal: RoomJournal;
  catalogue: LevelCatalogue;
  logger: Logger;
  metrics: ServerMetrics;
  /** Wall clock (ms). Injected so tests can drive contest time limits. */
  now(): number;
}

export const noopMetrics: ServerMetrics = {
  roomCreated() {},
  roomDisposed() {},
  clientJoined() {},
  clientLeft() {},
  tickDuration() {},
  command() {},
  messageRefused() {},
};

export const silentLogger: Logger = {
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};
