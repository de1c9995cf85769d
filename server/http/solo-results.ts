/**
 * Solo results are not trusted: the browser sends the level, seed and command log, and the
 * server replays them (the simulation is deterministic) to compute the score itself.
 */
import { z } from "zod";
import { replaySession } from "../../shared/game/session.ts";
import type { Level } from "../../shared/levels/schema.ts";
import { LIMITS } from "../../shared/protocol/names.ts";
import { sanitizeName } from "../../shared/protocol/sanitize.ts";
import { hashString } from "../../shared/util/canonical.ts";
import type { Result } from "../../shared/util/result.ts";
import { err, ok } from "../../shared/util/result.ts";
import type { ResultRecord } from "../persistence/journal.ts";

export const soloResultSchema = z.strictObject({
  name: z.string().max(200).optional(),
  levelId: z.string().min(1).max(100),
  seed: z.number().int().min(0).max(2 ** 31 - 1),
  log: z
    .array(
      z.strictObject({
        tick: z.number().int().min(0),
        line: z.string().min(1).max(LIMITS.lineLength),
        stdin: z.string().max(LIMITS.stdinBytes).optional(),
        type: z.literal("hint").optional(),
        refused: z.boolean().optional(),
        exitCode: z.number().int().optional(),
        player: z.string().max(200).optional(),
      }),
    )
    .max(2_000),
});
export type SoloResultInput = z.infer<typeof soloResultSchema>;

/** How long after the last command the replay waits for the goals to hold (simulated). */
const SETTLE_AFTER_LAST_MS = 10 * 60_000;

export function verifySoloResult(level: Level, input: SoloResultInput): Result<Omit<ResultRecord, "finishedAtMs">, string> {
  for (let i = 1; i < input.log.length; i++) if (input.log[i].tick < input.log[i - 1].tick) return err(`log[${i}]: ticks must not go backwards`);
  const name = sanitizeName(input.name, "anonymous");
  const log = input.log.map((e) => ({ tick: e.tick, player: name, line: e.line, exitCode: 0, ...(e.stdin !== undefined ? { stdin: e.stdin } : {}), ...(e.type ? { type: e.type } : {}), ...(e.refused ? { refused: true } : {}) }));
  const session = replaySession(level, input.seed, log);
  const msPerTick = session.cluster.state.msPerTick;
  const lastTick = Math.max(session.cluster.tickCount, log.at(-1)?.tick ?? 0);
  const limitTick = lastTick + Math.ceil((SETTLE_AFTER_LAST_MS + level.stableWindowSeconds * 1000) / msPerTick);
  while (!session.solved() && session.cluster.tickCount < limitTick) session.tick(10);
  const score = session.score();
  return ok({
    roomId: "solo",
    sessionId: `solo-${hashString(`${level.id}|${input.seed}|${JSON.stringify(log)}`).slice(0, 16)}`,
    playerName: name,
    levelId: level.id,
    score,
    solved: session.solved(),
    durationMs: session.state.resolvedTick !== undefined ? (session.state.resolvedTick - session.state.startTick) * msPerTick : Math.round(session.elapsedSeconds * 1000),
  });
}
