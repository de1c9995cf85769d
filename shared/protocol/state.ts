/**
 * The room state's field names and shapes (the server holds them as Colyseus schema; clients
 * read them by these names). Maps are keyed by the entry's `key`/`name`/`seat`.
 */
import type { Phase } from "./names.ts";
import type { LinkHealth } from "./view.ts";

export interface GoalStateShape {
  id: string;
  text: string;
  met: boolean;
  holding: boolean;
  detail: string;
}

export interface ScoreStateShape {
  total: number;
  stars: number;
  max: number;
  resolved: boolean;
  breakdown: { id: string; label: string; points: number; detail: string }[];
}

export interface ClusterStateShape {
  nodes: Map<string, { name: string; ready: string; conditions: { type: string; status: string; reason: string }[]; unschedulable: boolean; taints: number; ip: string; podCIDR: string; memoryUsedMi: number; memoryCapacityMi: number; diskUsedMi: number; diskCapacityMi: number }>;
  pods: Map<string, { key: string; namespace: string; name: string; phase: string; status: string; ready: string; node: string; ip: string; restarts: number; owner: string }>;
  services: Map<string, { key: string; namespace: string; name: string; type: string; clusterIP: string; readyEndpoints: number; notReadyEndpoints: number; endpoints: string; hasTraffic: boolean; requestsPerSec: number; successRate: number; failReasons: string }>;
  links: Map<string, { key: string; from: string; to: string; health: LinkHealth; reason: string }>;
  /** `hasTraffic` false: the level runs no user traffic and the figures are meaningless. */
  traffic: { hasTraffic: boolean; requestsPerSec: number; successRate: number; latencyMs: number; sloTarget: number; budgetRemaining: number; burnRate: number };
}

export interface PlayerStateShape {
  seat: string;
  name: string;
  role: string;
  connected: boolean;
  host: boolean;
  /** Contest team ("" when individual, and in drills). */
  team: string;
}

export interface FeedEntryShape {
  seq: number;
  player: string;
  line: string;
  exitCode: number;
  simTimeMs: number;
}

/** `drill` and `contest-seat` rooms. */
export interface SessionRoomStateShape {
  phase: Phase;
  levelId: string;
  title: string;
  briefing: string;
  /** Simulated ms since the player arrived (the level's settle time is not counted). */
  simTimeMs: number;
  speed: number;
  hintsRevealed: number;
  hintsTotal: number;
  goals: GoalStateShape[];
  score: ScoreStateShape;
  cluster: ClusterStateShape;
  players: Map<string, PlayerStateShape>;
  feed: FeedEntryShape[];
  /** Contest seats: the contest's join code, and the level's position (1-based) of `levelCount`. */
  contest: string;
  levelNumber: number;
  levelCount: number;
}

export interface LeaderboardRowShape {
  rank: number;
  seat: string;
  name: string;
  level: number;
  levelId: string;
  solved: number;
  score: number;
  timeMs: number;
}

/** Contest class analytics: how many seats have met one goal of one level (`total`: every seat). */
export interface GoalTallyShape {
  key: string;
  levelId: string;
  goalId: string;
  text: string;
  met: number;
  total: number;
}

/** `contest` rooms. */
export interface ContestRoomStateShape {
  phase: Phase;
  mode: "individual" | "teams";
  levels: string[];
  timeLimitMs: number;
  /** Wall-clock ms left (0 in the lobby and at the end). */
  remainingMs: number;
  /** The public leaderboard is frozen (the host receives `leaderboard:live`). */
  frozen: boolean;
  leaderboard: LeaderboardRowShape[];
  /** Class analytics, in level then goal order (the host sorts them by fewest met). */
  goalTallies: GoalTallyShape[];
  players: Map<string, PlayerStateShape>;
}
