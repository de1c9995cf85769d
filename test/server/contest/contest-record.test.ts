import { describe, expect, it } from "vitest";
import { clockAfterPhase, clockElapsedMs, contestRecordConfig, parseContestRecordConfig } from "../../../server/contest/contest-record.ts";
import { contestCreateSchema } from "../../../shared/protocol/messages.ts";

describe("a contest's journal record", () => {
  it("reads back the settings, seed, levels, clock and seats it was written with", () => {
    const options = contestCreateSchema.parse({ levels: ["a", "b"], seed: 7, mode: "teams", timeLimitMinutes: 20 });
    const written = { options, seed: 7, levels: ["a", "b"], clock: { startedAtMs: 1_000, elapsedMs: 500, runningSinceMs: 2_000 }, seats: [{ seat: "s1", name: "ada", team: "red", tokenHashes: ["f".repeat(64)] }] };
    const back = parseContestRecordConfig(JSON.parse(JSON.stringify(contestRecordConfig(written))));
    expect(back).toEqual({ ok: true, value: written });
  });

  it("refuses a record without its seed or levels", () => {
    expect(parseContestRecordConfig({ levels: ["a"] })).toMatchObject({ ok: false });
  });
});

describe("the contest clock", () => {
  it("counts running time only, across pauses and wall time while running", () => {
    let c = clockAfterPhase({ elapsedMs: 0 }, true, 10_000);
    expect(clockElapsedMs(c, 12_500)).toBe(2_500);
    c = clockAfterPhase(c, false, 13_000);
    expect(c).toEqual({ startedAtMs: 10_000, elapsedMs: 3_000 });
    expect(clockElapsedMs(c, 99_000)).toBe(3_000);
    c = clockAfterPhase(c, true, 20_000);
    expect(c).toEqual({ startedAtMs: 10_000, elapsedMs: 3_000, runningSinceMs: 20_000 });
    expect(clockElapsedMs(c, 21_000)).toBe(4_000);
  });
});
