/**
 * INTERFACE CONTRACT between the rooms (server/rooms/**) and persistence (server/persistence/**).
 * Rooms report what happens; persistence stores it durably (SQLite by default, PostgreSQL
 * with DATABASE_URL) and, after a crash or restart, hands back what is needed to restore
 * running rooms by deterministic replay.
 */
import type { CommandLogEntry, ScoreBreakdown } from "../../shared/game/session.ts";

export type RoomKind = "drill" | "contest";

/** Enough to rebuild a room's simulation exactly: level (or generator seed) and cluster seed. */
export interface RoomRecord {
  roomId: string;
  kind: RoomKind;
  /** drill: the level id or generated-level seed; contest: its settings (levels, time limit, teams...). */
  config: Record<string, unknown>;
  createdAtMs: number;
  /** sha-256 of the host token; the token itself is never stored. */
  hostTokenHash: string;
  /** Simulation speed and pause state, so a restore resumes as it was. */
  phase: "lobby" | "running" | "paused" | "ended";
}

/** One cluster inside a room: the drill's single cluster, or one student's / team's in a contest. */
export interface SessionRecord {
  roomId: string;
  sessionId: string;
  levelId: string;
  seed: number;
  /** Ticks simulated so far (commands carry their own tick). */
  tick: number;
}

export interface ResultRecord {
  roomId: string;
  sessionId: string;
  playerName: string;
  levelId: string;
  score: ScoreBreakdown;
  solved: boolean;
  durationMs: number;
  finishedAtMs: number;
}

/** A room that was not ended, with its sessions and their command logs (in application order). */
export interface UnfinishedRoom {
  room: RoomRecord;
  sessions: (SessionRecord & { log: CommandLogEntry[] })[];
}

/**
 * Semantics every implementation follows (the contract suite in
 * test/server/persistence/journal-contract.ts checks them):
 * - roomCreated on an existing room id replaces its record.
 * - sessionStarted (re)starts a session with an EMPTY log: a room restored from the journal
 *   must not call it again for the sessions it restored.
 * - resultRecorded is keyed by (roomId, sessionId, playerName): recording again replaces.
 * - unfinishedRooms lists rooms by createdAtMs then roomId, their sessions by sessionId.
 * - hallOfFame: solved results of the level, best total first, then shortest, then earliest.
 * - Writes may be buffered, but a read sees every write made before it.
 */
export interface RoomJournal {
  roomCreated(room: RoomRecord): Promise<void>;
  roomPhase(roomId: string, phase: RoomRecord["phase"]): Promise<void>;
  sessionStarted(session: SessionRecord): Promise<void>;
  /** Called for every command as it is applied (the log that makes replay possible). */
  commandApplied(roomId: string, sessionId: string, entry: CommandLogEntry): Promise<void>;
  /** Periodic progress so replay knows how far to tick. */
  sessionTicked(roomId: string, sessionId: string, tick: number): Promise<void>;
  resultRecorded(result: ResultRecord): Promise<void>;
  roomEnded(roomId: string): Promise<void>;
  /** Rooms not ended, with their sessions and command logs: what a restarted server restores. */
  unfinishedRooms(): Promise<UnfinishedRoom[]>;
  /** One room's record, ended or not (the results export checks the host token hash with it). */
  room(roomId: string): Promise<RoomRecord | undefined>;
  /** Finished results of a room (for exports) and the per-level hall of fame. */
  results(roomId: string): Promise<ResultRecord[]>;
  hallOfFame(levelId: string, limit: number): Promise<ResultRecord[]>;
  close(): Promise<void>;
}

/**
 * What the server's health check and graceful shutdown need beyond RoomJournal. Writes of a
 * durable journal never reject (failures are retried and reported), so rooms may call them
 * without awaiting.
 */
export interface DurableJournal extends RoomJournal {
  /** Where the data lives, without secrets ("SQLite ./data/crashloop.db"). */
  readonly description: string;
  /** Commit everything written so far; rejects if the database refuses. */
  flush(): Promise<void>;
  /** Cheap round trip to the database (health checks); rejects when it is unreachable. */
  ping(): Promise<void>;
}

export function isDurableJournal(j: RoomJournal): j is DurableJournal {
  return typeof (j as Partial<DurableJournal>).flush === "function" && typeof (j as Partial<DurableJournal>).ping === "function";
}

const byHallOfFameRank = (a: ResultRecord, b: ResultRecord) => b.score.total - a.score.total || a.durationMs - b.durationMs || a.finishedAtMs - b.finishedAtMs;

/** In-memory journal: the default for tests; persistence provides the durable ones. */
export class MemoryJournal implements DurableJournal {
  readonly description = "memory";
  private rooms = new Map<string, RoomRecord>();
  private sessions = new Map<string, SessionRecord & { log: CommandLogEntry[] }>();
  private resultsList: ResultRecord[] = [];

  async roomCreated(room: RoomRecord): Promise<void> {
    this.rooms.set(room.roomId, structuredClone(room));
  }
  async roomPhase(roomId: string, phase: RoomRecord["phase"]): Promise<void> {
    const r = this.rooms.get(roomId);
    if (r) r.phase = phase;
  }
  async sessionStarted(s: SessionRecord): Promise<void> {
    this.sessions.set(`${s.roomId}/${s.sessionId}`, { ...s, log: [] });
  }
  async commandApplied(roomId: string, sessionId: string, entry: CommandLogEntry): Promise<void> {
    this.sessions.get(`${roomId}/${sessionId}`)?.log.push({ ...entry });
  }
  async sessionTicked(roomId: string, sessionId: string, tick: number): Promise<void> {
    const s = this.sessions.get(`${roomId}/${sessionId}`);
    if (s) s.tick = tick;
  }
  async resultRecorded(result: ResultRecord): Promise<void> {
    const copy = structuredClone(result);
    const i = this.resultsList.findIndex((r) => r.roomId === result.roomId && r.sessionId === result.sessionId && r.playerName === result.playerName);
    if (i >= 0) this.resultsList[i] = copy;
    else this.resultsList.push(copy);
  }
  async roomEnded(roomId: string): Promise<void> {
    await this.roomPhase(roomId, "ended");
  }
  async unfinishedRooms(): Promise<UnfinishedRoom[]> {
    const sessions = [...this.sessions.values()].sort((a, b) => (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0));
    return [...this.rooms.values()]
      .filter((r) => r.phase !== "ended")
      .sort((a, b) => a.createdAtMs - b.createdAtMs || (a.roomId < b.roomId ? -1 : a.roomId > b.roomId ? 1 : 0))
      .map((room) => ({ room: structuredClone(room), sessions: structuredClone(sessions.filter((s) => s.roomId === room.roomId)) }));
  }
  async room(roomId: string): Promise<RoomRecord | undefined> {
    const r = this.rooms.get(roomId);
    return r && structuredClone(r);
  }
  async results(roomId: string): Promise<ResultRecord[]> {
    return structuredClone(this.resultsList.filter((r) => r.roomId === roomId));
  }
  async hallOfFame(levelId: string, limit: number): Promise<ResultRecord[]> {
    return structuredClone(
      this.resultsList
        .filter((r) => r.levelId === levelId && r.solved)
        .sort(byHallOfFameRank)
        .slice(0, Math.max(0, Math.floor(limit))),
    );
  }
  async flush(): Promise<void> {}
  async ping(): Promise<void> {}
  async close(): Promise<void> {}
}
