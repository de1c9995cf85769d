import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildCatalogue, groupByCategory, pickRandomLevel } from "../../../client/game/catalogue.ts";
import { ProgressStore, type KeyValueStore } from "../../../client/game/progress-store.ts";

const dir = join(import.meta.dirname, "..", "..", "..", "levels");
const files = Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith(".yaml")).map((f) => [`../../levels/${f}`, readFileSync(join(dir, f), "utf8")]));

describe("the bundled level catalogue", () => {
  const cat = buildCatalogue(files);

  it("loads every level file the client bundles", () => {
    expect(cat.problems).toEqual([]);
    expect(cat.entries).toHaveLength(Object.keys(files).length);
  });

  it("orders by category, then difficulty, then title", () => {
    const keys = cat.entries.map((e) => [e.category, e.difficulty, e.title] as const);
    const sorted = [...keys].sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1] || a[2].localeCompare(b[2]));
    expect(keys).toEqual(sorted);
    expect(groupByCategory(cat.entries).map(([c]) => c)).toEqual([...new Set(cat.entries.map((e) => e.category))]);
  });

  it("reports a broken file instead of failing", () => {
    const broken = buildCatalogue({ "bad.yaml": "id: Not Valid\n" });
    expect(broken.entries).toEqual([]);
    expect(broken.problems.length).toBeGreaterThan(0);
  });

  it("picks the same random incident for the same seed, and different ones across seeds", () => {
    expect(pickRandomLevel(cat.entries, 42)?.entry.id).toBe(pickRandomLevel(cat.entries, 42)?.entry.id);
    const ids = new Set(Array.from({ length: 30 }, (_, i) => pickRandomLevel(cat.entries, i)?.entry.id));
    expect(ids.size).toBeGreaterThan(5);
    expect(pickRandomLevel([], 1)).toBeUndefined();
  });
});

function memory(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe("solo progress in localStorage", () => {
  it("keeps the best score and the most stars", () => {
    const p = new ProgressStore(memory());
    expect(p.record("lv", { score: 150, stars: 2, seconds: 90 })).toBe(true);
    expect(p.record("lv", { score: 120, stars: 3, seconds: 60 })).toBe(false);
    expect(p.get("lv")).toEqual({ bestScore: 150, stars: 3, bestSeconds: 90 });
  });

  it("ignores broken or foreign stored values", () => {
    const m = memory();
    m.data.set("crashloop.progress.v1", "{not json");
    expect(new ProgressStore(m).all()).toEqual({});
    m.data.set("crashloop.progress.v1", JSON.stringify({ a: { bestScore: "x" }, b: { bestScore: 10, stars: 9 } }));
    expect(new ProgressStore(m).all()).toEqual({ b: { bestScore: 10, stars: 3 } });
  });

  it("works without storage (private mode)", () => {
    const p = new ProgressStore(undefined);
    expect(p.record("lv", { score: 1, stars: 1, seconds: 1 })).toBe(true);
    expect(p.all()).toEqual({});
  });
});
