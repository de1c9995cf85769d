/**
 * What `drill` and `contest-seat` rooms share: a SessionRoomState, one SessionRunner ticking at
 * 10 ticks/s × speed, seats with names and roles, the `kubectl` / `hint:request` / `chat`
 * messages, reconnection within 60 s, and the end of a session (debrief to every client,
 * result to the journal). Subclasses decide who may join and what the host can do.
 */
import { Room, type Client } from "@colyseus/core";
import type { KubectlResult, LevelSession } from "../../shared/game/session.ts";
import type { Level } from "../../shared/levels/schema.ts";
import { chatMessageSchema, hintRequestSchema, kubectlMessageSchema, type ChatBroadcast, type DebriefMessage, type HintMessage, type KubectlResultMessage } from "../../shared/protocol/messages.ts";
import { C2S, LIMITS, S2C, type Phase } from "../../shared/protocol/names.ts";
import { sanitizeText } from "../../shared/protocol/sanitize.ts";
import type { Logger, RoomKind, ServerDeps } from "../deps.ts";
import { allowedVerbs } from "../security/roles.ts";
import { MessageGuard } from "./guard.ts";
import { SessionRoomState } from "./schema/session-state.ts";
import { Seats, type Seat } from "./seats.ts";
import { SessionRunner } from "./session-runner.ts";

export const SIMULATION_INTERVAL_MS = 1000 / LIMITS.ticksPerSecond;

const REFUSED_BY_PHASE: Record<Exclude<Phase, "running">, string> = {
  lobby: "error: the session has not started yet: wait for the facilitator to start it\n",
  paused: "error: the session is paused by the facilitator\n",
  ended: "error: the session has ended\n",
};

export abstract class SessionRoom extends Room<SessionRoomState> {
  /** Set by bindRoom (server/rooms/bind.ts). */
  deps!: ServerDeps;
  protected abstract readonly kind: RoomKind;
  protected runner?: SessionRunner;
  protected seats!: Seats;
  protected guard!: MessageGuard;
  protected log!: Logger;
  protected startedAtMs = 0;

  /** Called by subclasses in onCreate, after roomId is set. */
  protected setup(): void {
    this.log = this.deps.logger.child({ room: this.roomId, kind: this.kind });
    this.setState(new SessionRoomState());
    this.seats = new Seats(this.state.players, this.deps.now);
    this.guard = new MessageGuard(this, this.kind, this.deps.metrics, this.log);
    this.guard.on(C2S.kubectl, kubectlMessageSchema, (c, m) => this.onKubectl(c, m.id, m.line, m.stdin), (c, raw, code, why) => this.answerInvalidKubectl(c, raw, code, why));
    this.guard.on(C2S.hintRequest, hintRequestSchema, (c) => this.onHintRequest(c));
    this.guard.on(C2S.chat, chatMessageSchema, (c, m) => this.onChat(c, m.text));
    this.setSimulationInterval(() => this.loop(), SIMULATION_INTERVAL_MS);
    this.deps.metrics.roomCreated(this.kind);
    this.startedAtMs = this.deps.now();
  }

  /** Start playing `level` (a drill once; a contest seat once per level). */
  protected startLevel(level: Level, seed: number, sessionId: string, journalRoomId: string, hintCosts = true, restored?: LevelSession): void {
    this.runner = new SessionRunner(level, seed, {
      ...(restored ? { restored } : {}),
      roomId: journalRoomId,
      sessionId,
      journal: this.deps.journal,
      log: this.log,
      hintCosts,
      reply: (client, id, result) => this.reply(client, id, result),
    });
    Object.assign(this.state, { levelId: level.id, title: level.title, briefing: level.briefing });
    this.state.goals.clear();
    this.state.feed.clear();
    this.runner.project(this.state);
  }

  protected setPhase(phase: Phase): void {
    if (this.state.phase === phase) return;
    this.state.phase = phase;
    this.onPhase(phase);
  }

  /** Hook: the journal of the room kind. */
  protected onPhase(_phase: Phase): void {}

  protected reply(client: Client, id: string, result: KubectlResult): void {
    const msg: KubectlResultMessage = { id, stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode };
    client.send(S2C.kubectlResult, msg);
  }

  private onKubectl(client: Client, id: string, line: string, stdin: string | undefined): void {
    const seat = this.seats.get(client.sessionId);
    if (!seat) return this.guard.refuse(client, "forbidden", "you have no seat in this room", C2S.kubectl, id);
    if (!seat.commands.take()) {
      this.deps.metrics.command(this.kind, "rate-limited");
      this.deps.metrics.messageRefused(this.kind, "rate-limited");
      const wait = seat.commands.retryAfterMs();
      return this.reply(client, id, { stdout: "", stderr: `error: rate limit: at most ${LIMITS.commandsPerSecond} commands per second; try again in ${wait} ms\n`, exitCode: 1 });
    }
    const phase = this.state.phase as Phase;
    if (phase !== "running" || !this.runner) {
      this.deps.metrics.command(this.kind, "refused");
      return this.reply(client, id, { stdout: "", stderr: REFUSED_BY_PHASE[phase === "running" ? "lobby" : phase], exitCode: 1 });
    }
    const verbs = allowedVerbs(seat.role);
    this.runner.enqueue({ client, id, line, ...(stdin !== undefined ? { stdin } : {}), player: seat.name, ...(verbs ? { allowedVerbs: verbs } : {}) });
  }

  /** A malformed kubectl message with a usable id still gets its one result. */
  private answerInvalidKubectl(client: Client, raw: unknown, code: "malformed" | "too-large" | string, why: string): boolean {
    const id = (raw as { id?: unknown } | null)?.id;
    if (typeof id !== "string" || id.length === 0 || id.length > LIMITS.idLength) return false;
    this.deps.metrics.messageRefused(this.kind, code === "too-large" ? "too-large" : "malformed");
    this.deps.metrics.command(this.kind, "refused");
    this.reply(client, id, { stdout: "", stderr: `error: ${why}\n`, exitCode: 1 });
    return true;
  }

  protected onHintRequest(client: Client): void {
    const seat = this.seats.get(client.sessionId);
    if (!seat || !this.runner || this.state.phase !== "running") return this.guard.refuse(client, "invalid-state", "hints are available while the session runs", C2S.hintRequest);
    this.revealHint(seat.name, client);
  }

  /** Reveal the level's next hint to everyone in the room. */
  protected revealHint(player: string, asker?: Client): void {
    const h = this.runner?.revealHint(player);
    if (!h) {
      if (asker) this.guard.refuse(asker, "not-found", "no more hints for this level", C2S.hintRequest);
      return;
    }
    const msg: HintMessage = { ...h, from: player };
    this.broadcast(S2C.hint, msg);
    if (this.runner) this.runner.project(this.state);
  }

  private onChat(client: Client, raw: string): void {
    const seat = this.seats.get(client.sessionId);
    if (!seat) return this.guard.refuse(client, "forbidden", "you have no seat in this room", C2S.chat);
    if (!seat.chat.take()) {
      this.deps.metrics.messageRefused(this.kind, "rate-limited");
      return this.guard.refuse(client, "rate-limited", "slow down: at most 5 chat messages at once, then 1 per second", C2S.chat);
    }
    const text = sanitizeText(raw, LIMITS.chatLength);
    if (!text) return;
    const msg: ChatBroadcast = { from: seat.name, text, atMs: this.runner?.simTimeMs ?? 0 };
    this.broadcast(S2C.chat, msg);
  }

  private loop(): void {
    if (this.state.phase !== "running" || !this.runner) return;
    const t0 = performance.now();
    this.runner.step(this.state.speed, this.state);
    this.afterStep();
    this.deps.metrics.tickDuration(this.kind, performance.now() - t0);
  }

  /** Hook after each simulation interval (auto-end on resolution, progress reports). */
  protected afterStep(): void {}

  protected welcome(client: Client, seat: Seat): void {
    client.send(S2C.welcome, { seat: seat.seat, name: seat.name, role: seat.role, host: seat.host });
    for (const h of this.runner?.session.revealedHints() ?? []) client.send(S2C.hint, h);
  }

  /** End the session: answer what is queued, debrief every client, keep the debrief for late joiners. */
  protected endSession(): DebriefMessage | undefined {
    if (this.state.phase === "ended" || !this.runner) return undefined;
    this.runner.refuseQueued(REFUSED_BY_PHASE.ended);
    this.runner.project(this.state);
    this.setPhase("ended");
    this.lastDebrief = this.runner.debrief();
    this.broadcast(S2C.debrief, this.lastDebrief);
    return this.lastDebrief;
  }
  protected lastDebrief?: DebriefMessage;

  override async onLeave(client: Client, consented: boolean): Promise<void> {
    this.deps.metrics.clientLeft(this.kind);
    const seat = this.seats.get(client.sessionId);
    if (!seat) return;
    this.seats.setConnected(client.sessionId, false);
    if (consented) return this.seatLeft(client.sessionId);
    try {
      await this.allowReconnection(client, LIMITS.reconnectSeconds);
      this.seats.setConnected(client.sessionId, true);
      this.deps.metrics.clientJoined(this.kind);
      if (this.lastDebrief) client.send(S2C.debrief, this.lastDebrief);
    } catch {
      this.seatLeft(client.sessionId);
    }
  }

  /** Hook: a seat left for good (drills free it; contest seats keep it for the student). */
  protected seatLeft(sessionId: string): void {
    this.seats.remove(sessionId);
  }

  override onDispose(): void | Promise<void> {
    this.runner?.flushTick();
    this.deps.metrics.roomDisposed(this.kind);
  }

  override onUncaughtException(error: unknown, methodName: string): void {
    (this.log ?? this.deps.logger).error({ err: error, method: methodName }, "room error");
  }
}
