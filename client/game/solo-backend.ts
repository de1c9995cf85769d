/**
 * Solo mode: the level runs on the shared simulator inside the browser. Real time drives
 * simulated time (1× = 10 ticks per second, as in rooms); the loop only calls the session's
 * own operations (tick, run, nextHint), so the game plays exactly as on the server.
 */
import { createSession, type HintView, type KubectlResult, type LevelSession } from "../../shared/game/session.ts";
import type { Level } from "../../shared/levels/schema.ts";
import type { DebriefMessage } from "../../shared/protocol/messages.ts";
import { LIMITS } from "../../shared/protocol/names.ts";
import { restoreCluster, completeKubectl, runKubectl } from "../../shared/index.ts";
import { traceRoute } from "../../shared/net/trace.ts";
import type { TraceResult } from "../../shared/net/trace-types.ts";
import { soloView } from "../view/solo-view.ts";
import type { GameBackend, GameSnapshot, LevelBrief } from "./backend.ts";
import { CurveRecorder } from "./curve.ts";

/** At most this much simulated time per loop step (a background tab must not freeze the page). */
const MAX_TICKS_PER_STEP = 40;
const SNAPSHOT_EVERY_MS = 200;

export function levelBrief(level: Level): LevelBrief {
  return {
    id: level.id, title: level.title, category: level.category, difficulty: level.difficulty, parTimeSeconds: level.parTimeSeconds,
    briefing: level.briefing, learningGoals: level.learningGoals, hintCosts: level.hints.map((h) => h.cost),
  };
}

export interface Clock {
  now(): number;
  every(ms: number, fn: () => void): () => void;
}

export const browserClock: Clock = {
  now: () => performance.now(),
  every: (ms, fn) => {
    const id = setInterval(fn, ms);
    return () => clearInterval(id);
  },
};

export class SoloBackend implements GameBackend {
  readonly mode = "solo" as const;
  readonly level: LevelBrief;
  readonly session: LevelSession;
  private readonly listeners = new Set<(s: GameSnapshot) => void>();
  private readonly curve = new CurveRecorder();
  private speed = 1;
  private paused = false;
  private ended = false;
  private carryMs = 0;
  private lastStep: number;
  private lastSnapshot = -Infinity;
  private readonly stop: () => void;

  constructor(private readonly lv: Level, seed: number | undefined, private readonly clock: Clock = browserClock) {
    this.level = levelBrief(lv);
    this.session = createSession(lv, seed === undefined ? {} : { seed });
    this.lastStep = clock.now();
    this.stop = clock.every(50, () => this.step());
  }

  /** Advance simulated time by the real time since the last step × speed. */
  step(): void {
    const now = this.clock.now();
    const dt = now - this.lastStep;
    this.lastStep = now;
    if (!this.paused && !this.ended) {
      const msPerTick = this.session.cluster.state.msPerTick;
      this.carryMs += dt * this.speed;
      const ticks = Math.min(MAX_TICKS_PER_STEP, Math.floor(this.carryMs / msPerTick));
      this.carryMs = ticks === MAX_TICKS_PER_STEP ? 0 : this.carryMs - ticks * msPerTick;
      for (let i = 0; i < ticks && !this.ended; i++) {
        this.session.tick(1);
        this.curve.sample(this.session);
        if (this.session.solved()) this.finish();
      }
    }
    if (now - this.lastSnapshot >= SNAPSHOT_EVERY_MS || this.ended) this.publish(now);
  }

  snapshot(): GameSnapshot {
    const s = this.session;
    return {
      view: soloView(s.cluster),
      clock: { elapsedSeconds: s.elapsedSeconds, speed: this.speed, paused: this.paused },
      goals: s.goals(),
      score: s.score(),
      solved: s.solved(),
      ended: this.ended,
      hints: s.revealedHints(),
    };
  }

  private publish(now: number): void {
    if (this.listeners.size === 0) return;
    this.lastSnapshot = now;
    const snap = this.snapshot();
    for (const l of this.listeners) l(snap);
  }

  subscribe(listener: (s: GameSnapshot) => void): () => void {
    this.listeners.add(listener);
    listener(this.snapshot());
    return () => this.listeners.delete(listener);
  }

  async run(line: string, stdin?: string): Promise<KubectlResult> {
    const r = this.session.run(line, { player: "you", ...(stdin !== undefined ? { stdin } : {}) });
    this.lastSnapshot = -Infinity;
    return r;
  }

  /** Inspector lookups read the cluster directly: they are not the player's commands. */
  async inspect(line: string): Promise<KubectlResult> {
    return runKubectl(this.session.cluster, line, { as: "you" });
  }

  complete(line: string): string[] {
    return completeKubectl(this.session.cluster, line);
  }

  async hint(): Promise<HintView | undefined> {
    const h = this.session.nextHint("you");
    this.lastSnapshot = -Infinity;
    return h;
  }

  /** Traced on a copy of the cluster: kube-proxy's endpoint pick draws from the rng, and looking must not change the game. */
  async trace(from: string, to: string, port: number): Promise<TraceResult> {
    const copy = restoreCluster(this.session.cluster.toJSON());
    return traceRoute(copy, from, to, { port });
  }

  traceEndpoints(): { sources: string[]; targets: string[] } {
    const c = this.session.cluster;
    const pods = c.store.list("Pod").filter((p) => p.status?.podIP).map((p) => `${p.metadata.namespace}/${p.metadata.name}`).sort();
    const nodes = c.store.list("Node").map((n) => `node/${n.metadata.name}`).sort();
    const svcs = c.store.list("Service").filter((s) => s.spec?.clusterIP && s.spec.clusterIP !== "None").map((s) => `svc/${s.metadata.namespace}/${s.metadata.name}`).sort();
    return { sources: [...pods, ...nodes, "external"], targets: [...svcs, ...pods, ...nodes] };
  }

  setSpeed(speed: number): void {
    this.speed = Math.max(0.5, Math.min(16, speed));
    this.lastSnapshot = -Infinity;
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    this.lastSnapshot = -Infinity;
  }

  async debrief(): Promise<DebriefMessage> {
    const s = this.session;
    const ms = s.cluster.state.msPerTick;
    const start = s.state.startTick;
    return {
      levelId: this.lv.id,
      title: this.lv.title,
      solved: s.solved(),
      score: s.score(),
      timeline: s.timeline().map((e) => ({ ...e, simTimeMs: Math.max(0, (e.tick - start) * ms) })),
      curve: this.curve.points,
      debrief: this.lv.debrief,
      solution: this.lv.solution.map((st) => ({ line: st.line, ...(st.stdin !== undefined ? { stdin: st.stdin } : {}) })),
    };
  }

  private finish(): void {
    this.ended = true;
    this.curve.sample(this.session, true);
    this.lastSnapshot = -Infinity;
  }

  /** Give up: end the game now and show the debrief (unresolved). */
  end(): void {
    if (!this.ended) this.finish();
  }

  dispose(): void {
    this.stop();
    this.listeners.clear();
  }
}

export const SOLO_TICKS_PER_SECOND = LIMITS.ticksPerSecond;
