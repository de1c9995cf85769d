/**
 * What the game screen talks to: the in-browser simulator in solo mode, a Colyseus room in
 * multiplayer. The screen only renders snapshots and sends intent (a kubectl line, a hint
 * request, a control action); every rule runs behind this interface.
 */
import type { GoalStatus, HintView, KubectlResult, ScoreBreakdown } from "../../shared/game/session.ts";
import type { DebriefMessage, PingBroadcast } from "../../shared/protocol/messages.ts";
import type { TraceResult } from "../../shared/net/trace-types.ts";
import type { ClusterView, ViewClock } from "../view/types.ts";

export interface LevelBrief {
  id: string;
  title: string;
  category: string;
  difficulty: number;
  parTimeSeconds: number;
  briefing: string;
  learningGoals: string[];
  /** Cost of each hint in order (their text comes when revealed). */
  hintCosts: number[];
}

export interface GameSnapshot {
  view: ClusterView;
  clock: ViewClock;
  goals: GoalStatus[];
  /** Live preview of the score (final once solved). */
  score?: ScoreBreakdown;
  solved: boolean;
  ended: boolean;
  hints: HintView[];
}

export interface PlayerInfo {
  id: string;
  name: string;
  role: string;
  connected: boolean;
  /** Their last command, for the facilitator's activity feed. */
  lastLine?: string;
}

export interface GameBackend {
  readonly mode: "solo" | "drill" | "contest";
  readonly level: LevelBrief;
  /** Run a kubectl line (stdin: an edited object or `apply -f -` text). */
  run(line: string, stdin?: string): Promise<KubectlResult>;
  /** A read-only lookup for the inspector (describe, -o yaml, events, logs): kubectl's own text. */
  inspect(line: string): Promise<KubectlResult>;
  /** Candidates for the last word of `line` (tab completion). */
  complete(line: string): string[];
  hint(): Promise<HintView | undefined>;
  /** Packet trace from a pod/node to a host or Service (undefined: not available in this mode). */
  trace?(from: string, to: string, port: number): Promise<TraceResult>;
  /** Pods and nodes a trace can start from / go to (names as traceRoute takes them). */
  traceEndpoints?(): { sources: string[]; targets: string[] };
  setSpeed?(speed: number): void;
  setPaused?(paused: boolean): void;
  debrief(): Promise<DebriefMessage | undefined>;
  /** Called with every new snapshot (solo: a few times per second; rooms: on each patch). */
  subscribe(listener: (s: GameSnapshot) => void): () => void;
  players?(): PlayerInfo[];
  /** Drills: point the team at a map object (`pod/ns/name`, `svc/ns/name`, `ing/ns/name`, `node/name`). */
  ping?(target: string): void;
  /** Drills: every player's pings, the sender's own included. */
  onPing?(listener: (p: PingBroadcast) => void): void;
  dispose(): void;
}
