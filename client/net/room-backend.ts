/**
 * Multiplayer: the game screen's backend on a `drill` or `contest-seat` room. Commands go to the
 * server as `kubectl` messages and come back as the `kubectl:result` with the same id; the map
 * and checklist follow the room state's patches. Nothing is decided here.
 */
import type { Room } from "colyseus.js";
import { createCluster, completeKubectl } from "../../shared/index.ts";
import type { HintView, KubectlResult } from "../../shared/game/session.ts";
import type { DebriefMessage, HintMessage, KubectlResultMessage, PingBroadcast } from "../../shared/protocol/messages.ts";
import { C2S, S2C } from "../../shared/protocol/names.ts";
import type { CatalogueEntry } from "../game/catalogue.ts";
import type { GameBackend, GameSnapshot, LevelBrief, PlayerInfo } from "../game/backend.ts";
import { fromProtocolView } from "../view/from-protocol.ts";
import { goalsFromState, scoreFromState, values, viewDataFromState, type SessionStateJson } from "./room-state.ts";

const SNAPSHOT_EVERY_MS = 150;
const RESULT_TIMEOUT_MS = 15_000;

/** Completion without the cluster: verbs, types and flags from an empty one, names from the view. */
const EMPTY = createCluster({});

export class RoomBackend implements GameBackend {
  readonly level: LevelBrief;
  private readonly pending = new Map<string, (r: KubectlResult) => void>();
  private readonly listeners = new Set<(s: GameSnapshot) => void>();
  private readonly hints: HintView[] = [];
  private readonly notes: ((text: string) => void)[] = [];
  private readonly pingListeners: ((p: PingBroadcast) => void)[] = [];
  private debriefMsg: DebriefMessage | undefined;
  private debriefWaiters: ((d: DebriefMessage) => void)[] = [];
  private seq = 0;
  private lastJson: SessionStateJson = {};
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private readonly unbind: (() => void)[] = [];
  private readonly onState = () => this.schedule();

  constructor(readonly room: Room, readonly mode: "drill" | "contest", findLevel: (id: string) => CatalogueEntry | undefined) {
    const s = room.state?.toJSON ? (room.state.toJSON() as SessionStateJson) : {};
    this.lastJson = s;
    const entry = s.levelId ? findLevel(s.levelId) : undefined;
    this.level = {
      id: s.levelId ?? "",
      title: s.title ?? entry?.title ?? "Incident",
      category: entry?.category ?? "",
      difficulty: entry?.difficulty ?? 1,
      parTimeSeconds: entry?.parTimeSeconds ?? 300,
      briefing: s.briefing ?? entry?.level.briefing ?? "",
      learningGoals: entry?.level.learningGoals ?? [],
      hintCosts: entry?.level.hints.map((h) => h.cost) ?? [],
    };
    this.on(S2C.kubectlResult, (m: KubectlResultMessage) => {
      const done = this.pending.get(m.id);
      this.pending.delete(m.id);
      done?.({ stdout: m.stdout, stderr: m.stderr, exitCode: m.exitCode });
    });
    this.on(S2C.hint, (h: HintMessage) => {
      if (h.index >= 0 && this.hints.some((x) => x.index === h.index)) return;
      if (h.index < 0) this.notes.forEach((n) => n(`${h.from ?? "facilitator"}: ${h.text}`));
      else this.hints.push({ index: h.index, text: h.text, cost: h.cost });
      this.schedule();
    });
    this.on(S2C.debrief, (d: DebriefMessage) => {
      this.debriefMsg = d;
      this.debriefWaiters.forEach((w) => w(d));
      this.debriefWaiters = [];
      this.schedule();
    });
    this.on(S2C.ping, (p: PingBroadcast) => this.pingListeners.forEach((l) => l(p)));
    this.on(S2C.error, () => undefined);
    room.onStateChange(this.onState);
  }

  private on<T>(type: string, fn: (m: T) => void): void {
    const off = this.room.onMessage(type, fn) as unknown;
    if (typeof off === "function") this.unbind.push(off as () => void);
  }

  /** Messages for the terminal that are not answers (a facilitator's own hint text). */
  onNote(fn: (text: string) => void): void {
    this.notes.push(fn);
  }

  private schedule(): void {
    if (this.timer || this.disposed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.publish();
    }, SNAPSHOT_EVERY_MS);
  }

  private publish(): void {
    const snap = this.snapshot();
    for (const l of this.listeners) l(snap);
  }

  snapshot(): GameSnapshot {
    const s = (this.room.state?.toJSON?.() ?? {}) as SessionStateJson;
    this.lastJson = s;
    const simMs = s.simTimeMs ?? 0;
    const view = fromProtocolView(viewDataFromState(s), { tick: Math.round(simMs / 100), elapsedMs: simMs });
    const score = scoreFromState(s);
    return {
      view,
      clock: { elapsedSeconds: simMs / 1000, speed: s.speed ?? 1, paused: s.phase !== "running", ...(s.phase ? { phase: s.phase } : {}) },
      goals: goalsFromState(s),
      ...(score ? { score } : {}),
      solved: score?.resolved ?? false,
      ended: s.phase === "ended" && this.debriefMsg !== undefined,
      hints: [...this.hints].sort((a, b) => a.index - b.index),
    };
  }

  subscribe(listener: (s: GameSnapshot) => void): () => void {
    this.listeners.add(listener);
    listener(this.snapshot());
    return () => this.listeners.delete(listener);
  }

  run(line: string, stdin?: string): Promise<KubectlResult> {
    const id = `c${++this.seq}`;
    return new Promise((resolve) => {
      const timeout = setTimeout(() => {
        if (!this.pending.delete(id)) return;
        resolve({ stdout: "", stderr: "error: no answer from the game server (connection lost?)\n", exitCode: 1 });
      }, RESULT_TIMEOUT_MS);
      this.pending.set(id, (r) => {
        clearTimeout(timeout);
        resolve(r);
      });
      this.room.send(C2S.kubectl, { id, line, ...(stdin !== undefined ? { stdin } : {}) });
    });
  }

  /** The inspector asks the server like the terminal does (the room's cluster is there). */
  inspect(line: string): Promise<KubectlResult> {
    return this.run(line);
  }

  complete(line: string): string[] {
    const base = completeKubectl(EMPTY, line);
    const word = /\S*$/.exec(line)![0];
    if (word.startsWith("-")) return base;
    const c = this.lastJson.cluster ?? {};
    const names = [...values(c.pods).map((p) => p.name), ...values(c.nodes).map((n) => n.name), ...values(c.services).map((s) => s.name)];
    return [...new Set([...base, ...names.filter((n) => n.startsWith(word))])].sort();
  }

  async hint(): Promise<HintView | undefined> {
    const before = this.hints.length;
    this.room.send(C2S.hintRequest, {});
    await new Promise((r) => setTimeout(r, 400));
    return this.hints.length > before ? this.hints[this.hints.length - 1] : this.level.hintCosts.length > before ? { index: before, text: "(requested)", cost: 0 } : undefined;
  }

  debrief(): Promise<DebriefMessage | undefined> {
    if (this.debriefMsg) return Promise.resolve(this.debriefMsg);
    return new Promise((resolve) => this.debriefWaiters.push(resolve));
  }

  ping(target: string): void {
    if (this.mode === "drill") this.room.send(C2S.ping, { target });
  }

  onPing(listener: (p: PingBroadcast) => void): void {
    this.pingListeners.push(listener);
  }

  players(): PlayerInfo[] {
    const feed = this.lastJson.feed ?? [];
    return values(this.lastJson.players).map((p) => {
      const last = [...feed].reverse().find((f) => f.player === p.name);
      return { id: p.seat, name: p.name, role: p.role, connected: p.connected, ...(last ? { lastLine: last.line } : {}) };
    });
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.unbind.forEach((off) => off());
    this.room.onStateChange.remove(this.onState);
    for (const done of this.pending.values()) done({ stdout: "", stderr: "error: left the game\n", exitCode: 1 });
    this.pending.clear();
    this.listeners.clear();
    this.pingListeners.length = 0;
  }
}
