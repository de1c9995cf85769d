/**
 * `drill`: a team on one cluster. The creator is the facilitator (host token in a `host`
 * message); players join by code. The facilitator starts, pauses, resumes, changes speed,
 * injects faults, broadcasts hints, assigns roles and ends the drill; the drill also ends on
 * its own once the incident is resolved. Everyone gets the debrief at the end.
 */
import { ServerError, type Client } from "@colyseus/core";
import { controlMessageSchema, drillCreateSchema, joinSchema, type ControlMessage, type HintMessage } from "../../shared/protocol/messages.ts";
import { C2S, S2C, type Phase, type Role } from "../../shared/protocol/names.ts";
import { sanitizeText } from "../../shared/protocol/sanitize.ts";
import type { RoomKind } from "../deps.ts";
import { hashToken, newToken, tokenMatches } from "../security/tokens.ts";
import { describeIssues } from "./guard.ts";
import { claimJoinCode, releaseJoinCode, reserveJoinCode } from "./join-code.ts";
import { PingRelay } from "./pings.ts";
import { SessionRoom } from "./session-room.ts";
import { replayRecordedSession, takeRestoredRoom } from "../persistence/restore.ts";
import type { UnfinishedRoom } from "../persistence/journal.ts";

export class DrillRoom extends SessionRoom {
  protected readonly kind: RoomKind = "drill";
  override maxClients = 32;
  private hostTokenHash = "";
  /** Handed to the first client to join (the creator), then cleared. */
  private pendingHostToken?: string;
  private readonly pings = new PingRelay(this, () => this.seats, () => this.runner?.simTimeMs ?? 0, () => this.deps.now());

  override async onCreate(options: unknown): Promise<void> {
    const restored = takeRestoredRoom(options);
    if (restored) return this.restore(restored);
    const parsed = drillCreateSchema.safeParse(options ?? {});
    if (!parsed.success) throw new ServerError(400, `invalid drill options: ${describeIssues(parsed.error)}`);
    const o = parsed.data;
    const level = o.levelId !== undefined ? this.deps.catalogue.get(o.levelId) : this.deps.catalogue.pickBySeed(o.seed ?? 0)[0];
    if (!level) throw new ServerError(404, o.levelId !== undefined ? `unknown level "${o.levelId}"` : "no playable level for this seed");
    this.roomId = await claimJoinCode(this.presence);
    this.setup();
    this.pendingHostToken = newToken();
    this.hostTokenHash = hashToken(this.pendingHostToken);
    const seed = o.seed ?? level.cluster.seed ?? 1;
    const config = { levelId: level.id, seed, ...(o.speed ? { speed: o.speed } : {}) };
    await this.deps.journal.roomCreated({ roomId: this.roomId, kind: "drill", config, createdAtMs: this.deps.now(), hostTokenHash: this.hostTokenHash, phase: "lobby" });
    this.startLevel(level, seed, "main", this.roomId);
    if (o.speed) this.state.speed = o.speed;
    this.guard.on(C2S.control, controlMessageSchema, (c, m) => this.onControl(c, m));
    this.pings.listen(this.guard);
    if (o.autoStart) this.setPhase("running");
    await this.setMetadata({ levelId: level.id });
  }

  /** After a restart: the same code, the session rebuilt by replay, the facilitator rejoins with the token. */
  private async restore(r: UnfinishedRoom): Promise<void> {
    const config = r.room.config as { levelId?: string; seed?: number; speed?: number };
    const level = config.levelId ? this.deps.catalogue.get(config.levelId) : undefined;
    const main = r.sessions.find((s) => s.sessionId === "main");
    if (!level || !main) throw new ServerError(500, `cannot restore drill ${r.room.roomId}: level "${config.levelId}" or its session is missing`);
    this.roomId = r.room.roomId;
    await reserveJoinCode(this.presence, this.roomId);
    this.setup();
    this.hostTokenHash = r.room.hostTokenHash;
    this.startLevel(level, main.seed, "main", this.roomId, true, replayRecordedSession(level, main));
    if (config.speed) this.state.speed = config.speed;
    this.guard.on(C2S.control, controlMessageSchema, (c, m) => this.onControl(c, m));
    this.pings.listen(this.guard);
    this.state.phase = r.room.phase;
    await this.setMetadata({ levelId: level.id });
  }

  override onJoin(client: Client, options: unknown): void {
    const o = joinSchema.safeParse(options ?? {});
    const join = o.success ? o.data : {};
    const isCreator = this.pendingHostToken !== undefined;
    const host = isCreator || tokenMatches(join.hostToken, this.hostTokenHash);
    const seat = this.seats.add(client.sessionId, join.name, host ? "facilitator" : "operator", host);
    if (isCreator) {
      client.send(S2C.host, { token: this.pendingHostToken, code: this.roomId });
      this.pendingHostToken = undefined;
    }
    this.welcome(client, seat);
    if (this.lastDebrief) client.send(S2C.debrief, this.lastDebrief);
    this.deps.metrics.clientJoined(this.kind);
  }

  private onControl(client: Client, m: ControlMessage): void {
    if (!tokenMatches(m.token, this.hostTokenHash)) return this.guard.refuse(client, "forbidden", `only the facilitator may ${m.action}`, C2S.control);
    const who = this.seats.get(client.sessionId)?.name ?? "facilitator";
    const phase = this.state.phase as Phase;
    if (phase === "ended") return this.guard.refuse(client, "invalid-state", "the drill has ended", C2S.control);
    switch (m.action) {
      case "start":
      case "resume":
        return this.setPhase("running");
      case "pause":
        return this.setPhase("paused");
      case "speed":
        this.state.speed = m.speed;
        return;
      case "end":
        this.finish();
        return;
      case "hint":
        if (m.text === undefined) return this.revealHint(who, client);
        this.runner?.note(who, sanitizeText(m.text, 280));
        this.broadcast(S2C.hint, { index: -1, text: sanitizeText(m.text, 280), cost: 0, from: who } satisfies HintMessage);
        return;
      case "role":
        return this.assignRole(client, m.player, m.role);
      case "inject":
        return this.inject(client, m, who);
    }
  }

  private assignRole(client: Client, seatId: string, role: Role): void {
    const seat = this.seats.bySeat(seatId);
    if (!seat) return this.guard.refuse(client, "not-found", `no player with seat "${seatId}"`, C2S.control);
    if (seat.host !== (role === "facilitator")) return this.guard.refuse(client, "invalid-state", "the facilitator role comes with the host token, it cannot be assigned", C2S.control);
    this.seats.setRole(seat, role);
  }

  private inject(client: Client, m: Extract<ControlMessage, { action: "inject" }>, who: string): void {
    const fault = m.fault ?? (m.timeline !== undefined ? this.runner?.level.timeline[m.timeline]?.fault : undefined);
    if (!fault || !this.runner) return this.guard.refuse(client, "not-found", "inject needs a fault or the index of one in the level's timeline", C2S.control);
    const r = this.runner.inject(fault, who);
    if (!r.ok) this.guard.refuse(client, "invalid-state", r.text, C2S.control);
  }

  protected override onPhase(phase: Phase): void {
    this.deps.journal.roomPhase(this.roomId, phase).catch((err) => this.log.error({ err }, "journal write failed"));
  }

  /** The incident is resolved: the drill is over. */
  protected override afterStep(): void {
    if (this.runner?.session.solved()) this.finish();
  }

  private finish(): void {
    const debrief = this.endSession();
    if (!debrief || !this.runner) return;
    const names = this.seats.all().filter((s) => !s.host).map((s) => s.name).join(", ") || "team";
    const result = { roomId: this.roomId, sessionId: "main", playerName: names.slice(0, 200), levelId: this.runner.level.id, score: debrief.score, solved: debrief.solved, durationMs: this.runner.simTimeMs, finishedAtMs: this.deps.now() };
    this.deps.journal
      .resultRecorded(result)
      .then(() => this.deps.journal.roomEnded(this.roomId))
      .catch((err) => this.log.error({ err }, "journal write failed"));
  }

  override async onDispose(): Promise<void> {
    super.onDispose();
    await releaseJoinCode(this.presence, this.roomId);
  }
}
