/**
 * `contest`: a classroom contest. The teacher creates it (levels or a seed, time limit,
 * individual or teams, hint costs, leaderboard freeze) and gets the host token; students join
 * with the code and a name (late join allowed) and are sent to their own `contest-seat` room:
 * each student (or team) has a cluster no one else can see, and the simulations spread over
 * rooms and, with Redis, processes. This room keeps the clock and the leaderboard.
 */
import { matchMaker, Room, ServerError, type Client } from "@colyseus/core";
import { randomInt } from "node:crypto";
import { contestCreateSchema, controlMessageSchema, joinSchema, kubectlMessageSchema, type ContestCreateOptions, type ControlMessage } from "../../shared/protocol/messages.ts";
import { rankLeaderboard, type LeaderboardEntry } from "../../shared/protocol/leaderboard.ts";
import { C2S, ROOM, S2C, type Phase } from "../../shared/protocol/names.ts";
import { sanitizeName } from "../../shared/protocol/sanitize.ts";
import type { Logger, RoomKind, ServerDeps } from "../deps.ts";
import { hashToken, newToken, tokenMatches } from "../security/tokens.ts";
import { CONTEST_HOSTS_KEY, controlTopic, progressTopic, type ContestControl, type SeatProgress } from "../contest/directory.ts";
import { describeIssues, MessageGuard } from "./guard.ts";
import { claimJoinCode, releaseJoinCode, reserveJoinCode } from "./join-code.ts";
import { ContestRoomState, GoalTallyState, LeaderboardRowState } from "./schema/contest-state.ts";
import { tallyGoals } from "../contest/analytics.ts";
import { fillPrimitives, syncArray } from "./schema/patch.ts";
import { Seats } from "./seats.ts";
import type { SeatCreateOptions } from "./contest-seat-room.ts";
import { takeRestoredRoom, withRestoreTicket } from "../persistence/restore.ts";
import type { UnfinishedRoom } from "../persistence/journal.ts";
import { clockAfterPhase, clockElapsedMs, contestRecordConfig, parseContestRecordConfig, type ContestClock, type ContestSeatRecord } from "../contest/contest-record.ts";
import { seatOfSession } from "../contest/results.ts";

interface ContestSeat {
  seat: string;
  /** Kept in memory so team mates (and the student rejoining by name) receive it. */
  token: string;
  /** Hashes of every token handed out for the seat, the current one last (journaled; a restart adds one). */
  tokenHashes: string[];
  roomId: string;
  name: string;
  team: string;
}

const CLOCK_EVERY_MS = 1_000;
/** After `end`, how long the contest waits for the seats' final reports before the podium. */
const FINAL_REPORT_WAIT_MS = 3_000;

export class ContestRoom extends Room<ContestRoomState> {
  deps!: ServerDeps;
  private readonly kind: RoomKind = "contest";
  override maxClients = 400;
  private log!: Logger;
  private guard!: MessageGuard;
  private seats!: Seats;
  private o!: ContestCreateOptions;
  private seed = 0;
  private hostTokenHash = "";
  private pendingHostToken?: string;
  private readonly contestSeats = new Map<string, ContestSeat>();
  private readonly teams = new Map<string, string>();
  private readonly progress = new Map<string, SeatProgress>();
  private nextSeat = 1;
  private contestClock: ContestClock = { elapsedMs: 0 };
  private createdAtMs = 0;
  private boardDirty = false;
  private readonly onProgress = (p: SeatProgress) => this.recordProgress(p);

  override async onCreate(options: unknown): Promise<void> {
    const restored = takeRestoredRoom(options);
    if (restored) return this.restore(restored);
    const parsed = contestCreateSchema.safeParse(options ?? {});
    if (!parsed.success) throw new ServerError(400, `invalid contest options: ${describeIssues(parsed.error)}`);
    this.o = parsed.data;
    this.seed = this.o.seed ?? randomInt(2 ** 31 - 1);
    const levels = this.o.levels ? this.o.levels.map((id) => this.deps.catalogue.get(id)) : this.deps.catalogue.pickBySeed(this.seed, this.o.levelCount);
    const missing = this.o.levels?.filter((_, i) => !levels[i]);
    if (missing?.length) throw new ServerError(404, `unknown level(s): ${missing.join(", ")}`);
    if (levels.length === 0) throw new ServerError(404, "no playable level for this seed");
    this.roomId = await claimJoinCode(this.presence);
    this.pendingHostToken = newToken();
    this.createdAtMs = this.deps.now();
    await this.open(levels.map((lv) => lv!.id), hashToken(this.pendingHostToken));
    await this.journalRoom();
    this.deps.metrics.roomCreated(this.kind);
    if (this.o.autoStart) this.setPhase("running");
  }

  /** What a new and a restored contest share, once roomId is set. */
  private async open(levelIds: readonly string[], hostTokenHash: string): Promise<void> {
    this.log = this.deps.logger.child({ room: this.roomId, kind: this.kind });
    this.setState(new ContestRoomState());
    this.seats = new Seats(this.state.players, this.deps.now);
    this.guard = new MessageGuard(this, this.kind, this.deps.metrics, this.log);
    this.guard.on(C2S.control, controlMessageSchema, (c, m) => this.onControl(c, m));
    this.guard.on(C2S.kubectl, kubectlMessageSchema, (c, m) => {
      c.send(S2C.kubectlResult, { id: m.id, stdout: "", stderr: "error: this is the contest lobby: run kubectl in your own seat room (the contest:seat message)\n", exitCode: 1 });
    });
    Object.assign(this.state, { mode: this.o.mode, timeLimitMs: this.o.timeLimitMinutes * 60_000, remainingMs: this.o.timeLimitMinutes * 60_000 });
    levelIds.forEach((id) => this.state.levels.push(id));
    this.hostTokenHash = hostTokenHash;
    await this.presence.hset(CONTEST_HOSTS_KEY, this.roomId, this.hostTokenHash);
    await this.presence.subscribe(progressTopic(this.roomId), this.onProgress);
    this.clock.setInterval(() => this.onClock(), CLOCK_EVERY_MS);
  }

  /**
   * After a restart: the same code, clock and host token hash; each seat room rebuilt by replay
   * of its command log. Seat tokens were never stored, so each seat gets a new one (handed to whoever
   * rejoins by name or team) while the seat room keeps admitting the tokens students saved.
   */
  private async restore(r: UnfinishedRoom): Promise<void> {
    const parsed = parseContestRecordConfig(r.room.config);
    if (!parsed.ok) throw new ServerError(500, `cannot restore contest ${r.room.roomId}: ${parsed.error}`);
    const c = parsed.value;
    this.o = c.options;
    this.seed = c.seed;
    this.contestClock = c.clock;
    this.createdAtMs = r.room.createdAtMs;
    this.roomId = r.room.roomId;
    await reserveJoinCode(this.presence, this.roomId);
    await this.open(c.levels, r.room.hostTokenHash);
    this.state.phase = r.room.phase;
    this.updateRemaining(this.deps.now());
    for (const seat of c.seats) await this.reopenSeat(seat, r);
    this.nextSeat = 1 + Math.max(0, ...c.seats.map((s) => Number(s.seat.slice(1)) || 0));
    await this.journalRoom();
    this.boardDirty = true;
    this.deps.metrics.roomCreated(this.kind);
  }

  private async reopenSeat(record: ContestSeatRecord, r: UnfinishedRoom): Promise<void> {
    const token = newToken();
    const cs: ContestSeat = { seat: record.seat, token, tokenHashes: [...record.tokenHashes, hashToken(token)], roomId: `${this.roomId}-${record.seat}`, name: record.name, team: record.team };
    this.contestSeats.set(cs.seat, cs);
    if (cs.team) this.teams.set(cs.team, cs.seat);
    const sessions = r.sessions.filter((s) => seatOfSession(s.sessionId) === cs.seat);
    try {
      await withRestoreTicket({ room: r.room, sessions }, (option) => matchMaker.handleCreateRoom(ROOM.contestSeat, { ...this.seatOptions(cs), ...option }));
    } catch (err) {
      this.log.error({ err, seat: cs.seat }, "restore: seat room failed");
    }
  }

  /** The whole contest record: rewritten on every phase change and new seat (roomCreated replaces it). */
  private journalRoom(): Promise<void> {
    const seats: ContestSeatRecord[] = [...this.contestSeats.values()].map((cs) => ({ seat: cs.seat, name: cs.name, team: cs.team, tokenHashes: cs.tokenHashes }));
    const config = contestRecordConfig({ options: this.o, seed: this.seed, levels: [...this.state.levels], clock: this.contestClock, seats });
    const phase = this.state.phase as Phase;
    return this.deps.journal
      .roomCreated({ roomId: this.roomId, kind: "contest", config, createdAtMs: this.createdAtMs, hostTokenHash: this.hostTokenHash, phase })
      .catch((err) => this.log.error({ err }, "journal write failed"));
  }

  override async onJoin(client: Client, options: unknown): Promise<void> {
    const j = joinSchema.safeParse(options ?? {});
    const join = j.success ? j.data : {};
    const isCreator = this.pendingHostToken !== undefined;
    if (isCreator || tokenMatches(join.hostToken, this.hostTokenHash)) {
      const seat = this.seats.add(client.sessionId, join.name, "facilitator", true);
      if (isCreator) client.send(S2C.host, { token: this.pendingHostToken, code: this.roomId });
      this.pendingHostToken = undefined;
      client.send(S2C.welcome, { seat: seat.seat, name: seat.name, role: seat.role, host: true });
    } else {
      const team = this.o.mode === "teams" ? sanitizeName(join.team, "") : "";
      if (this.o.mode === "teams" && !team) throw new ServerError(400, "this contest is played in teams: give a team name");
      const seat = this.seats.add(client.sessionId, join.name, "operator", false, team);
      client.send(S2C.welcome, { seat: seat.seat, name: seat.name, role: seat.role, host: false });
      const cs = await this.contestSeatFor(seat.name, team);
      client.send(S2C.contestSeat, { roomId: cs.roomId, seatToken: cs.token, seat: cs.seat, team: cs.team });
    }
    if (this.state.phase === "ended") client.send(S2C.podium, this.podium());
    this.deps.metrics.clientJoined(this.kind);
  }

  /**
   * The student's own seat, or the team's (created on first use). A student joining under the name
   * of a seat (individual mode) gets that seat back, e.g. after a restart.
   * Simplification: the name is the proof, as the team name is in team mode; a student still in
   * the lobby keeps their name (the newcomer becomes "ada (2)"), so only a left seat can be taken.
   */
  private async contestSeatFor(name: string, team: string): Promise<ContestSeat> {
    const existing = team ? this.contestSeats.get(this.teams.get(team) ?? "") : [...this.contestSeats.values()].find((cs) => !cs.team && cs.name === name);
    if (existing) return existing;
    const seat = `s${this.nextSeat++}`;
    const token = newToken();
    const cs: ContestSeat = { seat, token, tokenHashes: [hashToken(token)], roomId: `${this.roomId}-${seat}`, name, team };
    const room = await matchMaker.createRoom(ROOM.contestSeat, this.seatOptions(cs));
    cs.roomId = room.roomId;
    this.contestSeats.set(seat, cs);
    if (team) this.teams.set(team, seat);
    this.boardDirty = true;
    await this.journalRoom();
    return cs;
  }

  private seatOptions(cs: ContestSeat): SeatCreateOptions {
    return {
      contest: this.roomId,
      seat: cs.seat,
      seatTokenHash: cs.tokenHashes[cs.tokenHashes.length - 1],
      formerTokenHashes: cs.tokenHashes.slice(0, -1),
      name: cs.name,
      team: cs.team,
      levels: [...this.state.levels],
      seed: this.seed,
      hintCosts: this.o.hintCosts,
      phase: this.state.phase === "ended" ? "paused" : (this.state.phase as "lobby" | "running" | "paused"),
    };
  }

  private recordProgress(p: SeatProgress): void {
    if (!this.contestSeats.has(p.seat)) return;
    this.progress.set(p.seat, p);
    this.boardDirty = true;
  }

  private onControl(client: Client, m: ControlMessage): void {
    if (!tokenMatches(m.token, this.hostTokenHash)) return this.guard.refuse(client, "forbidden", `only the teacher may ${m.action}`, C2S.control);
    if (this.state.phase === "ended") return this.guard.refuse(client, "invalid-state", "the contest has ended", C2S.control);
    if (m.action === "start" || m.action === "resume") this.setPhase("running");
    else if (m.action === "pause") this.setPhase("paused");
    else if (m.action === "end") this.end();
    else this.guard.refuse(client, "invalid-state", `"${m.action}" is a drill action; a contest knows start, pause, resume and end`, C2S.control);
  }

  private setPhase(phase: Phase): void {
    if (this.state.phase === phase) return;
    this.contestClock = clockAfterPhase(this.contestClock, phase === "running", this.deps.now());
    this.state.phase = phase;
    if (phase !== "ended") this.presence.publish(controlTopic(this.roomId), { action: phase === "running" ? "start" : "pause" } satisfies ContestControl);
    void this.journalRoom();
  }

  private onClock(): void {
    if (this.state.phase === "running") {
      this.updateRemaining(this.deps.now());
      if (this.state.remainingMs === 0) this.end();
    }
    if (this.boardDirty) this.refreshBoard();
  }

  /** Remaining time from the clock (wall time while running: a restart does not extend a contest). */
  private updateRemaining(now: number): void {
    this.state.remainingMs = Math.max(0, this.state.timeLimitMs - clockElapsedMs(this.contestClock, now));
    this.state.frozen = this.o.freezeLastMinutes > 0 && this.state.remainingMs <= this.o.freezeLastMinutes * 60_000;
  }

  private ranked(): LeaderboardEntry[] {
    const rows = [...this.contestSeats.values()].map((cs) => this.progress.get(cs.seat) ?? { seat: cs.seat, name: cs.team || cs.name, level: 1, levelId: this.state.levels[0], solved: 0, score: 0, timeMs: 0, final: false });
    return rankLeaderboard(rows.map(({ final: _f, ...r }) => r));
  }

  /** Update the public board (unless frozen) and the host's live board. */
  refreshBoard(): void {
    this.boardDirty = false;
    const board = this.ranked();
    if (!this.state.frozen || this.state.phase === "ended") syncArray(this.state.leaderboard, board, () => new LeaderboardRowState(), fillPrimitives);
    else for (const c of this.clients) if (this.seats.get(c.sessionId)?.host) c.send(S2C.leaderboardLive, board);
    /** Class analytics are for the teacher; they do not rank anyone, so a frozen board does not hide them. */
    syncArray(this.state.goalTallies, tallyGoals(this.state.levels, [...this.contestSeats.keys()].map((seat) => this.progress.get(seat)?.goals)), () => new GoalTallyState(), fillPrimitives);
  }

  private end(): void {
    if (this.state.phase === "ended") return;
    this.presence.publish(controlTopic(this.roomId), { action: "end" } satisfies ContestControl);
    this.state.phase = "ended";
    this.state.frozen = false;
    const started = this.deps.now();
    const waitForFinals = () => {
      const allFinal = [...this.contestSeats.keys()].every((s) => this.progress.get(s)?.final);
      if (!allFinal && this.deps.now() - started < FINAL_REPORT_WAIT_MS) return void this.clock.setTimeout(waitForFinals, 100);
      this.refreshBoard();
      this.broadcast(S2C.podium, this.podium());
      this.deps.journal.roomEnded(this.roomId).catch((err) => this.log.error({ err }, "journal write failed"));
    };
    waitForFinals();
  }

  private podium(): { standings: LeaderboardEntry[]; podium: LeaderboardEntry[] } {
    const standings = this.ranked();
    return { standings, podium: standings.filter((s) => s.rank <= 3) };
  }

  override async onLeave(client: Client, consented: boolean): Promise<void> {
    this.deps.metrics.clientLeft(this.kind);
    this.seats.setConnected(client.sessionId, false);
    if (consented) return this.seats.remove(client.sessionId);
    try {
      await this.allowReconnection(client, 60);
      this.seats.setConnected(client.sessionId, true);
    } catch {
      this.seats.remove(client.sessionId);
    }
  }

  override async onDispose(): Promise<void> {
    this.deps.metrics.roomDisposed(this.kind);
    this.presence.unsubscribe(progressTopic(this.roomId), this.onProgress);
    await releaseJoinCode(this.presence, this.roomId);
  }

  override onUncaughtException(error: unknown, methodName: string): void {
    (this.log ?? this.deps.logger).error({ err: error, method: methodName }, "room error");
  }
}
