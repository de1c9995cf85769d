import { describe, expect, it } from "vitest";
import { nanosHex } from "../../../shared/sim/events.ts";

describe("event names", () => {
  it.each([
    [0, 0],
    [0, 1],
    [1_735_722_000_000, 1],
    [1_735_722_000_100, 999_999],
    [16_777_215, 1_000_000],
    [16_777_216, 123_456_789],
    [4_102_444_800_000, 2 ** 31],
  ])("end in the unix nanoseconds (ms %d + sequence %d) in hex, exactly as BigInt arithmetic gives them", (ms, seq) => {
    expect(nanosHex(ms, seq)).toBe((BigInt(ms) * 1_000_000n + BigInt(seq)).toString(16));
  });
});
