import { describe, expect, it } from "vitest";
import { budgetBurned, maxScore, scoreSession, starsFor, timeFactor } from "../../../shared/scoring/score.ts";
import type { CommandLogEntry } from "../../../shared/game/session.ts";
import { resolvedState, tinyLevel } from "../../support/levels-builders.ts";

const level = tinyLevel();
const log = (...lines: string[]): CommandLogEntry[] => lines.map((line, i) => ({ tick: i, player: "p", line, exitCode: 0 }));
const component = (b: ReturnType<typeof scoreSession>, id: string) => b.components.find((c) => c.id === id)!;
const FIX = "kubectl patch svc web -p '{}'";

describe("scoring a session", () => {
  it("gives 200 points of base per difficulty", () => {
    const s = scoreSession(level, log(FIX), resolvedState(60));
    expect(component(s, "base").points).toBe(400);
  });

  it.each([
    [60, 1],
    [120, 1],
    [240, 0.75],
    [360, 0.5],
    [1000, 0.5],
  ])("time factor at %ss against par 120s is %s", (seconds, factor) => {
    expect(timeFactor(seconds, 120)).toBeCloseTo(factor);
  });

  it("takes points for a slow fix, none at par", () => {
    expect(component(scoreSession(level, log(FIX), resolvedState(100)), "time").points).toBe(0);
    expect(component(scoreSession(level, log(FIX), resolvedState(240)), "time").points).toBe(-100);
  });

  it("burns error budget by the share of time the goals were failing, against 3 × par", () => {
    expect(budgetBurned(level, resolvedState(180))).toBeCloseTo(0.5);
    expect(component(scoreSession(level, log(FIX), resolvedState(180)), "errorBudget").points).toBe(-60);
    expect(budgetBurned(level, resolvedState(10_000))).toBe(1);
  });

  it("uses the SLO data when the traffic model provides it", () => {
    expect(budgetBurned(level, resolvedState(180, { sloBudgetBurned: 0.1 }))).toBeCloseTo(0.1);
  });

  it("subtracts each revealed hint's cost", () => {
    const s = scoreSession(level, log(FIX), resolvedState(60, { hintsRevealed: [0, 1] }));
    expect(component(s, "hints").points).toBe(-60);
  });

  it("takes a quarter of base per healthy object broken, at most the base", () => {
    const one = scoreSession(level, log(FIX), resolvedState(60, { collateral: [{ object: "service/other", what: "deleted", tick: 5 }] }));
    expect(component(one, "collateral")).toMatchObject({ points: -100, detail: "service/other deleted" });
    const many = Array.from({ length: 6 }, (_, i) => ({ object: `service/s${i}`, what: "deleted", tick: i }));
    expect(component(scoreSession(level, log(FIX), resolvedState(60, { collateral: many })), "collateral").points).toBe(-400);
  });

  it("credits inspecting the relevant objects before the first change, not after", () => {
    expect(component(scoreSession(level, log("kubectl describe svc web", FIX), resolvedState(60)), "diagnosis").points).toBe(80);
    expect(component(scoreSession(level, log(FIX, "kubectl describe svc web"), resolvedState(60)), "diagnosis").points).toBe(0);
  });

  it("penalises shotgun restarts beyond the first", () => {
    const s = scoreSession(level, log("kubectl delete pods -l app=web", "kubectl rollout restart deploy web", "kubectl delete pod web-1", FIX), resolvedState(60));
    expect(component(s, "shotgun").points).toBe(-40);
    expect(component(scoreSession(level, log("kubectl delete pod web-1", FIX), resolvedState(60)), "shotgun").points).toBe(0);
  });

  it("ignores refused commands and hint entries", () => {
    const entries: CommandLogEntry[] = [
      { tick: 0, player: "p", line: "kubectl delete pods --all", exitCode: 1, refused: true },
      { tick: 1, player: "p", line: "hint 1", exitCode: 0, type: "hint" },
      { tick: 2, player: "p", line: "kubectl get svc", exitCode: 0 },
    ];
    const s = scoreSession(level, entries, resolvedState(60));
    expect(component(s, "shotgun").points).toBe(0);
    expect(component(s, "diagnosis").points).toBe(80);
  });

  it("sums the components into the total, and awards stars by the share of the maximum", () => {
    const s = scoreSession(level, log("kubectl get endpointslices", FIX), resolvedState(30));
    expect(s.total).toBe(s.components.reduce((a, c) => a + c.points, 0));
    expect(s.max).toBe(maxScore(level));
    expect(s.stars).toBe(3);
    expect(starsFor(300, 480, true)).toBe(2);
    expect(starsFor(100, 480, true)).toBe(1);
  });

  it("gives nothing until the incident is resolved, while previewing the components", () => {
    const s = scoreSession(level, log(FIX), { ...resolvedState(60), resolvedTick: undefined, fixedTick: undefined });
    expect(s).toMatchObject({ total: 0, stars: 0, resolved: false });
    expect(component(s, "unresolved").points).toBe(-s.components.filter((c) => c.id !== "unresolved").reduce((a, c) => a + c.points, 0));
  });
});
