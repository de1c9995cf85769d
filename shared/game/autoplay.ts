/**
 * Playing a level headlessly: run kubectl steps (a reference solution, a tempting wrong fix) as
 * a player would, then let the simulation run until the incident is resolved or time is up.
 * Used by the level tests, `levels solve`, and the generator's solvability check.
 */
import type { KubectlStep, Level } from "../levels/schema.ts";
import type { ScoreBreakdown } from "./session.ts";
import { createSession, type LevelSession } from "./session.ts";

export interface AutoplayResult {
  solved: boolean;
  /** Simulated seconds from arrival until resolved (or until time ran out). */
  seconds: number;
  score: ScoreBreakdown;
  /** Steps that kubectl refused (exit code ≠ 0), with their stderr. */
  failedSteps: { line: string; stderr: string }[];
  session: LevelSession;
}

/** Look first (as a careful SRE would), so a reference run earns its diagnosis credit. */
export function diagnosisLines(level: Level): string[] {
  const ns = new Set<string>();
  for (const m of level.cluster.manifests) ns.add(((m.metadata as { namespace?: string } | undefined)?.namespace) ?? "default");
  return [...ns].sort().flatMap((n) => [`kubectl get all,endpointslices,ingress,configmaps,secrets,networkpolicies,nodes -n ${n}`, `kubectl get events -n ${n}`]);
}

export function autoplay(level: Level, steps: readonly KubectlStep[], opts: { seed?: number; maxSeconds?: number; inspectFirst?: boolean } = {}): AutoplayResult {
  const session = createSession(level, { seed: opts.seed });
  const failedSteps: AutoplayResult["failedSteps"] = [];
  if (opts.inspectFirst) for (const line of diagnosisLines(level)) session.run(line, { player: "autoplay" });
  for (const step of steps) {
    const r = session.run(step.line, { player: "autoplay", ...(step.stdin !== undefined ? { stdin: step.stdin } : {}) });
    if (r.exitCode !== 0) failedSteps.push({ line: step.line, stderr: r.stderr });
    if (step.waitSeconds) session.advance(step.waitSeconds * 1000);
  }
  const maxSeconds = opts.maxSeconds ?? level.parTimeSeconds * 3;
  while (!session.solved() && session.elapsedSeconds < maxSeconds) session.advance(1000);
  return { solved: session.solved(), seconds: session.elapsedSeconds, score: session.score(), failedSteps, session };
}
