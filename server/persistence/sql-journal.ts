/**
 * The durable RoomJournal: the same Kysely queries on SQLite and PostgreSQL. Writes go
 * through a WriteBuffer (see its header for the durability guarantee); results and room
 * endings are urgent (written at once). Reads flush first, so a reader always sees every
 * write made before it, as with MemoryJournal.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import type { CommandLogEntry } from "../../shared/game/session.ts";
import type { DurableJournal, ResultRecord, RoomRecord, SessionRecord, UnfinishedRoom } from "./journal.ts";
import { resultFromRow, roomFromRow, sessionFromRow } from "./rows.ts";
import type { DialectName, JournalDatabase } from "./schema.ts";
import { WriteBuffer, type WriteBufferOptions } from "./write-buffer.ts";

type Op =
  | { t: "room"; room: RoomRecord; atMs: number }
  | { t: "phase"; roomId: string; phase: RoomRecord["phase"]; atMs: number }
  | { t: "session"; session: SessionRecord }
  | { t: "command"; roomId: string; sessionId: string; entry: CommandLogEntry }
  | { t: "tick"; roomId: string; sessionId: string; tick: number }
  | { t: "result"; result: ResultRecord };

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Rows per multi-row INSERT (PostgreSQL allows 65535 bound parameters, SQLite 32766). */
const INSERT_CHUNK = 500;

export interface SqlJournalOptions extends WriteBufferOptions {
  description?: string;
  nowMs?: () => number;
}

export class SqlJournal implements DurableJournal {
  readonly description: string;
  private readonly buffer: WriteBuffer<Op>;
  private readonly nowMs: () => number;

  constructor(
    private readonly db: Kysely<JournalDatabase>,
    readonly dialect: DialectName,
    opts: SqlJournalOptions = {},
  ) {
    this.description = opts.description ?? dialect;
    this.nowMs = opts.nowMs ?? Date.now;
    this.buffer = new WriteBuffer((ops) => this.db.transaction().execute((trx) => applyOps(trx, ops)), opts);
  }

  /** Operations accepted but not yet committed. */
  get pendingWrites(): number {
    return this.buffer.pending;
  }

  roomCreated(room: RoomRecord): Promise<void> {
    return this.buffer.push({ t: "room", room: { ...room }, atMs: this.nowMs() }, true);
  }
  roomPhase(roomId: string, phase: RoomRecord["phase"]): Promise<void> {
    return this.buffer.push({ t: "phase", roomId, phase, atMs: this.nowMs() });
  }
  sessionStarted(session: SessionRecord): Promise<void> {
    return this.buffer.push({ t: "session", session: { ...session } });
  }
  commandApplied(roomId: string, sessionId: string, entry: CommandLogEntry): Promise<void> {
    return this.buffer.push({ t: "command", roomId, sessionId, entry });
  }
  sessionTicked(roomId: string, sessionId: string, tick: number): Promise<void> {
    return this.buffer.push({ t: "tick", roomId, sessionId, tick });
  }
  resultRecorded(result: ResultRecord): Promise<void> {
    return this.buffer.push({ t: "result", result }, true);
  }
  roomEnded(roomId: string): Promise<void> {
    return this.buffer.push({ t: "phase", roomId, phase: "ended", atMs: this.nowMs() }, true);
  }

  async unfinishedRooms(): Promise<UnfinishedRoom[]> {
    await this.buffer.flush();
    // Text order is sorted here, not in SQL: PostgreSQL's collation would differ from SQLite's.
    const rooms = (await this.db.selectFrom("rooms").selectAll().where("phase", "!=", "ended").execute()).sort((a, b) => Number(a.created_at_ms) - Number(b.created_at_ms) || byCodeUnit(a.room_id, b.room_id));
    if (rooms.length === 0) return [];
    const unfinished = this.db.selectFrom("rooms").select("room_id").where("phase", "!=", "ended");
    const sessions = (await this.db.selectFrom("sessions").selectAll().where("room_id", "in", unfinished).execute()).sort((a, b) => byCodeUnit(a.session_id, b.session_id));
    const commands = await this.db.selectFrom("commands").select(["room_id", "session_id", "entry"]).where("room_id", "in", unfinished).orderBy("id").execute();
    const logs = new Map<string, CommandLogEntry[]>();
    for (const c of commands) {
      const key = `${c.room_id}/${c.session_id}`;
      let log = logs.get(key);
      if (!log) logs.set(key, (log = []));
      log.push(JSON.parse(c.entry) as CommandLogEntry);
    }
    return rooms.map((r) => ({
      room: roomFromRow(r),
      sessions: sessions.filter((s) => s.room_id === r.room_id).map((s) => ({ ...sessionFromRow(s), log: logs.get(`${s.room_id}/${s.session_id}`) ?? [] })),
    }));
  }

  async room(roomId: string): Promise<RoomRecord | undefined> {
    await this.buffer.flush();
    const row = await this.db.selectFrom("rooms").selectAll().where("room_id", "=", roomId).executeTakeFirst();
    return row && roomFromRow(row);
  }

  async results(roomId: string): Promise<ResultRecord[]> {
    await this.buffer.flush();
    const rows = await this.db.selectFrom("results").selectAll().where("room_id", "=", roomId).orderBy("id").execute();
    return rows.map(resultFromRow);
  }

  async hallOfFame(levelId: string, limit: number): Promise<ResultRecord[]> {
    await this.buffer.flush();
    const rows = await this.db
      .selectFrom("results")
      .selectAll()
      .where("level_id", "=", levelId)
      .where("solved", "=", 1)
      .orderBy("score_total", "desc")
      .orderBy("duration_ms", "asc")
      .orderBy("finished_at_ms", "asc")
      .orderBy("id", "asc")
      .limit(Math.max(0, Math.floor(limit)))
      .execute();
    return rows.map(resultFromRow);
  }

  flush(): Promise<void> {
    return this.buffer.flush();
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  /** Flushes what is queued (retrying a little), then closes the connection. Returns operations lost. */
  async closeAndReport(): Promise<number> {
    const lost = await this.buffer.close();
    await this.db.destroy();
    return lost;
  }

  async close(): Promise<void> {
    await this.closeAndReport();
  }
}

async function applyOps(trx: Transaction<JournalDatabase>, ops: Op[]): Promise<void> {
  // Only the last tick report of a session in a batch matters.
  const lastTick = new Map<string, number>();
  ops.forEach((op, i) => op.t === "tick" && lastTick.set(`${op.roomId}/${op.sessionId}`, i));
  let commands: Op[] = [];
  const flushCommands = async () => {
    for (let i = 0; i < commands.length; i += INSERT_CHUNK) {
      const rows = commands.slice(i, i + INSERT_CHUNK).map((op) => {
        const c = op as Extract<Op, { t: "command" }>;
        return { room_id: c.roomId, session_id: c.sessionId, tick: c.entry.tick, entry: JSON.stringify(c.entry) };
      });
      await trx.insertInto("commands").values(rows).execute();
    }
    commands = [];
  };
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    if (op.t === "command") {
      commands.push(op);
      continue;
    }
    await flushCommands();
    await applyOp(trx, op, i, lastTick);
  }
  await flushCommands();
}

async function applyOp(trx: Transaction<JournalDatabase>, op: Op, index: number, lastTick: Map<string, number>): Promise<void> {
  switch (op.t) {
    case "room": {
      const r = op.room;
      const row = { kind: r.kind, config: JSON.stringify(r.config ?? {}), created_at_ms: r.createdAtMs, host_token_hash: r.hostTokenHash, phase: r.phase, updated_at_ms: op.atMs };
      await trx.insertInto("rooms").values({ room_id: r.roomId, ...row }).onConflict((oc) => oc.column("room_id").doUpdateSet(row)).execute();
      return;
    }
    case "phase":
      await trx.updateTable("rooms").set({ phase: op.phase, updated_at_ms: op.atMs }).where("room_id", "=", op.roomId).execute();
      return;
    case "session": {
      const s = op.session;
      // A (re)started session begins with an empty log, as in MemoryJournal.
      await trx.deleteFrom("commands").where("room_id", "=", s.roomId).where("session_id", "=", s.sessionId).execute();
      const row = { level_id: s.levelId, seed: s.seed, tick: s.tick };
      await trx
        .insertInto("sessions")
        .values({ room_id: s.roomId, session_id: s.sessionId, ...row })
        .onConflict((oc) => oc.columns(["room_id", "session_id"]).doUpdateSet(row))
        .execute();
      return;
    }
    case "tick":
      if (lastTick.get(`${op.roomId}/${op.sessionId}`) !== index) return;
      await trx.updateTable("sessions").set({ tick: op.tick }).where("room_id", "=", op.roomId).where("session_id", "=", op.sessionId).execute();
      return;
    case "result": {
      const r = op.result;
      const row = {
        level_id: r.levelId,
        score_total: r.score.total,
        score: JSON.stringify(r.score),
        solved: r.solved ? 1 : 0,
        duration_ms: r.durationMs,
        finished_at_ms: r.finishedAtMs,
      };
      await trx
        .insertInto("results")
        .values({ room_id: r.roomId, session_id: r.sessionId, player_name: r.playerName, ...row })
        .onConflict((oc) => oc.columns(["room_id", "session_id", "player_name"]).doUpdateSet(row))
        .execute();
      return;
    }
    case "command":
      return;
  }
}
