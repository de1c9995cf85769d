/**
 * Display names and chat text as the server stores them: trimmed, control and bidi-override
 * characters removed, whitespace collapsed, cut to a length in characters (not UTF-16 units).
 * Markup is not special: `<b>x</b>` stays those seven characters, and every client renders
 * names and chat as text, never as HTML.
 */
import { LIMITS } from "./names.ts";

/** C0/C1 controls, zero-width and bidi formatting characters (which can disguise a name). */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

export function sanitizeText(raw: unknown, maxChars: number): string {
  if (typeof raw !== "string") return "";
  const cleaned = raw.replace(INVISIBLE, " ").replace(/\s+/g, " ").trim();
  return [...cleaned].slice(0, maxChars).join("").trim();
}

/** A display name, or `fallback` when nothing printable is left. */
export function sanitizeName(raw: unknown, fallback: string): string {
  return sanitizeText(raw, LIMITS.nameLength) || fallback;
}
