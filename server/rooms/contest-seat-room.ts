/**
 * `contest-seat`: one student's (or one team's) cluster in a contest. Created by the contest
 * room (on any process: the matchmaker places it), joined only with the seat token the contest
 * handed out, private (never listed). Plays the contest's levels in order from the contest's
 * seed; reports progress to the contest over presence; records each level's result.
 */
import { ServerError, type Client } from "@colyseus/core";
import { z } from "zod";
import { seatJoinSchema } from "../../shared/protocol/messages.ts";
import { S2C } from "../../shared/protocol/names.ts";
import type { RoomKind } from "../deps.ts";
import { tokenMatches } from "../security/tokens.ts";
import { controlTopic, progressTopic, type ContestControl, type SeatGoalReport, type SeatProgress } from "../contest/directory.ts";
import { describeIssues } from "./guard.ts";
import { SessionRoom } from "./session-room.ts";
import { replayRecordedSession, takeRestoredRoom } from "../persistence/restore.ts";
import type { UnfinishedRoom } from "../persistence/journal.ts";
import { seatResume } from "../contest/seat-resume.ts";

export const seatCreateSchema = z.object({
  contest: z.string().min(1),
  seat: z.string().min(1),
  seatTokenHash: z.string().length(64),
  /** Tokens handed out for this seat before a restart: students who saved one still get in. */
  formerTokenHashes: z.array(z.string().length(64)).default([]),
  name: z.string(),
  team: z.string().default(""),
  levels: z.array(z.string()).min(1),
  seed: z.number().int(),
  hintCosts: z.boolean(),
  phase: z.enum(["lobby", "running", "paused"]),
});
export type SeatCreateOptions = z.input<typeof seatCreateSchema>;

/** How long a seat stays after the contest ended, so students can read their debrief. */
const LINGER_AFTER_END_MS = 10 * 60_000;
const PUBLISH_EVERY_MS = 1_000;

export class ContestSeatRoom extends SessionRoom {
  protected readonly kind: RoomKind = "contest-seat";
  override maxClients = 8;
  override autoDispose = false;
  private o!: z.output<typeof seatCreateSchema>;
  private levelIndex = 0;
  private done = { score: 0, solved: 0, timeMs: 0 };
  private lastPublishMs = 0;
  /** Final goal states of the levels already finished (class analytics). */
  private pastGoals: SeatGoalReport[] = [];
  private readonly onControlMsg = (m: ContestControl) => this.onContestControl(m);

  override async onCreate(options: unknown): Promise<void> {
    const parsed = seatCreateSchema.safeParse(options);
    if (!parsed.success) throw new ServerError(400, `invalid seat options: ${describeIssues(parsed.error)}`);
    this.o = parsed.data;
    this.roomId = `${this.o.contest}-${this.o.seat}`;
    this.setup();
    await this.setPrivate(true);
    this.state.contest = this.o.contest;
    this.state.levelCount = this.o.levels.length;
    const restored = takeRestoredRoom(options);
    const resumed = restored ? await this.resume(restored) : false;
    if (!resumed && !this.playLevel(0)) throw new ServerError(404, `unknown level "${this.o.levels[0]}"`);
    await this.presence.subscribe(controlTopic(this.o.contest), this.onControlMsg);
    if (this.state.phase !== "ended") this.setPhase(this.o.phase);
    this.publish(this.state.phase === "ended");
  }

  /**
   * After a restart: the level being played is rebuilt by replay of its command log (same hash),
   * the finished levels count from their journaled results; a seat that had ended stays ended.
   * False when the journal holds nothing to resume (the seat starts at its first level).
   */
  private async resume(r: UnfinishedRoom): Promise<boolean> {
    const at = seatResume(this.o.seat, r.sessions, await this.deps.journal.results(this.o.contest));
    const level = at && this.deps.catalogue.get(at.session.levelId);
    if (!at || !level) return false;
    this.levelIndex = at.levelIndex;
    this.state.levelNumber = at.levelIndex + 1;
    this.done = at.done;
    this.startLevel(level, at.session.seed, at.session.sessionId, this.o.contest, this.o.hintCosts, replayRecordedSession(level, at.session));
    if (at.finished && this.runner) {
      this.lastDebrief = this.runner.debrief();
      this.setPhase("ended");
      this.runner = undefined;
      this.clock.setTimeout(() => this.disconnect(), LINGER_AFTER_END_MS);
    }
    return true;
  }

  override onAuth(_client: Client, options: unknown): boolean {
    const o = seatJoinSchema.safeParse(options ?? {});
    if (!o.success || ![this.o.seatTokenHash, ...this.o.formerTokenHashes].some((hash) => tokenMatches(o.data.seatToken, hash))) throw new ServerError(403, "this seat belongs to another student");
    return true;
  }

  override onJoin(client: Client, options: { name?: unknown }): void {
    const seat = this.seats.add(client.sessionId, options?.name ?? this.o.name, "operator", false, this.o.team);
    this.welcome(client, seat);
    if (this.lastDebrief) client.send(S2C.debrief, this.lastDebrief);
    this.deps.metrics.clientJoined(this.kind);
  }

  private playLevel(index: number): boolean {
    const level = this.deps.catalogue.get(this.o.levels[index]);
    if (!level) return false;
    this.levelIndex = index;
    this.state.levelNumber = index + 1;
    this.startLevel(level, this.o.seed, `${this.o.seat}.${index}`, this.o.contest, this.o.hintCosts);
    return true;
  }

  private onContestControl(m: ContestControl): void {
    if (this.state.phase === "ended") return;
    if (m.action === "start" || m.action === "resume") this.setPhase("running");
    else if (m.action === "pause") {
      this.setPhase("paused");
      // The board shows where the seat stopped (and a restore, which republishes, shows the same).
      this.publish(false);
    } else if (m.action === "end") this.finishLevel(true);
  }

  protected override afterStep(): void {
    if (this.runner?.session.solved()) return this.finishLevel(false);
    if (this.deps.now() - this.lastPublishMs >= PUBLISH_EVERY_MS) this.publish(false);
  }

  /** Record the level's result; go on to the next level, or end this seat. */
  private finishLevel(contestOver: boolean): void {
    const runner = this.runner;
    if (!runner || this.state.phase === "ended") return;
    const score = runner.score();
    const solved = runner.session.solved();
    const result = { roomId: this.o.contest, sessionId: `${this.o.seat}.${this.levelIndex}`, playerName: this.o.name, levelId: runner.level.id, score, solved, durationMs: runner.simTimeMs, finishedAtMs: this.deps.now() };
    this.deps.journal.resultRecorded(result).catch((err) => this.log.error({ err }, "journal write failed"));
    this.pastGoals = [...this.pastGoals, ...this.currentGoals()];
    this.done = { score: this.done.score + score.total, solved: this.done.solved + (solved ? 1 : 0), timeMs: this.done.timeMs + runner.simTimeMs };
    const last = this.levelIndex + 1 >= this.o.levels.length;
    if (contestOver || last) {
      this.endSession();
      this.runner = undefined;
      this.publish(true);
      this.clock.setTimeout(() => this.disconnect(), LINGER_AFTER_END_MS);
      return;
    }
    runner.refuseQueued("error: the level was solved; the next level has started\n");
    this.broadcast(S2C.debrief, runner.debrief());
    this.playLevel(this.levelIndex + 1);
    this.broadcast(S2C.level, { levelNumber: this.levelIndex + 1, levelCount: this.o.levels.length, levelId: this.state.levelId, title: this.state.title, briefing: this.state.briefing });
    this.publish(false);
  }

  private publish(final: boolean): void {
    this.lastPublishMs = this.deps.now();
    const current = this.runner;
    const progress: SeatProgress = {
      seat: this.o.seat,
      name: this.o.team || this.o.name,
      level: this.levelIndex + 1,
      levelId: this.o.levels[this.levelIndex],
      solved: this.done.solved,
      score: Math.round(this.done.score + (current?.score().total ?? 0)),
      timeMs: this.done.timeMs + (current?.simTimeMs ?? 0),
      final,
      goals: current ? [...this.pastGoals, ...this.currentGoals()] : this.pastGoals,
    };
    this.presence.publish(progressTopic(this.o.contest), progress);
  }

  private currentGoals(): SeatGoalReport[] {
    const levelId = this.o.levels[this.levelIndex];
    return this.state.goals.map((g) => ({ levelId, id: g.id, text: g.text, met: g.met }));
  }

  override async onDispose(): Promise<void> {
    super.onDispose();
    this.presence.unsubscribe(controlTopic(this.o?.contest ?? ""), this.onControlMsg);
  }
}
