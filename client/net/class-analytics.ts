/**
 * The teacher's class analytics: which goals most students have not met yet, as short lines
 * "goal — met by 3/12", fewest met first (ties keep the level and goal order of the contest).
 */
import type { GoalTallyShape } from "../../shared/protocol/state.ts";

export interface GoalMissLine {
  key: string;
  text: string;
  met: number;
  total: number;
  /** `Service web has ready endpoints — met by 3/12`. */
  line: string;
}

export function goalMissLines(tallies: readonly GoalTallyShape[], limit = 5): GoalMissLine[] {
  return tallies
    .map((t, order) => ({ t, order }))
    .filter(({ t }) => t.total > 0)
    .sort((a, b) => a.t.met / a.t.total - b.t.met / b.t.total || a.order - b.order)
    .slice(0, limit)
    .map(({ t }) => ({ key: t.key, text: t.text, met: t.met, total: t.total, line: `${t.text} — met by ${t.met}/${t.total}` }));
}
