/**
 * Every level in levels/: it loads; the player meets a cluster that fails the goals; the
 * reference solution reaches them within 3 × par; doing nothing does not; and no tempting
 * wrong fix (restart everything, delete the pods) does.
 * Levels whose goals need parts of the network model this build cannot evaluate yet (traffic
 * statistics, DNS) are skipped until shared/levels/goals/net-adapter.ts is wired to them.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { autoplay } from "../../shared/game/autoplay.ts";
import { createSession } from "../../shared/game/session.ts";
import { formatProblem, loadLevel } from "../../shared/levels/loader.ts";
import { unavailableGoals } from "../../shared/levels/validate.ts";
import { CATEGORIES, type Level } from "../../shared/levels/schema.ts";

const DIR = join(import.meta.dirname, "../../levels");
const files = readdirSync(DIR).filter((f) => f.endsWith(".yaml")).sort();
const levels: Level[] = files.map((f) => {
  const r = loadLevel(readFileSync(join(DIR, f), "utf8"), `levels/${f}`);
  if (!r.ok) throw new Error(r.error.map(formatProblem).join("\n"));
  return r.value;
});
const playable = levels.filter((lv) => unavailableGoals(lv).length === 0);

describe("the level collection", () => {
  it("has at least 20 levels with unique ids named after their files", () => {
    expect(levels.length).toBeGreaterThanOrEqual(20);
    expect(new Set(levels.map((l) => l.id)).size).toBe(levels.length);
    levels.forEach((lv, i) => expect(`${lv.id}.yaml`).toBe(files[i]));
  });

  it.each(["overlay-network", "selectors", "probes", "eviction"] as const)("has at least 3 %s levels", (cat) => {
    expect(levels.filter((l) => l.category === cat).length).toBeGreaterThanOrEqual(3);
  });

  it("covers every category at least once, from easy to hard", () => {
    for (const cat of CATEGORIES.filter((c) => c !== "nodes" && c !== "workloads")) expect(levels.some((l) => l.category === cat), cat).toBe(true);
    expect(Math.min(...levels.map((l) => l.difficulty))).toBe(1);
    expect(Math.max(...levels.map((l) => l.difficulty))).toBeGreaterThanOrEqual(4);
  });

  it("has at least one tempting wrong fix per level", () => {
    for (const lv of levels) expect(lv.wrongFixes.length, lv.id).toBeGreaterThan(0);
  });
});

describe.each(playable.map((lv) => [lv.id, lv] as const))("level %s", (_id, level) => {
  it("meets the player with goals that do not hold", () => {
    const s = createSession(level);
    expect(s.goals().every((g) => g.holding && g.met)).toBe(false);
    expect(s.solved()).toBe(false);
  });

  it("is solved by its reference solution within 3 × par", () => {
    const r = autoplay(level, level.solution, { inspectFirst: true });
    expect(r.failedSteps).toEqual([]);
    expect(r.solved).toBe(true);
    expect(r.seconds).toBeLessThanOrEqual(level.parTimeSeconds * 3);
    expect(r.score.stars).toBe(3);
  });

  it("is not solved by doing nothing", () => {
    expect(autoplay(level, []).solved).toBe(false);
  });

  it.each(level.wrongFixes.map((w) => [w.name, w] as const))("is not solved by the tempting wrong fix: %s", (_name, w) => {
    expect(autoplay(level, w.steps).solved).toBe(false);
  });
});
