/**
 * client-go's flowcontrol.Backoff for one key, as the kubelet uses it for container restarts
 * (kuberuntime_manager.go doBackOff) and image pulls (images/image_manager.go): 10 s doubling
 * up to 300 s, forgotten when nothing happened for twice the maximum (so a container that ran
 * 10 minutes without trouble starts again from 10 s).
 */
import type { BackoffEntry } from "./runtime.ts";

/** kubelet backOffPeriod and MaxContainerBackOff. */
export const INITIAL_BACKOFF_MS = 10_000;
export const MAX_BACKOFF_MS = 300_000;

function hasExpired(eventMs: number, entry: BackoffEntry, maxMs: number): boolean {
  return eventMs - entry.lastUpdateMs > maxMs * 2;
}

/** Backoff.Next: the entry after one more failure at `eventMs` (lastUpdate is now). */
export function nextBackoff(
  entry: BackoffEntry | undefined,
  eventMs: number,
  nowMs: number,
  initialMs = INITIAL_BACKOFF_MS,
  maxMs = MAX_BACKOFF_MS,
): BackoffEntry {
  if (!entry || hasExpired(eventMs, entry, maxMs)) return { durationMs: initialMs, lastUpdateMs: nowMs };
  return { durationMs: Math.min(entry.durationMs * 2, maxMs), lastUpdateMs: nowMs };
}

/** Backoff.IsInBackOffSince: still waiting, counting from `eventMs` (a container's finishedAt). */
export function isInBackOffSince(entry: BackoffEntry | undefined, eventMs: number, nowMs: number, maxMs = MAX_BACKOFF_MS): boolean {
  if (!entry || hasExpired(eventMs, entry, maxMs)) return false;
  return nowMs - eventMs < entry.durationMs;
}

/** Backoff.IsInBackOffSinceUpdate: still waiting, counting from the last failure (image pulls). */
export function isInBackOffSinceUpdate(entry: BackoffEntry | undefined, nowMs: number, maxMs = MAX_BACKOFF_MS): boolean {
  if (!entry || hasExpired(nowMs, entry, maxMs)) return false;
  return nowMs - entry.lastUpdateMs < entry.durationMs;
}

/** Go's time.Duration.String() for whole milliseconds: "500ms", "1.4s", "5m0s", "1h0m0s". */
export function goDuration(ms: number): string {
  ms = Math.trunc(ms);
  if (ms === 0) return "0s";
  const sign = ms < 0 ? "-" : "";
  ms = Math.abs(ms);
  if (ms < 1000) return `${sign}${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const secMs = ms % 60_000;
  const whole = Math.floor(secMs / 1000);
  const frac = secMs % 1000;
  const s = frac === 0 ? `${whole}` : `${whole}.${String(frac).padStart(3, "0").replace(/0+$/, "")}`;
  if (h > 0) return `${sign}${h}h${m}m${s}s`;
  if (m > 0) return `${sign}${m}m${s}s`;
  return `${sign}${s}s`;
}
