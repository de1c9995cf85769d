/**
 * A game session: one level played on one simulated cluster. The same object runs in the
 * server's rooms (drills: many players on one session; contests: one session per student or
 * team) and in the browser's solo mode. Everything here is pure and deterministic: the server
 * and the browser replay the same command log to the same hash.
 */
import type { Cluster } from "../sim/cluster.ts";
import { canonicalJSON, hashString } from "../util/canonical.ts";
import { applyFaultLive, describeFault } from "../levels/faults/apply.ts";
import type { Fault } from "../levels/faults/schema.ts";
import { goalText } from "../levels/goals/text.ts";
import type { Result } from "../util/result.ts";
import type { Level } from "../levels/schema.ts";
import { parseCommand } from "../scoring/commands.ts";
import { scoreSession } from "../scoring/score.ts";
import { buildLevelCluster } from "./build.ts";
import { runCommandLine } from "./kubectl-adapter.ts";
import { evaluateGoals, isMet, startTracker, type TrackerState } from "./tracker.ts";
import { SessionTimeline, type TimelineEntry } from "./timeline.ts";

export interface KubectlResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** One entry of the command log: what makes replay, debrief and crash recovery possible. */
export interface CommandLogEntry {
  /** Tick at which the command was applied (commands apply between ticks). */
  tick: number;
  /** Player id (stable per seat) and display name at the time. */
  player: string;
  line: string;
  stdin?: string;
  exitCode: number;
  /**
   * `hint`: a hint reveal (line `hint <n>`), replayed as one; `inject`: a live fault injected
   * by a facilitator (line `inject <what>`, the fault in `fault`), re-applied on replay;
   * absent: a kubectl line.
   */
  type?: "hint" | "inject";
  /** The injected fault (plain JSON), on `inject` entries only. */
  fault?: Fault;
  /** Refused by the player's role: never reached the cluster (skipped on replay). */
  refused?: boolean;
}

export interface GoalStatus {
  id: string;
  text: string;
  /** True when the goal's condition holds right now. */
  holding: boolean;
  /** True once it has held continuously for the level's stable window. */
  met: boolean;
  /** Why it holds or not, in a player's words ("0 ready endpoint(s), want at least 1"). */
  detail: string;
  /** The model this goal needs is not available in this build (it can never be met). */
  unavailable?: boolean;
}

export interface ScoreBreakdown {
  total: number;
  stars: 0 | 1 | 2 | 3;
  /** Named components, e.g. base, time, errorBudget, hints, collateral, diagnosis. */
  components: { id: string; label: string; points: number; detail: string }[];
  /** All goals met for the stable window (otherwise total is 0 and the components preview). */
  resolved: boolean;
  /** The best total this level allows. */
  max: number;
}

export interface HintView {
  index: number;
  text: string;
  cost: number;
}

export interface GameSession {
  readonly levelId: string;
  readonly cluster: Cluster;
  readonly log: readonly CommandLogEntry[];
  /** Run a kubectl line as `player` (roles may refuse verbs); logs it; effects reconcile on later ticks. */
  run(line: string, opts: { player: string; stdin?: string; allowedVerbs?: readonly string[] }): KubectlResult;
  /** Advance the simulation `n` ticks (goal tracking and scoring update as it goes). */
  tick(n?: number): void;
  goals(): GoalStatus[];
  /** All goals met and held: the incident is resolved. */
  solved(): boolean;
  score(): ScoreBreakdown;
  /** Reveal the next hint (its cost counts in the score). */
  nextHint(): HintView | undefined;
  /** Apply a fault live now, as `player` (a facilitator); logged so replay re-applies it. */
  inject(fault: Fault, opts: { player: string }): Result<string, string>;
  hash(): string;
}

export interface SessionOptions {
  seed?: number;
  /** Deep-freeze stored objects (tests). */
  freeze?: boolean;
}

/** Refusal worded as the API server's RBAC denial. */
function forbidden(player: string, line: string): string {
  const cmd = parseCommand(line);
  const resource = (cmd.args[0] ?? "resources").split("/")[0];
  const verb = cmd.verb.split(" ").pop() || "use";
  return `Error from server (Forbidden): ${resource} is forbidden: User "${player}" cannot ${verb} resource "${resource}" in the namespace "${cmd.namespace ?? "default"}" (your role does not allow "${cmd.verb}")\n`;
}

export class LevelSession implements GameSession {
  readonly cluster: Cluster;
  readonly seed: number;
  private readonly entries: CommandLogEntry[] = [];
  private readonly progress: TrackerState;
  private readonly events: SessionTimeline;
  private timelineNext = 0;

  constructor(readonly level: Level, opts: SessionOptions = {}) {
    this.seed = opts.seed ?? level.cluster.seed ?? 1;
    const built = buildLevelCluster(level, this.seed, { freeze: opts.freeze });
    this.cluster = built.cluster;
    this.events = new SessionTimeline(this.cluster);
    for (const inj of built.injected) this.events.add({ tick: inj.tick, type: "fault", text: inj.text });
    this.progress = startTracker(level, this.cluster);
  }

  get levelId(): string {
    return this.level.id;
  }

  get log(): readonly CommandLogEntry[] {
    return this.entries;
  }

  /** Everything scoring reads (plain JSON). */
  get state(): Readonly<TrackerState> {
    return this.progress;
  }

  run(line: string, opts: { player: string; stdin?: string; allowedVerbs?: readonly string[] }): KubectlResult {
    const tick = this.cluster.tickCount;
    const base = { tick, player: opts.player, line, ...(opts.stdin !== undefined ? { stdin: opts.stdin } : {}) };
    if (opts.allowedVerbs) {
      const cmd = parseCommand(line);
      const ok = cmd.verb === "" || opts.allowedVerbs.includes(cmd.verb) || opts.allowedVerbs.includes(cmd.verb.split(" ")[0]);
      if (!ok) {
        const r = { stdout: "", stderr: forbidden(opts.player, line), exitCode: 1 };
        this.entries.push({ ...base, exitCode: 1, refused: true });
        return r;
      }
    }
    const r = runCommandLine(this.cluster, line, { ...(opts.stdin !== undefined ? { stdin: opts.stdin } : {}), as: opts.player });
    this.entries.push({ ...base, exitCode: r.exitCode });
    this.events.add({ tick, type: "command", player: opts.player, text: line, exitCode: r.exitCode });
    return r;
  }

  tick(n = 1): void {
    const st = this.progress;
    for (let i = 0; i < n; i++) {
      this.cluster.tick(1);
      this.injectDueTimeline();
      if (this.cluster.tickCount - st.lastEvalTick >= st.evalEveryTicks) this.evaluate();
    }
  }

  /** Advance by simulated milliseconds. */
  advance(ms: number): void {
    this.tick(Math.ceil(ms / this.cluster.state.msPerTick));
  }

  private injectDueTimeline(): void {
    const tl = this.level.timeline;
    const elapsedMs = (this.cluster.tickCount - this.progress.startTick) * this.cluster.state.msPerTick;
    while (this.timelineNext < tl.length && tl[this.timelineNext].atSeconds * 1000 <= elapsedMs) {
      const entry = tl[this.timelineNext++];
      const r = applyFaultLive(this.cluster, entry.fault);
      this.events.add({ tick: this.cluster.tickCount, type: "fault", text: entry.note ?? (r.ok ? r.value : `fault failed: ${r.error}`) });
    }
  }

  private evaluate(): void {
    const wasResolved = this.progress.resolvedTick !== undefined;
    for (const t of evaluateGoals(this.level, this.cluster, this.progress)) {
      this.events.add({ tick: this.cluster.tickCount, type: "goal", text: `${t.holding ? "✓" : "✗"} ${t.text}` });
    }
    if (!wasResolved && this.progress.resolvedTick !== undefined) this.events.add({ tick: this.cluster.tickCount, type: "resolved", text: "All goals held for the stable window: incident resolved" });
  }

  goals(): GoalStatus[] {
    const tick = this.cluster.tickCount;
    return this.level.goals.map((g) => {
      const t = this.progress.goals[g.id];
      return {
        id: g.id,
        text: goalText(g),
        holding: !!t?.holding,
        met: isMet(this.progress, g.id, tick),
        detail: t?.detail ?? "",
        ...(t?.unavailable ? { unavailable: true } : {}),
      };
    });
  }

  solved(): boolean {
    return this.progress.resolvedTick !== undefined;
  }

  score(): ScoreBreakdown {
    return scoreSession(this.level, this.entries, { ...this.progress, nowTick: this.cluster.tickCount });
  }

  nextHint(player = "system"): HintView | undefined {
    const index = this.progress.hintsRevealed.length;
    const hint = this.level.hints[index];
    if (!hint) return undefined;
    this.progress.hintsRevealed.push(index);
    this.entries.push({ tick: this.cluster.tickCount, player, line: `hint ${index + 1}`, exitCode: 0, type: "hint" });
    this.events.add({ tick: this.cluster.tickCount, type: "hint", player, text: `hint ${index + 1} revealed (−${hint.cost})` });
    return { index, text: hint.text, cost: hint.cost };
  }

  /**
   * A live fault from outside the level's timeline (a drill facilitator), applied like the
   * timeline's faults. It is logged even when it fails: applyFaultLive may have changed part of
   * the cluster before failing, and replay must repeat exactly that.
   */
  inject(fault: Fault, opts: { player: string }): Result<string, string> {
    const tick = this.cluster.tickCount;
    /** Plain JSON, so the entry (and the hash over the log) survives any journal round trip. */
    const logged = JSON.parse(JSON.stringify(fault)) as Fault;
    const r = applyFaultLive(this.cluster, logged);
    this.entries.push({ tick, player: opts.player, line: `inject ${describeFault(logged)}`, exitCode: r.ok ? 0 : 1, type: "inject", fault: logged });
    this.events.add({ tick, type: "fault", player: opts.player, text: r.ok ? r.value : `fault failed: ${r.error}` });
    return r;
  }

  /** Hints revealed so far (to show again after a reconnect). */
  revealedHints(): HintView[] {
    return this.progress.hintsRevealed.map((i) => ({ index: i, text: this.level.hints[i].text, cost: this.level.hints[i].cost }));
  }

  /** The debrief's timeline: faults, commands, goal transitions and the cluster events of interest. */
  timeline(): readonly TimelineEntry[] {
    return this.events.entries;
  }

  /** Simulated seconds since the player arrived. */
  get elapsedSeconds(): number {
    return ((this.cluster.tickCount - this.progress.startTick) * this.cluster.state.msPerTick) / 1000;
  }

  hash(): string {
    return hashString(this.cluster.hash() + canonicalJSON(this.progress) + canonicalJSON(this.entries));
  }
}

export function createSession(level: Level, opts: SessionOptions = {}): LevelSession {
  return new LevelSession(level, opts);
}

/**
 * Rebuild a session from its command log: same level, same seed, the same lines at the same
 * ticks ⇒ the same state and hash. Runs on to `untilTick` when given (a crash-recovered room).
 */
export function replaySession(level: Level, seed: number, log: readonly CommandLogEntry[], opts: { untilTick?: number; freeze?: boolean } = {}): LevelSession {
  const s = createSession(level, { seed, freeze: opts.freeze });
  for (const e of log) {
    if (e.tick > s.cluster.tickCount) s.tick(e.tick - s.cluster.tickCount);
    if (e.type === "hint") s.nextHint(e.player);
    else if (e.type === "inject") {
      if (!e.fault) throw new Error(`replaySession: inject entry at tick ${e.tick} has no fault`);
      s.inject(e.fault, { player: e.player });
    } else if (e.refused) s.run(e.line, { player: e.player, allowedVerbs: [] });
    else s.run(e.line, { player: e.player, ...(e.stdin !== undefined ? { stdin: e.stdin } : {}) });
  }
  if (opts.untilTick !== undefined && opts.untilTick > s.cluster.tickCount) s.tick(opts.untilTick - s.cluster.tickCount);
  return s;
}
