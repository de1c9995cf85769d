/**
 * What a contest keeps in its journal record (RoomRecord.config) so a restarted server can
 * restore it: the settings as created (with the seed and the levels it picked), the clock, and
 * each seat with the hashes of the seat tokens handed out for it (never the tokens).
 */
import { z } from "zod";
import { contestCreateSchema, type ContestCreateOptions } from "../../shared/protocol/messages.ts";

export const contestClockSchema = z.object({
  /** When the contest first ran (wall ms); absent while it has never started. */
  startedAtMs: z.number().optional(),
  /** Running time counted before `runningSinceMs`. */
  elapsedMs: z.number().min(0).default(0),
  /** Wall ms the current running stretch began; absent while paused or in the lobby. */
  runningSinceMs: z.number().optional(),
});
export type ContestClock = z.output<typeof contestClockSchema>;

export const contestSeatRecordSchema = z.object({
  seat: z.string().min(1),
  /** The student who opened the seat (in team mode, the team's first member). */
  name: z.string(),
  team: z.string().default(""),
  /** sha-256 of every seat token handed out for this seat (a restart hands out a new one). */
  tokenHashes: z.array(z.string().length(64)).min(1),
});
export type ContestSeatRecord = z.output<typeof contestSeatRecordSchema>;

const restoreSchema = z.object({
  seed: z.number().int(),
  levels: z.array(z.string()).min(1),
  clock: contestClockSchema.default({ elapsedMs: 0 }),
  seats: z.array(contestSeatRecordSchema).default([]),
});

export interface ContestRecordConfig {
  options: ContestCreateOptions;
  seed: number;
  levels: string[];
  clock: ContestClock;
  seats: ContestSeatRecord[];
}

/** The journal's config object for a contest. */
export function contestRecordConfig(c: ContestRecordConfig): Record<string, unknown> {
  return { ...c.options, seed: c.seed, levels: [...c.levels], clock: { ...c.clock }, seats: c.seats.map((s) => ({ ...s, tokenHashes: [...s.tokenHashes] })) };
}

/** Reads a contest's journal config back; an error message when it cannot be restored from. */
export function parseContestRecordConfig(config: unknown): { ok: true; value: ContestRecordConfig } | { ok: false; error: string } {
  const options = contestCreateSchema.safeParse(config ?? {});
  const rest = restoreSchema.safeParse(config ?? {});
  if (!options.success) return { ok: false, error: `settings: ${options.error.message}` };
  if (!rest.success) return { ok: false, error: `clock or seats: ${rest.error.message}` };
  return { ok: true, value: { options: options.data, ...rest.data } };
}

/** Running time so far: the stretches counted before plus the current one. */
export function clockElapsedMs(clock: ContestClock, nowMs: number): number {
  return clock.elapsedMs + (clock.runningSinceMs !== undefined ? Math.max(0, nowMs - clock.runningSinceMs) : 0);
}

/** The clock after a phase change at `nowMs`: only "running" counts time. */
export function clockAfterPhase(clock: ContestClock, running: boolean, nowMs: number): ContestClock {
  const elapsedMs = clockElapsedMs(clock, nowMs);
  if (!running) return { ...(clock.startedAtMs !== undefined ? { startedAtMs: clock.startedAtMs } : {}), elapsedMs };
  return { startedAtMs: clock.startedAtMs ?? nowMs, elapsedMs, runningSinceMs: nowMs };
}
