/**
 * Names that are part of the wire protocol (docs/protocol.md): room names, message types,
 * roles and phases. Client, server and bots import them from here so a rename breaks the build,
 * not the game.
 */

export const ROOM = {
  drill: "drill",
  contest: "contest",
  /** One student's (or team's) cluster inside a contest; joined with the seat token `contest:seat` hands out. */
  contestSeat: "contest-seat",
} as const;

/** Client → server. */
export const C2S = {
  kubectl: "kubectl",
  hintRequest: "hint:request",
  control: "control",
  chat: "chat",
  /** Drill: point at an object on the map for everyone (`pod/ns/name`, `node/name`, `svc/ns/name`). */
  ping: "ping",
} as const;

/** Server → client. */
export const S2C = {
  kubectlResult: "kubectl:result",
  hint: "hint",
  /** To the creator only: the host token for `control` messages. */
  host: "host",
  /** To the joining client: who they are (seat id, name, role). */
  welcome: "welcome",
  chat: "chat",
  error: "error",
  debrief: "debrief",
  /** Contest: where this student's (or team's) cluster lives. */
  contestSeat: "contest:seat",
  /** Contest, host only: the live leaderboard while the public one is frozen. */
  leaderboardLive: "leaderboard:live",
  /** Contest: the final ranking (podium = first three). */
  podium: "podium",
  /** Contest seat: the next level of the contest has started on this seat's cluster. */
  level: "level",
  /** Drill: a player pointed at an object (to everyone, the sender included). */
  ping: "ping",
} as const;

export const PHASES = ["lobby", "running", "paused", "ended"] as const;
export type Phase = (typeof PHASES)[number];

export const ROLES = ["facilitator", "incident-commander", "operator", "communications", "observer"] as const;
export type Role = (typeof ROLES)[number];

export const CONTROL_ACTIONS = ["start", "pause", "resume", "speed", "inject", "hint", "role", "end"] as const;
export type ControlAction = (typeof CONTROL_ACTIONS)[number];

/** Codes of the `error` message (a client can switch on them; `message` is for people). */
export const ERROR_CODES = ["unknown-message", "malformed", "too-large", "forbidden", "rate-limited", "invalid-state", "not-found"] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Join codes: 6 characters without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B, U/V). */
export const JOIN_CODE_ALPHABET = "34679ACDEFGHJKMNPQRTWXY";
export const JOIN_CODE_LENGTH = 6;

export const LIMITS = {
  /** Ticks per second at speed 1× (100 ms of simulated time per tick). */
  ticksPerSecond: 10,
  minSpeed: 0.5,
  maxSpeed: 4,
  /** kubectl commands per client per second (a token bucket of this size, refilled at this rate). */
  commandsPerSecond: 10,
  nameLength: 24,
  lineLength: 2_000,
  /** YAML for `apply -f -` / a saved `edit`. */
  stdinBytes: 64 * 1024,
  chatLength: 280,
  /** Pings per client per second (a token bucket of this size, refilled at this rate). */
  pingsPerSecond: 2,
  /** A ping's target: `pod/<namespace>/<name>` is at most 1 + 63 + 1 + 253 + 4 characters. */
  pingTargetLength: 330,
  idLength: 64,
  /** Any client message as JSON; the WebSocket transport drops frames over `frameBytes`. */
  messageBytes: 80 * 1024,
  frameBytes: 128 * 1024,
  /** Recent command feed kept in room state. */
  feedLength: 20,
  reconnectSeconds: 60,
} as const;
