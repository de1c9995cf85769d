/**
 * Semantic checks of a loaded level, beyond its schema: every object a fault, goal or ref names
 * exists (in the manifests, the nodes or the system namespaces), network fault params fit
 * their catalogue entry, and — with `play: true` — the level actually works: the cluster builds,
 * the player meets failing goals, the reference solution reaches them within 3 × par.
 */
import { KINDS } from "../k8s/kinds.ts";
import { SYSTEM_NAMESPACES } from "../sim/cluster.ts";
import { levelBlueprint } from "../game/build.ts";
import { autoplay } from "../game/autoplay.ts";
import { createSession } from "../game/session.ts";
import { manifestIs } from "./faults/apply.ts";
import { levelImages, levelManifests } from "./addons.ts";
import { checkNetworkFault } from "./faults/net-adapter.ts";
import { AVAILABLE_NETWORK_GOALS } from "./goals/net-adapter.ts";
import type { GoalKind } from "./goals/schema.ts";
import { goalSubjects } from "./relevance.ts";
import { formatRef, type LevelObjectRef } from "./refs.ts";
import type { Level } from "./schema.ts";

export const NETWORK_GOAL_KINDS: ReadonlySet<GoalKind> = new Set(["connectivity", "dnsResolves", "requestSuccessRate", "sloBudgetRemaining"]);

/** Goal kinds this build cannot evaluate yet (the level cannot be solved until shared/net provides them). */
export function unavailableGoals(level: Level): string[] {
  return level.goals.filter((g) => NETWORK_GOAL_KINDS.has(g.kind) && !AVAILABLE_NETWORK_GOALS.has(g.kind)).map((g) => g.id);
}

export interface ValidationReport {
  problems: string[];
  /** Notes that are not errors (a level waiting for the network model). */
  notes: string[];
  /** With play: seconds the reference solution took, and its score. */
  solvedInSeconds?: number;
  score?: number;
}

function exists(level: Level, ref: LevelObjectRef): boolean {
  if (ref.kind === "Node") return level.cluster.nodes.some((n) => n.name === ref.name);
  if (ref.kind === "Namespace" && SYSTEM_NAMESPACES.includes(ref.name)) return true;
  return levelManifests(level).some((m) => manifestIs(m, ref));
}

export function checkReferences(level: Level): string[] {
  const problems: string[] = [];
  const need = (ref: LevelObjectRef, where: string) => {
    if (!exists(level, ref)) problems.push(`${where}: ${formatRef(ref)} is not among the level's manifests or nodes`);
  };
  const namespaces = new Set(level.cluster.manifests.filter((m) => m.kind === "Namespace").map((m) => (m.metadata as { name: string }).name));
  for (const [i, m] of level.cluster.manifests.entries()) {
    const ns = (m.metadata as { namespace?: string }).namespace;
    if (ns && KINDS[m.kind as keyof typeof KINDS]?.namespaced && !SYSTEM_NAMESPACES.includes(ns) && !namespaces.has(ns)) problems.push(`cluster.manifests[${i}]: namespace "${ns}" is never created`);
  }
  const allFaults = [...level.faults.map((f, i) => [f, `faults[${i}]`] as const), ...level.timeline.map((t, i) => [t.fault, `timeline[${i}].fault`] as const)];
  for (const [f, where] of allFaults) {
    if (f.kind === "patchObject" || f.kind === "deleteObject") need(f.target, where);
    if (f.kind === "setKubelet" || f.kind === "taintNode" || f.kind === "cordonNode") need({ kind: "Node", name: f.node }, where);
    if ((f.kind === "inflateMemory" || f.kind === "patchImage") && !Object.keys(levelImages(level)).some((k) => k === f.image)) problems.push(`${where}: image ${f.image} is not among cluster.images`);
    if (f.kind === "network") problems.push(...checkNetworkFault(f.name, f.params).map((p) => `${where}: ${p}`));
  }
  level.goals.forEach((g, i) => {
    for (const ref of goalSubjects(g)) need(ref, `goals[${i}]`);
    if (g.kind === "objectUnchanged") need(g.target, `goals[${i}]`);
  });
  for (const [i, r] of (level.healthy ?? []).entries()) need(r, `healthy[${i}]`);
  for (const [i, r] of (level.relevant ?? []).entries()) need(r, `relevant[${i}]`);
  const bp = levelBlueprint(level);
  if (!bp.ok) problems.push(...bp.error);
  return problems;
}

export function validateLevel(level: Level, opts: { play?: boolean; seed?: number } = {}): ValidationReport {
  const report: ValidationReport = { problems: checkReferences(level), notes: [] };
  const waiting = unavailableGoals(level);
  if (waiting.length) report.notes.push(`goals ${waiting.join(", ")} need parts of the network model not available in this build: the level cannot be solved yet`);
  if (!opts.play || report.problems.length) return report;
  try {
    const s = createSession(level, { seed: opts.seed });
    if (s.goals().every((g) => g.holding)) report.problems.push("every goal already holds when the player arrives: the faults cause no symptom");
  } catch (e) {
    report.problems.push(`the cluster does not build: ${e instanceof Error ? e.message : String(e)}`);
    return report;
  }
  if (waiting.length) return report;
  const r = autoplay(level, level.solution, { seed: opts.seed, inspectFirst: true });
  for (const f of r.failedSteps) report.problems.push(`solution step failed: ${f.line}: ${f.stderr.trim()}`);
  if (!r.solved) report.problems.push(`the reference solution does not reach the goals within 3 × par (${level.parTimeSeconds * 3}s): ${r.session.goals().filter((g) => !g.met).map((g) => `${g.id}: ${g.detail}`).join("; ")}`);
  else {
    report.solvedInSeconds = r.seconds;
    report.score = r.score.total;
  }
  return report;
}
