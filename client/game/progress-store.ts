/**
 * Solo progress kept in the browser (localStorage): best score and stars per level. A broken
 * or foreign value is ignored, never trusted.
 */
export interface LevelRecord {
  bestScore: number;
  stars: number;
  /** Simulated seconds of the best run. */
  bestSeconds?: number;
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const KEY = "crashloop.progress.v1";

export class ProgressStore {
  constructor(private readonly storage: KeyValueStore | undefined) {}

  all(): Record<string, LevelRecord> {
    try {
      const raw = this.storage?.getItem(KEY);
      const parsed: unknown = raw ? JSON.parse(raw) : {};
      if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return {};
      const out: Record<string, LevelRecord> = {};
      for (const [id, v] of Object.entries(parsed as Record<string, unknown>)) {
        const r = v as Partial<LevelRecord>;
        if (typeof r?.bestScore === "number" && typeof r.stars === "number") out[id] = { bestScore: r.bestScore, stars: Math.max(0, Math.min(3, Math.round(r.stars))), ...(typeof r.bestSeconds === "number" ? { bestSeconds: r.bestSeconds } : {}) };
      }
      return out;
    } catch {
      return {};
    }
  }

  get(levelId: string): LevelRecord | undefined {
    return this.all()[levelId];
  }

  /** Keep the better of the stored and the new result; true when it is a new best. */
  record(levelId: string, result: { score: number; stars: number; seconds: number }): boolean {
    const all = this.all();
    const prev = all[levelId];
    const better = !prev || result.score > prev.bestScore;
    all[levelId] = {
      bestScore: better ? result.score : prev.bestScore,
      stars: Math.max(prev?.stars ?? 0, result.stars),
      ...(better ? { bestSeconds: result.seconds } : prev?.bestSeconds !== undefined ? { bestSeconds: prev.bestSeconds } : {}),
    };
    try {
      this.storage?.setItem(KEY, JSON.stringify(all));
    } catch {
      // Private mode or a full quota: progress is a nicety, the game goes on.
    }
    return better;
  }
}
