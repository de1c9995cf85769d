import { describe, expect, it } from "vitest";
import { popTimer, pushTimer } from "../../../shared/sim/timers.ts";
import { nextInt, randomSuffix, safeEncodeString, seedRng, K8S_ALPHANUMS } from "../../../shared/sim/rng.ts";
import { formatTimestamp, parseTimestamp } from "../../../shared/k8s/time.ts";
import type { Timer } from "../../../shared/sim/state.ts";

describe("timer heap", () => {
  it("pops in (due, seq) order whatever the push order", () => {
    const heap: Timer[] = [];
    const input = [5, 1, 9, 1, 3, 7, 2, 2, 8].map((due, i) => ({ due, seq: i, controller: "c", key: `k${i}` }));
    for (const t of input) pushTimer(heap, t);
    const out: string[] = [];
    for (let t = popTimer(heap); t; t = popTimer(heap)) out.push(`${t.due}:${t.seq}`);
    expect(out).toEqual(["1:1", "1:3", "2:6", "2:7", "3:4", "5:0", "7:5", "8:8", "9:2"]);
  });
});

describe("seeded random generator", () => {
  it("repeats exactly for the same seed and differs for another", () => {
    const a = seedRng(42);
    const b = seedRng(42);
    const c = seedRng(43);
    const seqA = Array.from({ length: 20 }, () => nextInt(a, 1000));
    const seqB = Array.from({ length: 20 }, () => nextInt(b, 1000));
    const seqC = Array.from({ length: 20 }, () => nextInt(c, 1000));
    expect(seqA).toEqual(seqB);
    expect(seqA).not.toEqual(seqC);
  });

  it("draws name suffixes from Kubernetes' vowel-free alphabet", () => {
    const st = seedRng(7);
    for (let i = 0; i < 200; i++) {
      const s = randomSuffix(st);
      expect(s).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    }
  });

  it("spreads small integers over the whole range", () => {
    const st = seedRng(0);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 10_000; i++) counts[nextInt(st, 10)]++;
    for (const c of counts) expect(c).toBeGreaterThan(900);
  });

  it("encodes hashes like rand.SafeEncodeString", () => {
    // Each byte maps to alphanums[b % 27]: '0' (48) ⇒ index 21.
    expect(safeEncodeString("0")).toBe(K8S_ALPHANUMS[48 % 27]);
    expect(safeEncodeString("1234567890")).toHaveLength(10);
  });
});

describe("RFC 3339 timestamps without Date", () => {
  it.each([
    [0, "1970-01-01T00:00:00Z"],
    [951_782_400_000, "2000-02-29T00:00:00Z"],
    [1_735_722_000_000, "2025-01-01T09:00:00Z"],
    [4_102_444_799_000, "2099-12-31T23:59:59Z"],
  ])("%i ms formats as %s and parses back", (ms, text) => {
    expect(formatTimestamp(ms)).toBe(text);
    expect(parseTimestamp(text)).toBe(ms);
  });

  it("agrees with the platform's calendar on many dates", () => {
    for (let ms = 0; ms < 5e12; ms += 86_400_000 * 37 + 12_345_000) {
      expect(formatTimestamp(ms)).toBe(new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z"));
    }
  });

  it("applies offsets and rejects garbage", () => {
    expect(parseTimestamp("2025-01-01T10:00:00+01:00")).toBe(parseTimestamp("2025-01-01T09:00:00Z"));
    expect(parseTimestamp("yesterday")).toBeNaN();
  });
});
