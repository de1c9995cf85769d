/**
 * Crash recovery: recreate every unfinished room of the journal under its old room id (= its
 * join code), so players rejoin with the code they have, and rebuild each session by
 * deterministic replay of its command log up to the recorded tick (same hash as before).
 *
 * How a room takes part (server/rooms/**):
 *   onCreate(options) {
 *     const restored = takeRestoredRoom(options);
 *     if (restored) {
 *       this.roomId = restored.room.roomId;          // Colyseus 0.16 keeps an id set in onCreate
 *       for (const s of restored.sessions) sessions.set(s.sessionId, replayRecordedSession(level(s.levelId), s));
 *       // Do NOT call journal.roomCreated/sessionStarted/commandApplied for what was replayed.
 *     }
 *   }
 * The restore payload travels through an in-process registry, never through client options:
 * a client passing a look-alike option to client.create() gets nothing restored.
 */
import { randomUUID } from "node:crypto";
import { matchMaker, type Presence } from "@colyseus/core";
import type { Logger } from "pino";
import { replaySession, type CommandLogEntry, type LevelSession } from "../../shared/game/session.ts";
import type { Level } from "../../shared/levels/schema.ts";
import type { Metrics } from "../observability/metrics.ts";
import type { RoomJournal, RoomKind, SessionRecord, UnfinishedRoom } from "./journal.ts";

/** The option key restoreRooms passes to onCreate; its value is a one-time ticket. */
export const RESTORE_OPTION = "__crashloopRestoreTicket";

const tickets = new Map<string, UnfinishedRoom>();

/** The room to restore if `options` carries a valid ticket (each ticket works once). */
export function takeRestoredRoom(options: unknown): UnfinishedRoom | undefined {
  const ticket = (options as Record<string, unknown> | null | undefined)?.[RESTORE_OPTION];
  if (typeof ticket !== "string") return undefined;
  const restored = tickets.get(ticket);
  tickets.delete(ticket);
  return restored;
}

/**
 * Runs `create` with a one-time ticket for `restored` (an option to pass to the room's onCreate),
 * revoked once `create` settles. Rooms that restore rooms of their own (a contest its seats) use it.
 */
export async function withRestoreTicket<T>(restored: UnfinishedRoom, create: (option: Record<string, string>) => Promise<T>): Promise<T> {
  const ticket = randomUUID();
  tickets.set(ticket, restored);
  try {
    return await create({ [RESTORE_OPTION]: ticket });
  } finally {
    tickets.delete(ticket);
  }
}

/** The tick a restored session runs to: the last recorded progress, never before its last command. */
export function replayUntilTick(session: SessionRecord & { log: readonly CommandLogEntry[] }): number {
  return session.log.reduce((t, e) => Math.max(t, e.tick), session.tick);
}

/** Rebuilds a journaled session: same level, seed and commands ⇒ the same state and hash. */
export function replayRecordedSession(level: Level, session: SessionRecord & { log: readonly CommandLogEntry[] }): LevelSession {
  return replaySession(level, session.seed, session.log, { untilTick: replayUntilTick(session) });
}

export type RestoreOutcome = { roomId: string; outcome: "restored" } | { roomId: string; outcome: "skipped" | "failed"; detail: string };

/** The parts of Colyseus' matchMaker restoring uses (tests pass a stand-in). */
export interface RestoreMatchMaker {
  getRoomById(roomId: string): Promise<unknown>;
  handleCreateRoom(roomName: string, clientOptions: Record<string, unknown>): Promise<{ roomId: string }>;
  readonly presence: Presence;
}

export interface RestoreOptions {
  /** Registered room name for a kind (default: the kind, "drill" or "contest"). */
  roomName?: (kind: RoomKind) => string;
  logger?: Logger;
  metrics?: Pick<Metrics, "roomsRestored">;
  matchMaker?: RestoreMatchMaker;
}

/** How long a restore claim lasts: enough for one start-up; a later restart may claim again. */
const CLAIM_SECONDS = 120;

/**
 * Restores the journal's unfinished rooms on this process. Call it after `server.listen()`:
 * listening runs Colyseus' health check, which clears rooms a crashed process left in the
 * Redis driver. A room alive elsewhere, or claimed by another process restoring at the same
 * time (presence counter), is skipped. Rooms are created locally (handleCreateRoom) so the
 * command logs never travel through Redis.
 */
export async function restoreRooms(journal: RoomJournal, opts: RestoreOptions = {}): Promise<RestoreOutcome[]> {
  const mm = opts.matchMaker ?? (matchMaker as unknown as RestoreMatchMaker);
  const roomName = opts.roomName ?? ((k: RoomKind) => k);
  const outcomes: RestoreOutcome[] = [];
  const report = (o: RestoreOutcome) => {
    outcomes.push(o);
    opts.metrics?.roomsRestored.inc({ outcome: o.outcome });
    if (o.outcome === "failed") opts.logger?.error({ roomId: o.roomId, detail: o.detail }, "restore: room failed");
    else opts.logger?.info({ roomId: o.roomId, outcome: o.outcome, ...("detail" in o ? { detail: o.detail } : {}) }, "restore: room");
  };
  for (const unfinished of await journal.unfinishedRooms()) {
    const { roomId, kind } = unfinished.room;
    try {
      if (await mm.getRoomById(roomId)) {
        report({ roomId, outcome: "skipped", detail: "alive on a running process" });
        continue;
      }
      const claimKey = `crashloop:restore:${roomId}`;
      const claims = await mm.presence.incr(claimKey);
      await mm.presence.expire(claimKey, CLAIM_SECONDS);
      if (claims !== 1) {
        report({ roomId, outcome: "skipped", detail: "claimed by another process" });
        continue;
      }
      const created = await withRestoreTicket(unfinished, (option) => mm.handleCreateRoom(roomName(kind), option));
      if (created.roomId !== roomId) {
        report({ roomId, outcome: "failed", detail: `room came back as ${created.roomId}: its onCreate must set this.roomId from takeRestoredRoom()` });
        continue;
      }
      report({ roomId, outcome: "restored" });
    } catch (e) {
      report({ roomId, outcome: "failed", detail: (e as Error).message ?? String(e) });
    }
  }
  return outcomes;
}
