/**
 * Contest class analytics: seats report their goals, the contest counts for each level and goal
 * how many students have met it, in room state for the teacher's host view.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootTestServer, FIX_LINE, kubectl, nextMessage, waitForState, type TestServer } from "../support/server-builders.ts";
import { tallyGoals } from "../../server/contest/analytics.ts";

let srv: TestServer;
beforeAll(async () => {
  srv = await bootTestServer(25717);
});
afterAll(async () => {
  await srv.colyseus.shutdown();
});

describe("contest class analytics", () => {
  it("counts how many of three students met each goal once one of them solved the level", async () => {
    const teacher = await srv.colyseus.sdk.create("contest", { name: "Teacher", levels: ["tiny-selector"], timeLimitMinutes: 30, autoStart: true });
    await nextMessage(teacher, "host");
    const students = [];
    for (const name of ["ana", "ben", "cy"]) {
      const lobby = await srv.colyseus.sdk.joinById(teacher.roomId, { name });
      const info = await nextMessage(lobby, "contest:seat");
      const seat = await srv.colyseus.sdk.joinById(info.roomId, { seatToken: info.seatToken, name });
      students.push({ lobby, seat });
    }
    const before = await waitForState(teacher, (s: any) => s.goalTallies.length > 0 && s.goalTallies.every((t: any) => t.total === 3));
    expect(before.goalTallies.every((t: any) => t.met === 0 && t.levelId === "tiny-selector" && t.text.length > 0)).toBe(true);

    expect((await kubectl(students[0].seat, FIX_LINE)).exitCode).toBe(0);
    const after = await waitForState(teacher, (s: any) => s.goalTallies.length > 0 && s.goalTallies.every((t: any) => t.met === 1), 10_000);
    expect(after.goalTallies.map((t: any) => [t.met, t.total])).toEqual(after.goalTallies.map(() => [1, 3]));
    await Promise.all([teacher.leave(), ...students.flatMap((s) => [s.lobby.leave(), s.seat.leave()])]);
  });
});

describe("tallyGoals", () => {
  const g = (levelId: string, id: string, met: boolean) => ({ levelId, id, text: `${levelId} ${id}`, met });

  it("counts every seat in the total, in the contest's level order, seats without a report meeting nothing", () => {
    const tallies = tallyGoals(["a", "b"], [[g("b", "g1", true), g("a", "g1", true)], [g("a", "g1", false)], undefined]);
    expect(tallies.map((t) => [t.key, t.met, t.total])).toEqual([
      ["a/g1", 1, 3],
      ["b/g1", 1, 3],
    ]);
  });

  it("is empty before any seat reports", () => {
    expect(tallyGoals(["a"], [undefined, undefined])).toEqual([]);
  });
});
