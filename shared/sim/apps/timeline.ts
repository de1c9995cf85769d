import type { FileEvent, PlanCycle, ProcessPlan } from "./plan.ts";
import { renderMarkers } from "./shell/markers.ts";

/**
 * Reading a plan's timeline at a moment: the files that exist and the log lines written so far.
 * One-off events are few (a script's prefix); periodic ones are computed from the cycle, so the
 * cost does not grow with how long the process has run.
 */

/** Lines kept per container, like the kubelet's log rotation bounds what `kubectl logs` can return. */
export const MAX_LOG_LINES = 10_000;

export interface LogQuery {
  /** Only lines written at or after this offset (`kubectl logs --since`). */
  sinceMs?: number;
  /** Only the last N lines (`kubectl logs --tail`). */
  tail?: number;
}

function cycleEnd(c: PlanCycle, runningForMs: number): number {
  return c.untilMs === undefined ? runningForMs : Math.min(runningForMs, c.untilMs - 1);
}

export function logsAt(plan: ProcessPlan, runningForMs: number, query: LogQuery = {}): { atMs: number; line: string }[] {
  const since = query.sinceMs ?? 0;
  const max = Math.min(query.tail ?? MAX_LOG_LINES, MAX_LOG_LINES);
  if (max <= 0) return [];
  const once = plan.logs.filter(([at]) => at >= since && at <= runningForMs).map(([at, line]) => ({ atMs: at, line: render(plan, line, at, 0) }));
  const periodic: { atMs: number; line: string }[] = [];
  const c = plan.cycle;
  if (c && c.logs.length > 0) {
    const end = cycleEnd(c, runningForMs);
    const lastK = Math.floor((end - c.startMs) / c.periodMs);
    // Newest first, stopping once enough lines are collected or before `since`.
    for (let k = lastK; k >= 0 && periodic.length < max; k--) {
      const iterStart = c.startMs + k * c.periodMs;
      if (iterStart + c.periodMs <= since) break;
      for (let i = c.logs.length - 1; i >= 0 && periodic.length < max; i--) {
        const at = iterStart + c.logs[i][0];
        if (at > end || at < since) continue;
        periodic.push({ atMs: at, line: render(plan, c.logs[i][1], at, k) });
      }
    }
    periodic.reverse();
  }
  const merged: { atMs: number; line: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < once.length || j < periodic.length) {
    if (j >= periodic.length || (i < once.length && once[i].atMs <= periodic[j].atMs)) merged.push(once[i++]);
    else merged.push(periodic[j++]);
  }
  return merged.length > max ? merged.slice(merged.length - max) : merged;
}

function render(plan: ProcessPlan, text: string, atMs: number, iteration: number): string {
  return renderMarkers(text, plan.startedAtUnixMs + atMs, iteration);
}

/**
 * Files at `runningForMs`: those present at start, then for each path the latest write or removal
 * among the script's one-off events, its periodic cycle and `overlay` (changes made by `exec`,
 * at offsets from the same start), whichever happened last.
 */
export function filesAt(plan: ProcessPlan, runningForMs: number, overlay: FileEvent[] = []): Map<string, string> {
  const latest = new Map<string, { at: number; content: string | null; iteration: number }>();
  const consider = (path: string, at: number, content: string | null, iteration: number) => {
    const cur = latest.get(path);
    if (!cur || at >= cur.at) latest.set(path, { at, content, iteration });
  };
  for (const [path, content] of Object.entries(plan.files)) consider(path, -1, content, 0);
  for (const [at, path, content] of plan.fileEvents) if (at <= runningForMs) consider(path, at, content, 0);
  const c = plan.cycle;
  if (c && c.files.length > 0 && runningForMs >= c.startMs) {
    const end = cycleEnd(c, runningForMs);
    const k = Math.floor((end - c.startMs) / c.periodMs);
    const phase = end - c.startMs - k * c.periodMs;
    // Latest occurrence of each path: in the current iteration up to `phase`, else in the previous one.
    for (let i = 0; i < c.files.length; i++) {
      const [off, path, content] = c.files[i];
      if (off <= phase) consider(path, c.startMs + k * c.periodMs + off, content, k);
      else if (k >= 1) consider(path, c.startMs + (k - 1) * c.periodMs + off, content, k - 1);
    }
  }
  for (const [at, path, content] of overlay) if (at <= runningForMs) consider(path, at, content, 0);
  const files = new Map<string, string>();
  for (const path of [...latest.keys()].sort()) {
    const e = latest.get(path)!;
    if (e.content !== null) files.set(path, render(plan, e.content, Math.max(0, e.at), e.iteration));
  }
  return files;
}
