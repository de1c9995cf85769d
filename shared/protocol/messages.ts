/**
 * zod schemas of everything a client may send (room options and messages), and the types of
 * what the server sends back. The server validates every message against these; the client and
 * bots may use them to type what they build. Types are inferred, never declared twice.
 */
import { z } from "zod";
import { faultSchema } from "../levels/faults/schema.ts";
import { CONTROL_ACTIONS, LIMITS, ROLES } from "./names.ts";
import type { ErrorCode } from "./names.ts";
import type { KubectlResult, HintView, ScoreBreakdown } from "../game/session.ts";

const name = z.string().max(200);
const token = z.string().min(1).max(128);

// ----- room options (client.create / join / joinById) -----

export const drillCreateSchema = z
  .object({
    name: name.optional(),
    levelId: z.string().min(1).max(100).optional(),
    /** A generated drill: the level and the cluster seed come from this number. */
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
    /** Start running at once instead of waiting in the lobby for the facilitator's `start`. */
    autoStart: z.boolean().optional(),
    speed: z.number().min(LIMITS.minSpeed).max(LIMITS.maxSpeed).optional(),
  })
  .refine((o) => o.levelId !== undefined || o.seed !== undefined, { message: "expected levelId or seed" });
export type DrillCreateOptions = z.infer<typeof drillCreateSchema>;

export const joinSchema = z.object({
  name: name.optional(),
  /** Rejoin as the facilitator / teacher (after a reload). */
  hostToken: token.optional(),
  /** Contest in team mode: the team to join (created on first use). */
  team: name.optional(),
});
export type JoinOptions = z.infer<typeof joinSchema>;

export const contestCreateSchema = z
  .object({
    name: name.optional(),
    /** Levels in play order; or a seed that picks them. */
    levels: z.array(z.string().min(1).max(100)).min(1).max(20).optional(),
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
    /** How many levels a seed picks. */
    levelCount: z.number().int().min(1).max(10).default(3),
    timeLimitMinutes: z.number().min(1).max(600).default(45),
    mode: z.enum(["individual", "teams"]).default("individual"),
    /** Revealed hints cost points (off: hints are free). */
    hintCosts: z.boolean().default(true),
    /** The public leaderboard stops changing for the last N minutes (the host keeps seeing it live). */
    freezeLastMinutes: z.number().min(0).max(600).default(0),
    autoStart: z.boolean().optional(),
  })
  .refine((o) => o.levels !== undefined || o.seed !== undefined, { message: "expected levels or seed" });
export type ContestCreateOptions = z.infer<typeof contestCreateSchema>;

export const seatJoinSchema = z.object({ seatToken: token, name: name.optional() });

// ----- client → server messages -----

export const kubectlMessageSchema = z.strictObject({
  id: z.string().min(1).max(LIMITS.idLength),
  line: z.string().min(1).max(LIMITS.lineLength),
  stdin: z.string().max(LIMITS.stdinBytes).optional(),
});
export type KubectlMessage = z.infer<typeof kubectlMessageSchema>;

export const hintRequestSchema = z.union([z.strictObject({}), z.undefined(), z.null()]);

export const chatMessageSchema = z.strictObject({ text: z.string().min(1).max(LIMITS.chatLength) });

/** A map object: `pod/<ns>/<name>`, `svc/<ns>/<name>`, `ing/<ns>/<name>` or `node/<name>` (DNS-1123 names). */
export const PING_TARGET = /^(?:(?:pod|svc|ing)\/[a-z0-9][a-z0-9.-]*\/[a-z0-9][a-z0-9.-]*|node\/[a-z0-9][a-z0-9.-]*)$/;
export const pingMessageSchema = z.strictObject({ target: z.string().min(1).max(LIMITS.pingTargetLength).regex(PING_TARGET, "expected pod/<ns>/<name>, svc/<ns>/<name>, ing/<ns>/<name> or node/<name>") });
export type PingMessage = z.infer<typeof pingMessageSchema>;

const withToken = { token };
export const controlMessageSchema = z.discriminatedUnion("action", [
  z.strictObject({ ...withToken, action: z.literal("start") }),
  z.strictObject({ ...withToken, action: z.literal("pause") }),
  z.strictObject({ ...withToken, action: z.literal("resume") }),
  z.strictObject({ ...withToken, action: z.literal("end") }),
  z.strictObject({ ...withToken, action: z.literal("speed"), speed: z.number().min(LIMITS.minSpeed).max(LIMITS.maxSpeed) }),
  /** `timeline`: index in the level's timeline; `fault`: one from the catalogue. */
  z.strictObject({ ...withToken, action: z.literal("inject"), timeline: z.number().int().min(0).optional(), fault: faultSchema.optional() }),
  /** No text: reveal the level's next hint to everyone; text: the facilitator's own words. */
  z.strictObject({ ...withToken, action: z.literal("hint"), text: z.string().min(1).max(LIMITS.chatLength).optional() }),
  z.strictObject({ ...withToken, action: z.literal("role"), player: z.string().min(1).max(LIMITS.idLength), role: z.enum(ROLES) }),
]);
export type ControlMessage = z.infer<typeof controlMessageSchema>;
export const CONTROL_ACTION_LIST: readonly string[] = CONTROL_ACTIONS;

// ----- server → client messages -----

export interface KubectlResultMessage extends KubectlResult {
  id: string;
}
export type HintMessage = HintView & { from?: string };
export interface ErrorMessage {
  code: ErrorCode;
  message: string;
  /** The message type that was refused. */
  type?: string;
  /** The kubectl id, when a kubectl message was refused before it had one. */
  id?: string;
}
export interface WelcomeMessage {
  seat: string;
  name: string;
  role: string;
  host: boolean;
}
export interface ChatBroadcast {
  from: string;
  text: string;
  atMs: number;
}
/** Drill: `player` is the seat id, `name` the display name (show it as text), `atMs` simulated ms. */
export interface PingBroadcast {
  player: string;
  name: string;
  target: string;
  atMs: number;
}
export interface DebriefMessage {
  levelId: string;
  title: string;
  solved: boolean;
  score: ScoreBreakdown;
  /** Simulated time; player names as they were. */
  timeline: { tick: number; simTimeMs: number; type: string; text: string; player?: string; exitCode?: number }[];
  /** Goals met over time, sampled every simulated 5 s: the SLO curve. */
  curve: { simTimeMs: number; goalsMet: number; goalsHolding: number; goalsTotal: number; successRate?: number }[];
  debrief: { whatWentWrong: string; why: string; prevention: string; commands: string[] };
  solution: { line: string; stdin?: string }[];
}
