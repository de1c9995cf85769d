/**
 * RFC 3339 timestamps (second precision, as metav1.Time serializes) without `Date`:
 * shared/ must not touch the clock, so civil-date arithmetic is done by hand
 * (Howard Hinnant's days_from_civil / civil_from_days).
 */
export function formatTimestamp(ms: number): string {
  const totalSec = Math.floor(ms / 1000);
  const days = Math.floor(totalSec / 86400);
  const secOfDay = totalSec - days * 86400;
  const [y, m, d] = civilFromDays(days);
  const hh = Math.floor(secOfDay / 3600);
  const mm = Math.floor((secOfDay % 3600) / 60);
  const ss = secOfDay % 60;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}T${pad(hh)}:${pad(mm)}:${pad(ss)}Z`;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the Unix epoch, or NaN when `s` is not RFC 3339. */
export function parseTimestamp(s: string): number {
  const m = RFC3339.exec(s);
  if (!m) return NaN;
  const days = daysFromCivil(+m[1], +m[2], +m[3]);
  let ms = ((days * 24 + +m[4]) * 60 + +m[5]) * 60_000 + +m[6] * 1000;
  if (m[7]) ms += Math.floor(Number(m[7]) * 1000);
  if (m[8] !== "Z" && m[8] !== "z") {
    const sign = m[8][0] === "-" ? -1 : 1;
    ms -= sign * (+m[8].slice(1, 3) * 60 + +m[8].slice(4, 6)) * 60_000;
  }
  return ms;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, "0");
}

function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const y = yoe + era * 400;
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [y + (m <= 2 ? 1 : 0), m, d];
}
