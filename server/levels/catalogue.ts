/**
 * The level catalogue the server plays from: every `levels/*.yaml` loaded and validated once at
 * start-up (a broken file is reported and left out, it does not stop the server). Tests may
 * build a catalogue from Level objects directly.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { formatProblem, loadLevel } from "../../shared/levels/loader.ts";
import type { Level } from "../../shared/levels/schema.ts";
import { unavailableGoals } from "../../shared/levels/validate.ts";

/** What `GET /api/levels` shows: never faults, hints or solutions. */
export interface LevelSummary {
  id: string;
  title: string;
  category: string;
  difficulty: number;
  parTimeSeconds: number;
  /** False when a goal needs a model this build lacks (the level cannot be won yet). */
  playable: boolean;
}

export class LevelCatalogue {
  private readonly byId = new Map<string, Level>();

  constructor(levels: readonly Level[], readonly problems: readonly string[] = []) {
    for (const lv of levels) this.byId.set(lv.id, lv);
  }

  get(id: string): Level | undefined {
    return this.byId.get(id);
  }

  list(): LevelSummary[] {
    return [...this.byId.values()]
      .map((lv) => ({ id: lv.id, title: lv.title, category: lv.category, difficulty: lv.difficulty, parTimeSeconds: lv.parTimeSeconds, playable: unavailableGoals(lv).length === 0 }))
      .sort((a, b) => a.difficulty - b.difficulty || a.id.localeCompare(b.id));
  }

  /** Playable levels in id order: what a seed chooses from. */
  playable(): Level[] {
    return [...this.byId.values()].filter((lv) => unavailableGoals(lv).length === 0).sort((a, b) => a.id.localeCompare(b.id));
  }

  /**
   * A generated drill: the seed picks the level and seeds its cluster.
   * Simplification: until a level generator exists, "generated" means chosen from the catalogue.
   */
  pickBySeed(seed: number, count = 1): Level[] {
    const pool = this.playable();
    if (pool.length === 0) return [];
    const out: Level[] = [];
    for (let i = 0; i < Math.min(count, pool.length); i++) {
      const idx = (seed + i * 7919) % pool.length;
      let j = idx;
      while (out.includes(pool[j])) j = (j + 1) % pool.length;
      out.push(pool[j]);
    }
    return out;
  }
}

export function loadCatalogue(dir: string): LevelCatalogue {
  const levels: Level[] = [];
  const problems: string[] = [];
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();
  } catch {
    problems.push(`${dir}: no level directory`);
  }
  for (const f of files) {
    const r = loadLevel(readFileSync(join(dir, f), "utf8"), `levels/${f}`);
    if (r.ok) levels.push(r.value);
    else problems.push(...r.error.map(formatProblem));
  }
  return new LevelCatalogue(levels, problems);
}
