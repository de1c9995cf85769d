/**
 * /healthz: the server can serve players when its database answers and its presence (local or
 * Redis) accepts a write and reads it back. Each check has a time limit so a hung dependency
 * reports as down instead of hanging the probe.
 */
import type { Presence } from "@colyseus/core";
import type { RoomJournal } from "../persistence/journal.ts";
import { isDurableJournal } from "../persistence/journal.ts";

export interface CheckResult {
  ok: boolean;
  ms: number;
  detail?: string;
}

export interface HealthReport {
  status: "ok" | "down";
  checks: Record<string, CheckResult>;
}

export interface HealthSources {
  journal?: RoomJournal;
  presence?: Presence;
  timeoutMs?: number;
}

async function timed(fn: () => Promise<unknown>, timeoutMs: number): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([fn(), limit]);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (e) {
    return { ok: false, ms: Math.round(performance.now() - started), detail: (e as Error).message ?? String(e) };
  } finally {
    clearTimeout(timer);
  }
}

async function presenceRoundTrip(presence: Presence): Promise<void> {
  const key = `crashloop:healthz:${process.pid}`;
  const value = String(Date.now());
  await presence.setex(key, value, 10);
  const read = await presence.get(key);
  if (read !== value) throw new Error("presence did not return the value just written");
}

export function createHealthCheck(sources: HealthSources): () => Promise<HealthReport> {
  const timeoutMs = sources.timeoutMs ?? 2000;
  return async () => {
    const checks: Record<string, CheckResult> = {};
    const { journal, presence } = sources;
    const pending: Promise<void>[] = [];
    if (journal) {
      const ping = isDurableJournal(journal) ? () => journal.ping() : async () => undefined;
      pending.push(timed(ping, timeoutMs).then((r) => void (checks.database = r)));
    }
    if (presence) pending.push(timed(() => presenceRoundTrip(presence), timeoutMs).then((r) => void (checks.presence = r)));
    await Promise.all(pending);
    return { status: Object.values(checks).every((c) => c.ok) ? "ok" : "down", checks };
  };
}
