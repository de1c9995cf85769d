import { describe, expect, it } from "vitest";
import { seatResume } from "../../../server/contest/seat-resume.ts";
import { aCommand, aResult, aScore, aSession } from "../../support/journal-builders.ts";

const session = (sessionId: string) => ({ ...aSession({ sessionId }), log: [aCommand()] });

describe("where a contest seat resumes after a restart", () => {
  it("replays its highest level and counts the finished ones from their results", () => {
    const sessions = [session("s1.0"), session("s1.1"), session("s10.2"), session("s2.0")];
    const results = [aResult({ sessionId: "s1.0", score: aScore(300), solved: true, durationMs: 4_000 }), aResult({ sessionId: "s2.0", score: aScore(900) })];
    expect(seatResume("s1", sessions, results)).toEqual({ levelIndex: 1, session: sessions[1], done: { score: 300, solved: 1, timeMs: 4_000 }, finished: false });
  });

  it("stays finished when its current level already has a result", () => {
    const r = seatResume("s2", [session("s2.0")], [aResult({ sessionId: "s2.0", score: aScore(0), solved: false, durationMs: 9_000 })]);
    expect(r).toMatchObject({ levelIndex: 0, finished: true, done: { score: 0, solved: 0, timeMs: 9_000 } });
  });

  it("has nothing to resume for a seat without a session", () => {
    expect(seatResume("s3", [session("s1.0")], [])).toBeUndefined();
  });
});
