/**
 * Contest class analytics: for each level and goal, how many seats have met it, so the teacher
 * sees which goal most students miss. Seats report the goals of the levels they have played
 * (directory.ts `SeatGoalReport`); every seat counts in the total, so a seat that has not
 * reached a level counts as not having met its goals.
 *
 * Simplification: a goal appears once some seat has reached its level (the texts come from the
 * seats' reports, which are the session's own goal texts).
 */
import type { GoalTallyShape } from "../../shared/protocol/state.ts";
import type { SeatGoalReport } from "./directory.ts";

/** `levels`: the contest's level ids in play order; `reports`: one list per seat (undefined: nothing reported yet). */
export function tallyGoals(levels: readonly string[], reports: readonly (readonly SeatGoalReport[] | undefined)[]): GoalTallyShape[] {
  const tallies = new Map<string, GoalTallyShape & { order: number }>();
  let order = 0;
  for (const report of reports) {
    for (const g of report ?? []) {
      const key = `${g.levelId}/${g.id}`;
      let t = tallies.get(key);
      if (!t) tallies.set(key, (t = { key, levelId: g.levelId, goalId: g.id, text: g.text, met: 0, total: reports.length, order: order++ }));
      if (g.met) t.met += 1;
    }
  }
  const levelIndex = (id: string) => {
    const i = levels.indexOf(id);
    return i < 0 ? levels.length : i;
  };
  return [...tallies.values()]
    .sort((a, b) => levelIndex(a.levelId) - levelIndex(b.levelId) || a.order - b.order)
    .map(({ order: _o, ...t }) => t);
}
