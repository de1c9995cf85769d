/**
 * A minimal room for the scale-out and crash-recovery tests (and the load test when the real
 * rooms are not registered): one LevelSession ticking at 10/s, kubectl lines journaled as they
 * apply, restore by replay. It follows the same contract the drill room does: the join code is
 * the room id, the journal gets every command, a room disposed by shutdown stays unfinished.
 * Messages: kubectl {id,line,stdin?} → kubectl:result; "pause"/"resume"; "hash" → {hash,tick}.
 */
import { randomInt } from "node:crypto";
import { matchMaker, Room, type Client } from "@colyseus/core";
import { Schema, type } from "@colyseus/schema";
import type { LevelSession } from "../../shared/game/session.ts";
import { createSession } from "../../shared/game/session.ts";
import type { Level } from "../../shared/levels/schema.ts";
import type { Metrics } from "../observability/metrics.ts";
import type { RoomJournal } from "../persistence/journal.ts";
import { replayRecordedSession, takeRestoredRoom } from "../persistence/restore.ts";
import { isShuttingDown } from "../persistence/shutdown.ts";

export class ProbeState extends Schema {
  @type("string") phase = "running";
  @type("uint32") tick = 0;
  @type("uint8") clients = 0;
}

export interface ProbeDeps {
  journal: RoomJournal;
  metrics: Metrics;
  level(id: string): Level | undefined;
  defaultLevelId: string;
}

const CODE_ALPHABET = "34679ACDEFGHJKMNPQRTWXY";
const SESSION = "main";

export class ProbeRoom extends Room<ProbeState> {
  static deps: ProbeDeps;
  private session!: LevelSession;
  private ended = false;

  override async onCreate(options: { levelId?: string; seed?: number }): Promise<void> {
    const deps = ProbeRoom.deps;
    this.state = new ProbeState();
    const restored = takeRestoredRoom(options);
    if (restored) {
      this.roomId = restored.room.roomId;
      const s = restored.sessions[0];
      const level = deps.level(s.levelId);
      if (!level) throw new Error(`level ${s.levelId} of restored room ${this.roomId} is not in the catalogue`);
      this.session = replayRecordedSession(level, s);
      this.state.phase = restored.room.phase;
      // Players need time to come back: no auto-dispose until the first one has rejoined.
      this.autoDispose = false;
    } else {
      this.roomId = await this.freshCode();
      const levelId = typeof options.levelId === "string" ? options.levelId : deps.defaultLevelId;
      const level = deps.level(levelId);
      if (!level) throw new Error(`unknown level ${levelId}`);
      const seed = Number.isInteger(options.seed) ? Number(options.seed) : 1;
      this.session = createSession(level, { seed });
      void deps.journal.roomCreated({ roomId: this.roomId, kind: "drill", config: { levelId, seed }, createdAtMs: Date.now(), hostTokenHash: "", phase: "running" });
      void deps.journal.sessionStarted({ roomId: this.roomId, sessionId: SESSION, levelId, seed, tick: this.session.cluster.tickCount });
    }
    this.state.tick = this.session.cluster.tickCount;
    deps.metrics.rooms.inc({ kind: "probe" });

    this.onMessage("kubectl", (client, msg: { id?: unknown; line?: unknown; stdin?: unknown }) => {
      if (typeof msg?.line !== "string" || msg.line.length > 2000) return void deps.metrics.errors.inc({ type: "malformed" });
      const r = this.session.run(msg.line, { player: client.sessionId, ...(typeof msg.stdin === "string" ? { stdin: msg.stdin } : {}) });
      const entry = this.session.log[this.session.log.length - 1];
      void deps.journal.commandApplied(this.roomId, SESSION, entry);
      deps.metrics.commands.inc({ kind: "probe", outcome: r.exitCode === 0 ? "ok" : "failed" });
      client.send("kubectl:result", { id: msg.id, ...r });
    });
    this.onMessage("pause", () => this.setPhase("paused"));
    this.onMessage("resume", () => this.setPhase("running"));
    this.onMessage("hash", (client) => client.send("hash", { hash: this.session.hash(), tick: this.session.cluster.tickCount }));
    this.onMessage("end", () => {
      this.ended = true;
      void this.disconnect();
    });
    this.setSimulationInterval(() => this.tickOnce(), 100);
  }

  private tickOnce(): void {
    if (this.state.phase !== "running") return;
    ProbeRoom.deps.metrics.timeTick("probe", () => this.session.tick(1));
    this.state.tick = this.session.cluster.tickCount;
    void ProbeRoom.deps.journal.sessionTicked(this.roomId, SESSION, this.session.cluster.tickCount);
  }

  private setPhase(phase: "running" | "paused"): void {
    this.state.phase = phase;
    void ProbeRoom.deps.journal.roomPhase(this.roomId, phase);
  }

  private async freshCode(): Promise<string> {
    for (;;) {
      const code = Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
      if (!(await matchMaker.getRoomById(code))) return code;
    }
  }

  override onJoin(_client: Client): void {
    this.autoDispose = true;
    this.state.clients++;
    ProbeRoom.deps.metrics.clients.inc({ kind: "probe" });
  }

  override onLeave(_client: Client): void {
    this.state.clients--;
    ProbeRoom.deps.metrics.clients.dec({ kind: "probe" });
  }

  override onDispose(): void {
    ProbeRoom.deps.metrics.rooms.dec({ kind: "probe" });
    // Disposed by a shutdown: stays unfinished, restored at the next start.
    if (isShuttingDown()) return;
    if (this.ended || this.clients.length === 0) void ProbeRoom.deps.journal.roomEnded(this.roomId);
  }
}
