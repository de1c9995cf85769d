import { describe, expect, it } from "vitest";
import { leaderboardCsv, rankLeaderboard, type LeaderboardInput } from "../../../shared/protocol/leaderboard.ts";

const row = (seat: string, score: number, solved: number, timeMs: number, name = seat): LeaderboardInput => ({ seat, name, level: 1, levelId: "l", solved, score, timeMs });

describe("contest ranking", () => {
  it("orders by points, then levels solved, then less time", () => {
    const ranked = rankLeaderboard([row("a", 300, 1, 9_000), row("b", 500, 2, 50_000), row("c", 300, 2, 70_000), row("d", 300, 2, 60_000)]);
    expect(ranked.map((r) => [r.seat, r.rank])).toEqual([["b", 1], ["d", 2], ["c", 3], ["a", 4]]);
  });

  it("gives equal results the same rank and skips the next (1, 1, 3)", () => {
    const ranked = rankLeaderboard([row("x", 100, 1, 5_000, "zed"), row("y", 100, 1, 5_000, "amy"), row("z", 50, 1, 1_000)]);
    expect(ranked.map((r) => [r.name, r.rank])).toEqual([["amy", 1], ["zed", 1], ["z", 3]]);
  });

  it("exports CSV that spreadsheets read as text: quoted commas, no formulas", () => {
    const csv = leaderboardCsv(rankLeaderboard([row("a", 10, 1, 61_400, "=HYPERLINK(\"x\")"), row("b", 5, 0, 0, "Doe, Jane")]));
    expect(csv.split("\r\n")).toEqual(["rank,name,level,levelId,solved,score,timeSeconds", `1,"'=HYPERLINK(""x"")",1,l,1,10,61`, `2,"Doe, Jane",1,l,0,5,0`, ""]);
  });
});
