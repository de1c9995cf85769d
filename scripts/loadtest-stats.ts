/**
 * Numbers for the load test: quantiles of samples, quantiles of a Prometheus histogram between
 * two scrapes, counters/gauges from /metrics text, and CPU/RSS of local processes from /proc.
 */
import fs from "node:fs";
import os from "node:os";

export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return NaN;
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

/** Sum of every series of `name` (any labels) in Prometheus text. */
export function metricSum(text: string, name: string): number | undefined {
  let total: number | undefined;
  for (const line of text.split("\n")) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (rest[0] !== " " && rest[0] !== "{") continue;
    const v = Number(line.slice(line.lastIndexOf(" ") + 1));
    if (Number.isFinite(v)) total = (total ?? 0) + v;
  }
  return total;
}

/** Cumulative bucket counts of histogram `name` by upper bound (seconds), summed over labels. */
export function histogramBuckets(text: string, name: string): Map<number, number> {
  const out = new Map<number, number>();
  const re = new RegExp(`^${name}_bucket\\{(?:.*,)?le="([^"]+)"(?:,.*)?\\} (\\S+)`);
  for (const line of text.split("\n")) {
    const m = re.exec(line);
    if (!m) continue;
    const le = m[1] === "+Inf" ? Infinity : Number(m[1]);
    out.set(le, (out.get(le) ?? 0) + Number(m[2]));
  }
  return out;
}

/** Quantile of the observations made between two scrapes, interpolated inside its bucket. */
export function histogramQuantile(before: Map<number, number>, after: Map<number, number>, q: number): number {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const cum = bounds.map((b) => (after.get(b) ?? 0) - (before.get(b) ?? 0));
  const total = cum[cum.length - 1] ?? 0;
  if (total <= 0) return NaN;
  const rank = q * total;
  for (let i = 0; i < bounds.length; i++) {
    if (cum[i] >= rank) {
      const lo = i === 0 ? 0 : bounds[i - 1];
      const hi = bounds[i] === Infinity ? lo : bounds[i];
      const below = i === 0 ? 0 : cum[i - 1];
      const inBucket = cum[i] - below;
      return inBucket > 0 ? lo + ((hi - lo) * (rank - below)) / inBucket : hi;
    }
  }
  return bounds[bounds.length - 2] ?? NaN;
}

export interface ProcSample {
  cpuSeconds: number;
  rssBytes: number;
}

/** CPU time (user+system, this process and reaped children) and RSS of a local PID. */
export function sampleProc(pid: number): ProcSample | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    const rssPages = Number(fields[21]);
    return { cpuSeconds: ticks / 100, rssBytes: rssPages * 4096 };
  } catch {
    return undefined;
  }
}

export const cores = () => os.cpus().length;

export function fmt(n: number, digits = 1): string {
  return Number.isFinite(n) ? n.toFixed(digits) : "n/a";
}
