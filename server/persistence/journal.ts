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
  unfinishedRooms(): Promise<{ room: RoomRecord; sessions: (SessionRecord & { log: CommandLogEntry[] })[] }[]>;
  /** Finished results of a room (for exports) and the per-level hall of fame. */
  results(roomId: string): Promise<ResultRecord[]>;
  hallOfFame(levelId: string, limit: number): Promise<ResultRecord[]>;
  close(): Promise<void>;
}

/** In-memory journal: the default for tests; persistence provides the durable ones. */
export class MemoryJournal implements RoomJournal {
  private rooms = new Map<string, RoomRecord>();
  private sessions = new Map<string, SessionRecord & { log: CommandLogEntry[] }>();
  private resultsList: ResultRecord[] = [];

  async roomCreated(room: RoomRecord): Promise<void> {
    this.rooms.set(room.roomId, { ...room });
  }
  async roomPhase(roomId: string, phase: RoomRecord["phase"]): Promise<void> {
    const r = this.rooms.get(roomId);
    if (r) r.phase = phase;
  }
  async sessionStarted(s: SessionRecord): Promise<void> {
    this.sessions.set(`${s.roomId}/${s.sessionId}`, { ...s, log: [] });
  }
  async commandApplied(roomId: string, sessionId: string, entry: CommandLogEntry): Promise<void> {
    this.sessions.get(`${roomId}/${sessionId}`)?.log.push(entry);
  }
  async sessionTicked(roomId: string, sessionId: string, tick: number): Promise<void> {
    const s = this.sessions.get(`${roomId}/${sessionId}`);
    if (s) s.tick = tick;
  }
  async resultRecorded(result: ResultRecord): Promise<void> {
    this.resultsList.push(result);
  }
  async roomEnded(roomId: string): Promise<void> {
    await this.roomPhase(roomId, "ended");
  }
  async unfinishedRooms() {
    return [...this.rooms.values()]
      .filter((r) => r.phase !== "ended")
      .map((room) => ({ room, sessions: [...this.sessions.values()].filter((s) => s.roomId === room.roomId) }));
  }
  async results(roomId: string): Promise<ResultRecord[]> {
    return this.resultsList.filter((r) => r.roomId === roomId);
  }
  async hallOfFame(levelId: string, limit: number): Promise<ResultRecord[]> {
    return this.resultsList
      .filter((r) => r.levelId === levelId && r.solved)
      .sort((a, b) => b.score.total - a.score.total || a.durationMs - b.durationMs)
      .slice(0, limit);
  }
  async close(): Promise<void> {}
}
