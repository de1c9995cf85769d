/** The teacher's "goals most missed" list: fewest met first, as "goal — met by 3/12". */
import { describe, expect, it } from "vitest";
import { goalMissLines } from "../../../client/net/class-analytics.ts";

const tally = (goalId: string, met: number, total: number, levelId = "lv") => ({ key: `${levelId}/${goalId}`, levelId, goalId, text: `goal ${goalId}`, met, total });

describe("goalMissLines", () => {
  it("lists goals fewest met first with the count of students", () => {
    const lines = goalMissLines([tally("a", 9, 12), tally("b", 3, 12), tally("c", 12, 12)]);
    expect(lines.map((l) => l.line)).toEqual(["goal b — met by 3/12", "goal a — met by 9/12", "goal c — met by 12/12"]);
  });

  it("keeps the contest's order between goals met equally often", () => {
    expect(goalMissLines([tally("x", 1, 3, "l1"), tally("y", 1, 3, "l2")]).map((l) => l.key)).toEqual(["l1/x", "l2/y"]);
  });

  it("shows at most `limit` lines and skips tallies of an empty class", () => {
    expect(goalMissLines([tally("a", 0, 0), tally("b", 1, 2), tally("c", 0, 2)], 1).map((l) => l.key)).toEqual(["lv/c"]);
  });
});
