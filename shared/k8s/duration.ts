/**
 * The durations kubectl prints (AGE, "Last Seen", "x3 over 5m"), ported from apimachinery
 * pkg/util/duration/duration.go. Input is simulated milliseconds (fractions allowed); Go takes
 * nanoseconds, but every branch truncates to whole seconds or coarser, so the results agree.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Go's int(float) and integer division both truncate toward zero. */
const trunc = Math.trunc;

/**
 * Up to 2 s in the future still reads "0s", as Kubernetes tolerates clock skew between machines;
 * further in the future is "<invalid>". Non-finite input has no Go counterpart and is "<invalid>".
 */
function presentOrInvalid(ms: number): string | undefined {
  if (!Number.isFinite(ms)) return "<invalid>";
  const seconds = trunc(ms / SECOND);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  return undefined;
}

/** ShortHumanDuration: one unit only ("59s", "1m", "23h", "364d", "2y"). */
export function shortHumanDuration(ms: number): string {
  const early = presentOrInvalid(ms);
  if (early !== undefined) return early;
  const seconds = trunc(ms / SECOND);
  if (seconds < 60) return `${seconds}s`;
  const minutes = trunc(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = trunc(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${trunc(hours / 24)}d`;
  return `${trunc(ms / HOUR / 24 / 365)}y`;
}

/**
 * HumanDuration, the AGE column: about 2–3 significant figures ("119s", "3m10s", "70m",
 * "7h59m", "47h", "2d1h", "8d", "729d", "2y1d", "8y").
 */
export function humanDuration(ms: number): string {
  const early = presentOrInvalid(ms);
  if (early !== undefined) return early;
  const seconds = trunc(ms / SECOND);
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const dy = days % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${years}y`;
}
