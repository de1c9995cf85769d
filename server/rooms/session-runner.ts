/**
 * One game session inside a room: the command queue (commands apply between ticks, in arrival
 * order), the tick accumulator (10 ticks/s × speed), projection into room state, the SLO curve
 * for the debrief, and the journal. The session (shared/game) decides everything; this class
 * only feeds it and reports what it said.
 */
import type { Client } from "@colyseus/core";
import { createSession, type CommandLogEntry, type KubectlResult, type LevelSession, type ScoreBreakdown } from "../../shared/game/session.ts";
import type { TimelineEntry } from "../../shared/game/timeline.ts";
import type { Level } from "../../shared/levels/schema.ts";
import type { Fault } from "../../shared/levels/faults/schema.ts";
import type { DebriefMessage } from "../../shared/protocol/messages.ts";
import { LIMITS } from "../../shared/protocol/names.ts";
import { clusterView, newViewMemo, type ClusterViewData } from "../../shared/protocol/view.ts";
import type { RoomJournal } from "../persistence/journal.ts";
import type { Logger } from "../deps.ts";
import { FeedEntryState, type SessionRoomState } from "./schema/session-state.ts";
import { projectCluster, projectGoals, projectScore } from "./schema/project.ts";
import { assignChanged } from "./schema/patch.ts";

export interface QueuedCommand {
  client: Client;
  id: string;
  line: string;
  stdin?: string;
  /** The player's display name (unique in the room): the session's user. */
  player: string;
  allowedVerbs?: readonly string[];
}

export interface RunnerOptions {
  roomId: string;
  sessionId: string;
  journal: RoomJournal;
  log: Logger;
  /** Answer the sender of a command (exactly once per command). */
  reply(client: Client, id: string, result: KubectlResult): void;
  /** Revealed hints cost points (contest option); default true. */
  hintCosts?: boolean;
  /** A session rebuilt by replay after a restart: already journaled, so not reported again. */
  restored?: LevelSession;
}

const CURVE_EVERY_MS = 5_000;
const JOURNAL_TICK_EVERY = 100;

export class SessionRunner {
  readonly session: LevelSession;
  private queue: QueuedCommand[] = [];
  private acc = 0;
  private feedSeq = 0;
  private journaled = 0;
  private lastJournaledTick = 0;
  private nextCurveMs = 0;
  private readonly curve: DebriefMessage["curve"] = [];
  /** What the room did outside the session (facilitator notes). */
  private readonly extra: TimelineEntry[] = [];
  private readonly viewMemo = newViewMemo();
  private lastView?: ClusterViewData;

  constructor(readonly level: Level, readonly seed: number, private readonly opts: RunnerOptions) {
    this.session = opts.restored ?? createSession(level, { seed });
    this.lastJournaledTick = this.session.cluster.tickCount;
    this.journaled = this.session.log.length;
    if (!opts.restored) this.journal((j) => j.sessionStarted({ roomId: opts.roomId, sessionId: opts.sessionId, levelId: level.id, seed, tick: this.session.cluster.tickCount }));
  }

  /** Record how far the session has run (on dispose, so a restore replays to here). */
  flushTick(): void {
    const tick = this.session.cluster.tickCount;
    if (tick === this.lastJournaledTick) return;
    this.lastJournaledTick = tick;
    this.journal((j) => j.sessionTicked(this.opts.roomId, this.opts.sessionId, tick));
  }

  get simTimeMs(): number {
    return Math.round(this.session.elapsedSeconds * 1000);
  }

  enqueue(cmd: QueuedCommand): void {
    this.queue.push(cmd);
  }

  /** Answer every queued command with `result` (the room ended before they ran). */
  refuseQueued(stderr: string): void {
    for (const c of this.queue.splice(0)) this.opts.reply(c.client, c.id, { stdout: "", stderr, exitCode: 1 });
  }

  /**
   * One simulation interval: run the queued commands, then advance `speed` × one tick
   * (fractions accumulate). Returns the commands run, for the feed.
   */
  step(speed: number, state: SessionRoomState): void {
    const ran = this.queue.splice(0);
    for (const c of ran) {
      const r = this.session.run(c.line, { player: c.player, ...(c.stdin !== undefined ? { stdin: c.stdin } : {}), ...(c.allowedVerbs ? { allowedVerbs: c.allowedVerbs } : {}) });
      this.opts.reply(c.client, c.id, r);
      this.pushFeed(state, c.player, c.line, r.exitCode);
    }
    this.flushLog();
    this.acc += speed;
    const n = Math.floor(this.acc);
    this.acc -= n;
    if (n > 0) this.session.tick(n);
    if (this.session.cluster.tickCount - this.lastJournaledTick >= JOURNAL_TICK_EVERY) {
      this.lastJournaledTick = this.session.cluster.tickCount;
      const tick = this.lastJournaledTick;
      this.journal((j) => j.sessionTicked(this.opts.roomId, this.opts.sessionId, tick));
    }
    if (n > 0 || ran.length > 0) this.project(state);
  }

  /** Write the session into room state (only what changed goes out in the next patch). */
  project(state: SessionRoomState): void {
    const goals = this.session.goals();
    assignChanged(state, { simTimeMs: this.simTimeMs, hintsRevealed: this.session.revealedHints().length, hintsTotal: this.level.hints.length });
    const view = clusterView(this.session.cluster, this.viewMemo);
    if (view !== this.lastView) projectCluster(state.cluster, view);
    this.lastView = view;
    projectGoals(state.goals, goals);
    projectScore(state.score, this.score());
    if (this.simTimeMs >= this.nextCurveMs) {
      this.nextCurveMs = this.simTimeMs + CURVE_EVERY_MS;
      const traffic = state.cluster.traffic;
      this.curve.push({
        simTimeMs: this.simTimeMs,
        goalsMet: goals.filter((g) => g.met).length,
        goalsHolding: goals.filter((g) => g.holding).length,
        goalsTotal: goals.length,
        ...(traffic.hasTraffic ? { successRate: traffic.successRate } : {}),
      });
    }
  }

  score(): ScoreBreakdown {
    const s = this.session.score();
    if (this.opts.hintCosts !== false) return s;
    const hints = s.components.find((c) => c.id === "hints");
    if (!hints || hints.points === 0) return s;
    return {
      ...s,
      total: s.resolved ? s.total - hints.points : 0,
      components: s.components.map((c) => (c.id === "hints" ? { ...c, points: 0, detail: `${c.detail} (hints are free in this contest)` } : c)),
    };
  }

  revealHint(player: string) {
    const h = this.session.nextHint(player);
    this.flushLog();
    return h && this.opts.hintCosts === false ? { ...h, cost: 0 } : h;
  }

  /**
   * A live fault injected by the facilitator: the session applies and logs it (so a replay
   * after a restart re-applies it at the same tick) and it is journaled like a command.
   */
  inject(fault: Fault, player: string): { ok: boolean; text: string } {
    const r = this.session.inject(fault, { player });
    this.flushLog();
    return { ok: r.ok, text: r.ok ? r.value : `fault failed: ${r.error}` };
  }

  note(player: string, text: string): void {
    this.extra.push({ tick: this.session.cluster.tickCount, type: "hint", player, text });
  }

  debrief(): DebriefMessage {
    const msPerTick = this.session.cluster.state.msPerTick;
    const startTick = this.session.state.startTick;
    const timeline = [...this.session.timeline(), ...this.extra]
      .map((e, i) => ({ e, i }))
      .sort((a, b) => a.e.tick - b.e.tick || a.i - b.i)
      .map(({ e }) => ({ ...e, simTimeMs: (e.tick - startTick) * msPerTick }));
    const { whatWentWrong, why, prevention, commands } = this.level.debrief;
    return {
      levelId: this.level.id,
      title: this.level.title,
      solved: this.session.solved(),
      score: this.score(),
      timeline,
      curve: [...this.curve],
      debrief: { whatWentWrong, why, prevention, commands: [...commands] },
      solution: this.level.solution.map((s) => ({ line: s.line, ...(s.stdin !== undefined ? { stdin: s.stdin } : {}) })),
    };
  }

  private pushFeed(state: SessionRoomState, player: string, line: string, exitCode: number): void {
    const e = new FeedEntryState();
    e.seq = ++this.feedSeq;
    e.player = player;
    e.line = line.length > 200 ? line.slice(0, 199) + "…" : line;
    e.exitCode = exitCode;
    e.simTimeMs = this.simTimeMs;
    state.feed.push(e);
    while (state.feed.length > LIMITS.feedLength) state.feed.shift();
  }

  /** Journal the log entries the session appended since the last flush. */
  private flushLog(): void {
    const log = this.session.log;
    for (; this.journaled < log.length; this.journaled++) {
      const entry: CommandLogEntry = log[this.journaled];
      this.journal((j) => j.commandApplied(this.opts.roomId, this.opts.sessionId, entry));
    }
  }

  private journal(call: (j: RoomJournal) => Promise<void>): void {
    call(this.opts.journal).catch((err) => this.opts.log.error({ err, room: this.opts.roomId }, "journal write failed"));
  }
}
