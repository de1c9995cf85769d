import { formatTimestamp } from "../../../k8s/time.ts";

/**
 * Text that depends on *when* it is read is stored with markers and rendered at query time, so a
 * plan stays small and periodic output needs no unrolling:
 *   DATE_MARKER          ⇒ the simulated wall-clock time at the moment the line is written (`date`);
 *   counterMarker(c, d)  ⇒ c + d·k, where k is the iteration number of a periodic loop (`i=$((i+1))`).
 * Markers use U+0001, which no shell script in a manifest contains.
 */
export const DATE_MARKER = "\u0001D\u0001";
const COUNTER = /\u0001C(-?\d+),(-?\d+)\u0001/g;
const ANY_MARKER = /\u0001/;

export function counterMarker(base: number, step: number): string {
  return `\u0001C${base},${step}\u0001`;
}

/** A value that is exactly one counter marker, as linear arithmetic reads it. */
export function parseCounterMarker(s: string): { base: number; step: number } | undefined {
  const m = /^\u0001C(-?\d+),(-?\d+)\u0001$/.exec(s);
  return m ? { base: Number(m[1]), step: Number(m[2]) } : undefined;
}

export function hasMarker(s: string): boolean {
  return ANY_MARKER.test(s);
}

/** Replace markers: `unixMs` is the wall-clock time of the write, `iteration` the loop iteration (0 outside loops). */
export function renderMarkers(s: string, unixMs: number, iteration: number): string {
  if (!hasMarker(s)) return s;
  return s
    .split(DATE_MARKER)
    .join(formatBusyboxDate(unixMs))
    .replace(COUNTER, (_m, c: string, d: string) => String(Number(c) + Number(d) * iteration));
}

const WEEKDAYS = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `date` in a container (TZ unset ⇒ UTC): `Wed Jan  1 09:00:05 UTC 2025` (`%a %b %e %H:%M:%S %Z %Y`). */
export function formatBusyboxDate(unixMs: number): string {
  const iso = formatTimestamp(unixMs); // 2025-01-01T09:00:05Z
  const days = Math.floor(Math.floor(unixMs / 1000) / 86400);
  const weekday = WEEKDAYS[((days % 7) + 7) % 7];
  const month = MONTHS[Number(iso.slice(5, 7)) - 1];
  const day = String(Number(iso.slice(8, 10))).padStart(2, " ");
  return `${weekday} ${month} ${day} ${iso.slice(11, 19)} UTC ${iso.slice(0, 4)}`;
}
