/**
 * Procedural incidents. Solving a generated level takes ~0.4 s, so the suite generates and
 * validates 200 seeds (schema, references, same seed ⇒ same level) and plays a seeded sample of
 * 20 of them fully: the goals fail at first, the reference solution reaches them within 3 × par,
 * doing nothing and restarting everything do not.
 */
import { describe, expect, it } from "vitest";
import { autoplay } from "../../shared/game/autoplay.ts";
import { createSession } from "../../shared/game/session.ts";
import { canonicalJSON } from "../../shared/util/canonical.ts";
import { generateLevel } from "../../shared/levels/generator/generate.ts";
import { checkReferences } from "../../shared/levels/validate.ts";

const SEEDS = Array.from({ length: 200 }, (_, i) => i + 1);
const SAMPLE = SEEDS.filter((s) => s % 10 === 3);

describe("generated incidents", () => {
  it("generate 200 valid levels whose every reference exists", () => {
    for (const seed of SEEDS) {
      const lv = generateLevel(seed, { difficulty: 1 + (seed % 5) });
      expect(checkReferences(lv), `seed ${seed}`).toEqual([]);
      expect(lv.solution.length).toBeGreaterThan(0);
      expect(lv.faults.length).toBe(lv.difficulty >= 4 ? 2 : 1);
    }
  });

  it("are the same level for the same seed, and differ across seeds", () => {
    expect(canonicalJSON(generateLevel(42, { difficulty: 3 }))).toBe(canonicalJSON(generateLevel(42, { difficulty: 3 })));
    expect(canonicalJSON(generateLevel(42, { difficulty: 3 }))).not.toBe(canonicalJSON(generateLevel(43, { difficulty: 3 })));
  });

  it("draw faults only from the requested categories", () => {
    for (const seed of SEEDS.slice(0, 40)) expect(generateLevel(seed, { categories: ["probes", "rollout"] }).tags.filter((t) => t !== "generated").every((t) => t === "probes" || t === "rollout")).toBe(true);
    expect(() => generateLevel(1, { categories: ["overlay-network"] })).toThrow(/can be generated/);
  });

  it.each(SAMPLE)("seed %i: broken at first, solved by its reference solution, not by doing nothing or restarting everything", (seed) => {
    const lv = generateLevel(seed, { difficulty: 1 + (seed % 5) });
    expect(createSession(lv).goals().every((g) => g.holding)).toBe(false);
    const r = autoplay(lv, lv.solution);
    expect(r.failedSteps).toEqual([]);
    expect(r.solved).toBe(true);
    expect(r.seconds).toBeLessThanOrEqual(lv.parTimeSeconds * 3);
    expect(autoplay(lv, []).solved).toBe(false);
    expect(autoplay(lv, lv.wrongFixes[0].steps).solved).toBe(false);
  });
});
