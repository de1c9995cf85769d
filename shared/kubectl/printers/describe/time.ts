import { formatTimestamp, parseTimestamp } from "../../../k8s/time.ts";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAY_MS = 86_400_000;

/**
 * time.RFC1123Z (`Mon, 02 Jan 2006 15:04:05 -0700`) in UTC, without Date. kubectl prints in the
 * local zone of the machine it runs on; the game's terminal is in UTC.
 */
export function formatRFC1123Z(ms: number): string {
  const iso = formatTimestamp(ms); // YYYY-MM-DDTHH:MM:SSZ
  const weekday = DAYS[(((Math.floor(ms / DAY_MS) + 4) % 7) + 7) % 7]; // 1970-01-01 was a Thursday
  return `${weekday}, ${iso.slice(8, 10)} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)} ${iso.slice(11, 19)} +0000`;
}

/** A stored timestamp as describe prints it; a missing one is Go's zero time, as kubectl shows it. */
export function describeTime(ts: string | null | undefined): string {
  const ms = ts ? parseTimestamp(ts) : NaN;
  return Number.isNaN(ms) ? "Mon, 01 Jan 0001 00:00:00 +0000" : formatRFC1123Z(ms);
}
