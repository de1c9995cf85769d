/**
 * The levels bundled with the client (levels/*.yaml as text, parsed with the shared loader), for
 * solo play offline. The menu lists them by category and difficulty.
 */
import { loadLevel, formatProblem } from "../../shared/levels/loader.ts";
import type { Level } from "../../shared/levels/schema.ts";

export interface CatalogueEntry {
  id: string;
  title: string;
  category: string;
  difficulty: number;
  parTimeSeconds: number;
  tags: string[];
  level: Level;
}

export interface Catalogue {
  entries: CatalogueEntry[];
  /** Files that failed to load (shown in the console, never a crash). */
  problems: string[];
}

/** Build the catalogue from file texts (path → YAML). Sorted by category, then difficulty, then title. */
export function buildCatalogue(files: Record<string, string>): Catalogue {
  const entries: CatalogueEntry[] = [];
  const problems: string[] = [];
  for (const [path, text] of Object.entries(files)) {
    const r = loadLevel(text, path.split("/").pop() ?? path);
    if (!r.ok) {
      problems.push(...r.error.map(formatProblem));
      continue;
    }
    const lv = r.value;
    entries.push({ id: lv.id, title: lv.title, category: lv.category, difficulty: lv.difficulty, parTimeSeconds: lv.parTimeSeconds, tags: lv.tags, level: lv });
  }
  entries.sort((a, b) => a.category.localeCompare(b.category) || a.difficulty - b.difficulty || a.title.localeCompare(b.title));
  return { entries, problems };
}

export function groupByCategory(entries: readonly CatalogueEntry[]): [string, CatalogueEntry[]][] {
  const groups = new Map<string, CatalogueEntry[]>();
  for (const e of entries) (groups.get(e.category) ?? groups.set(e.category, []).get(e.category)!).push(e);
  return [...groups.entries()];
}

/** The bundled level files (Vite inlines them as strings). */
export function bundledLevelFiles(): Record<string, string> {
  return import.meta.glob("../../levels/*.yaml", { query: "?raw", import: "default", eager: true }) as Record<string, string>;
}

/**
 * "Random incident": a seeded pick when no level generator exists in shared/ yet. The same
 * seed gives the same level and the same cluster seed.
 */
export function pickRandomLevel(entries: readonly CatalogueEntry[], seed: number): { entry: CatalogueEntry; seed: number } | undefined {
  if (entries.length === 0) return undefined;
  const s = Math.abs(Math.floor(seed)) >>> 0;
  // An integer hash (lowbias32): neighbouring seeds land on unrelated levels.
  let x = s;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return { entry: entries[(x >>> 0) % entries.length], seed: s };
}
