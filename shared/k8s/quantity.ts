/**
 * resource.Quantity (apimachinery pkg/api/resource: quantity.go, amount.go, suffix.go).
 *
 * Values are held exactly, as `mantissa × 10^exponent` with a bigint mantissa, so parsing and
 * canonical printing match Kubernetes digit for digit ("1.5Gi" ⇒ "1536Mi", "0.1m" ⇒ "1m").
 * Numbers only appear at the edges: `parseQuantity` returns a float for convenience, and the
 * integer helpers round the way Value()/MilliValue() do (away from zero).
 */

export type QuantityFormat = "DecimalExponent" | "BinarySI" | "DecimalSI";

/** An exact quantity. `text` is the input when Kubernetes would print it back unchanged. */
export interface Quantity { mantissa: bigint; exponent: number; format: QuantityFormat; text?: string }

export const ERR_QUANTITY_FORMAT = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const ERR_QUANTITY_NUMERIC = "unable to parse numeric part of quantity";
export const ERR_QUANTITY_SUFFIX = "unable to parse quantity's suffix";

const MAX_INT64 = 2n ** 63n - 1n;
const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";

/** parseQuantityString: a permissive scanner; the suffix is checked afterwards. */
function scan(str: string): { positive: boolean; value: string; num: string; denom: string; suffix: string } {
  let pos = 0;
  let positive = true;
  if (str[0] === "-" || str[0] === "+") { positive = str[0] === "+"; pos++; }
  while (str[pos] === "0") pos++;
  if (pos >= str.length) return { positive, value: "0", num: "0", denom: "", suffix: "" };
  const numStart = pos;
  while (isDigit(str[pos])) pos++;
  const num = str.slice(numStart, pos) || "0";
  let denom = "";
  if (str[pos] === ".") {
    const start = ++pos;
    while (isDigit(str[pos])) pos++;
    denom = str.slice(start, pos);
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  while (pos < str.length && "eEinumkKMGTP".includes(str[pos])) pos++;
  if (str[pos] === "-" || str[pos] === "+") pos++;
  while (isDigit(str[pos])) pos++;
  if (pos < str.length) throw new Error(ERR_QUANTITY_FORMAT);
  return { positive, value, num, denom, suffix: str.slice(suffixStart) };
}

/** suffixer.interpret; exponents must fit a negatable int32, as in current Kubernetes. */
function interpret(s: string): { base: 2 | 10; exp: number; format: QuantityFormat } | null {
  if (Object.hasOwn(DECIMAL_SUFFIXES, s)) return { base: 10, exp: DECIMAL_SUFFIXES[s], format: "DecimalSI" };
  const bin = BINARY_SUFFIXES.indexOf(s);
  if (bin > 0) return { base: 2, exp: bin * 10, format: "BinarySI" };
  if (s.length > 1 && (s[0] === "e" || s[0] === "E") && /^[+-]?[0-9]+$/.test(s.slice(1))) {
    const exp = Number(s.slice(1));
    if (Math.abs(exp) <= 2 ** 31 - 1) return { base: 10, exp, format: "DecimalExponent" };
  }
  return null;
}

/** The decimal a JS number stands for: integers exactly, fractions by their shortest spelling. */
function decimalOf(n: number): { mantissa: bigint; exponent: number } {
  if (Number.isInteger(n)) return { mantissa: BigInt(n), exponent: 0 };
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(n));
  if (!m) throw new RangeError(`not a finite number: ${n}`);
  const frac = m[3] ?? "";
  return { mantissa: BigInt(m[1] + m[2] + frac), exponent: Number(m[4] ?? 0) - frac.length };
}

const abs = (v: bigint) => (v < 0n ? -v : v);
const pow10 = (n: number) => 10n ** BigInt(n);
/** |m| / 10^shift rounded away from zero; avoids building 10^shift when it dwarfs m. */
function divAwayFromZero(m: bigint, shift: number): bigint {
  if (m === 0n) return 0n;
  const sign = m < 0n ? -1n : 1n;
  if (shift > abs(m).toString().length) return sign;
  const d = pow10(shift);
  const q = abs(m) / d;
  return sign * (abs(m) % d === 0n ? q : q + 1n);
}

/** ParseQuantity. Throws Kubernetes' error texts. Numbers (from YAML) are read exactly. */
export function parseQuantityExact(input: string | number): Quantity {
  // A YAML number reaches Kubernetes as its JSON text ("0.5", "1e+21"): parse that text.
  if (typeof input === "number" && !Number.isFinite(input)) throw new Error(ERR_QUANTITY_FORMAT);
  const str = String(input);
  if (str === "") throw new Error(ERR_QUANTITY_FORMAT);
  if (str === "0") return { mantissa: 0n, exponent: 0, format: "DecimalSI", text: "0" };
  const { positive, value, num, denom, suffix } = scan(str);
  const sfx = interpret(suffix);
  if (!sfx) throw new Error(ERR_QUANTITY_SUFFIX);
  let { format } = sfx;

  // The int64 fast path: no rounding needed. It also decides whether the input string is
  // already canonical, which is the only time Kubernetes prints the input back verbatim.
  let precision = -1;
  let scale = 0;
  let mult = 1n;
  if (sfx.base === 10) { scale = sfx.exp; precision = 18 - (num.length + denom.length); }
  else if (denom.length === 0) { mult = 1n << BigInt(sfx.exp); precision = 15 - num.length - Math.trunc((sfx.exp * 3) / 10) - 1; }
  if (precision >= 0 && scale - denom.length >= -9) {
    scale -= denom.length;
    const shifted = num + denom;
    const v = BigInt(shifted);
    const result = v * mult;
    if (result <= MAX_INT64) {
      const canonical = format === "BinarySI" ? sfx.exp % 10 === 0 && (v & 7n) !== 0n
        : scale % 3 === 0 && !shifted.endsWith("000") && shifted[0] !== "0";
      const q: Quantity = { mantissa: positive ? result : -result, exponent: scale, format };
      if (canonical) q.text = str;
      return q;
    }
  }

  // The inf.Dec path: exact, then rounded up to 1n and capped for BinarySI.
  const dec = /^[+-]?(\d*)\.?(\d*)$/.exec(value);
  if (!dec || dec[1] + dec[2] === "") throw new Error(ERR_QUANTITY_NUMERIC);
  let mantissa = BigInt(dec[1] + dec[2]);
  let exponent = 0 - dec[2].length;
  if (sfx.base === 10) exponent += sfx.exp;
  else mantissa <<= BigInt(sfx.exp);
  if (mantissa !== 0n && exponent < -9) { mantissa = divAwayFromZero(mantissa, -9 - exponent); exponent = -9; }
  if (format === "BinarySI" && compare(mantissa, exponent, MAX_INT64) > 0) { mantissa = MAX_INT64; exponent = 0; }
  if (format === "BinarySI" && mantissa !== 0n && compare(mantissa, exponent, 1n) < 0) format = "DecimalSI";
  return { mantissa: positive ? mantissa : -mantissa, exponent, format };
}

/** Sign of m·10^e − n for m ≥ 0, n > 0, deciding by digit counts before building powers of ten. */
function compare(m: bigint, e: number, n: bigint): number {
  if (m === 0n) return -1;
  const digits = m.toString().length + e;
  const nDigits = n.toString().length;
  if (digits !== nDigits) return digits > nDigits ? 1 : -1;
  const left = e >= 0 ? m * pow10(e) : m;
  const right = e >= 0 ? n : n * pow10(-e);
  return left === right ? 0 : left > right ? 1 : -1;
}

/** Quantity.String(): the canonical form (CanonicalizeBytes), or the input if already canonical. */
export function formatQuantityExact(q: Quantity): string {
  if (q.text !== undefined) return q.text;
  if (q.mantissa === 0n) return "0";
  let format = q.format;
  let integer = 0n;
  if (format === "BinarySI") {
    if (compare(abs(q.mantissa), q.exponent, 1024n) < 0) format = "DecimalSI";
    else if (q.exponent < 0 && q.mantissa % pow10(-q.exponent) !== 0n) format = "DecimalSI"; // would round
    else integer = q.exponent >= 0 ? q.mantissa * pow10(q.exponent) : q.mantissa / pow10(-q.exponent);
  }
  if (format === "BinarySI") {
    let times = 0;
    while (integer % 1024n === 0n) { integer /= 1024n; times++; }
    // Beyond Ei there is no binary suffix: fall back to exponent notation, never drop magnitude.
    if (times < BINARY_SUFFIXES.length) return `${integer}${BINARY_SUFFIXES[times]}`;
    format = "DecimalExponent";
  }
  // AsCanonicalBytes: strip factors of ten, then make the exponent a multiple of 3.
  let m = q.mantissa;
  let e = q.exponent;
  while (m % 10n === 0n) { m /= 10n; e++; }
  while (e % 3 !== 0) { m *= 10n; e--; }
  const si = Object.entries(DECIMAL_SUFFIXES).find(([, exp]) => exp === e);
  if (format === "DecimalSI" && si) return `${m}${si[0]}`;
  return e === 0 ? `${m}` : `${m}e${e}`; // DecimalExponent, or DecimalSI beyond E / below n
}

// ---- conveniences over the exact form ----

/** Value in base units (cores, bytes) as a float: "250m" ⇒ 0.25, "128Mi" ⇒ 134217728. */
export function parseQuantity(q: string | number): number {
  const { mantissa, exponent } = parseQuantityExact(q);
  return Number(`${mantissa}e${exponent}`);
}

/** ScaledValue(scale): ceil away from zero of value / 10^scale. */
function scaledValue(q: Quantity, scale: number): number {
  const shift = q.exponent - scale;
  if (shift >= 0) return shift > 400 ? (q.mantissa === 0n ? 0 : q.mantissa > 0n ? Infinity : -Infinity) : Number(q.mantissa * pow10(shift));
  return Number(divAwayFromZero(q.mantissa, -shift));
}
/** MilliValue(): integer milli-units, rounded away from zero ("0.1m" ⇒ 1, "1500m" ⇒ 1500). */
export function parseQuantityMillis(q: string | number): number {
  return scaledValue(parseQuantityExact(q), -3);
}
/** Value(): integer base units, rounded away from zero ("1500m" ⇒ 2, "128Mi" ⇒ 134217728). */
export function parseQuantityBytes(q: string | number): number {
  return scaledValue(parseQuantityExact(q), 0);
}

/** What Quantity.String() returns for a parsed input: "1000m" ⇒ "1", "1.5Gi" ⇒ "1536Mi", "1e3" ⇒ "1e3". */
export function canonicalizeQuantity(q: string | number): string {
  return formatQuantityExact(parseQuantityExact(q));
}

/** A base-unit value printed in the given format, as NewQuantity(...).String() would. */
export function formatQuantity(value: number, format: QuantityFormat = "DecimalSI"): string {
  return formatQuantityExact({ ...decimalOf(value), format });
}
/** NewMilliQuantity(m, DecimalSI).String(): 250 ⇒ "250m", 1500 ⇒ "1500m", 2000 ⇒ "2". */
export function formatCpuMillis(millis: number): string {
  const { mantissa, exponent } = decimalOf(millis);
  return formatQuantityExact({ mantissa, exponent: exponent - 3, format: "DecimalSI" });
}
/**
 * Bytes as NewQuantity(bytes, BinarySI or DecimalSI).String(): 134217728 ⇒ "128Mi"; 1e9 ⇒
 * "1000000000" in BinarySI (no power-of-1024 factor) but "1G" in DecimalSI. Kubernetes keeps the
 * format a quantity was written in; state keeps only integers, so to echo what a player wrote,
 * keep their string and use `canonicalizeQuantity`.
 */
export function formatBytes(bytes: number, preferBinary = true): string {
  return formatQuantity(bytes, preferBinary ? "BinarySI" : "DecimalSI");
}
