import { humanDuration } from "../duration.ts";
import { parseTimestamp } from "../time.ts";

/**
 * translateTimestampSince (pkg/printers/internalversion/printers.go): how long ago `ts` was,
 * as the AGE column prints it. A missing (zero) time is `<unknown>`; an unparsable one too,
 * since Go would have refused to decode it and left the zero time.
 */
export function translateTimestampSince(ts: string | null | undefined, nowMs: number): string {
  if (!ts) return "<unknown>";
  const ms = parseTimestamp(ts);
  if (Number.isNaN(ms)) return "<unknown>";
  return humanDuration(nowMs - ms);
}

/** translateTimestampUntil: how long until `ts` (`<unknown>` when missing). */
export function translateTimestampUntil(ts: string | null | undefined, nowMs: number): string {
  if (!ts) return "<unknown>";
  const ms = parseTimestamp(ts);
  if (Number.isNaN(ms)) return "<unknown>";
  return humanDuration(ms - nowMs);
}
