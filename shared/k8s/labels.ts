/**
 * Label selectors exactly as apimachinery implements them (pkg/labels/selector.go,
 * apis/meta/v1/helpers.go, api/validate/content/kube.go). Error texts are Kubernetes' own,
 * including field paths such as `values[0][app]` and the parser's `<nil>:` prefix, because
 * players compare what they see with real kubectl output.
 *
 * Hot paths (controllers, endpoint slices) should call `compileSelector` once and reuse the
 * returned function: `matchesSelector` re-parses string selectors on every call, since shared/
 * may not hold a module-level cache.
 */

/** selection.Operator, spelled as Kubernetes spells it (`gt`/`lt` come from `>`/`<`). */
export type SelectorOperator = "=" | "==" | "!=" | "in" | "notin" | "exists" | "!" | "gt" | "lt";
export interface LabelRequirement { key: string; operator: SelectorOperator; values: string[] }
export interface LabelSelectorRequirement { key: string; operator: "In" | "NotIn" | "Exists" | "DoesNotExist"; values?: string[] }
/** metav1.LabelSelector: null/undefined selects nothing, `{}` selects everything. */
export interface LabelSelector { matchLabels?: Record<string, string>; matchExpressions?: LabelSelectorRequirement[] }
export type Labels = Record<string, string>;

// ---- validation (content.IsLabelKey / IsLabelValue / IsDNS1123Subdomain) ----

const LABEL_KEY_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const LABEL_VALUE_FMT = `(${LABEL_KEY_FMT})?`;
const DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const LABEL_KEY_RE = new RegExp(`^${LABEL_KEY_FMT}$`);
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const LABEL_KEY_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/** content.RegexError, double spaces included ("'MyName',  or 'my.name'"). */
function regexError(msg: string, fmt: string, ...examples: string[]): string {
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(" or ")}regex used for validation is '${fmt}')`;
}
/** Go measures lengths in UTF-8 bytes, not UTF-16 units. */
function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) { n += 4; i++; }
    else n += 3;
  }
  return n;
}
const maxLenError = (n: number) => `must be no more than ${n} bytes`;

export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 253) errs.push(maxLenError(253));
  if (!DNS1123_SUBDOMAIN_RE.test(value)) {
    errs.push(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", DNS1123_SUBDOMAIN_FMT, "example.com"));
  }
  return errs;
}

/** content.IsLabelKey (a.k.a. IsQualifiedName): `[prefix/]name`. Empty array when valid. */
export function isValidLabelKey(key: string): string[] {
  const errs: string[] = [];
  const parts = key.split("/");
  if (parts.length > 2) {
    return [`a valid label key ${regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, "MyName", "my.name", "123-abc")} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    if (parts[0] === "") errs.push("prefix part must be non-empty");
    else errs.push(...isDNS1123Subdomain(parts[0]).map((m) => `prefix part ${m}`));
  }
  if (name === "") errs.push("name part must be non-empty");
  else if (byteLength(name) > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!LABEL_KEY_RE.test(name)) errs.push(`name part ${regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, "MyName", "my.name", "123-abc")}`);
  return errs;
}

/** content.IsLabelValue. The empty string is a valid value. */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push(maxLenError(63));
  if (!LABEL_VALUE_RE.test(value)) {
    errs.push(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
  }
  return errs;
}

/** Go's %q, enough for error messages. */
function goQuote(s: string): string {
  const esc: Record<string, string> = { '"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x07": "\\a", "\b": "\\b", "\f": "\\f", "\v": "\\v" };
  let out = "";
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    out += esc[ch] ?? (c < 0x20 || c === 0x7f ? `\\x${c.toString(16).padStart(2, "0")}` : c >= 0x80 && c < 0xa0 ? `\\u${c.toString(16).padStart(4, "0")}` : ch);
  }
  return `"${out}"`;
}
/** Go's %#v of a []string: empty slices built by LabelSelectorAsSelector are nil. */
function goStrings(v: string[], nilWhenEmpty: boolean): string {
  return v.length === 0 && nilWhenEmpty ? "[]string(nil)" : `[]string{${v.map(goQuote).join(", ")}}`;
}
/** utilerrors.NewAggregate(...).Error(): duplicates dropped, brackets only for several. */
function aggregate(errs: string[]): string {
  const unique = [...new Set(errs)];
  return unique.length === 1 ? unique[0] : `[${unique.join(", ")}]`;
}

// ---- requirements ----

const OPERATORS: readonly string[] = ["in", "notin", "=", "==", "!=", "gt", "lt", "exists", "!"];
const INT64 = /^[+-]?[0-9]+$/;
/** strconv.ParseInt(s, 10, 64); null when it would fail. */
function parseInt64(s: string): bigint | null {
  if (!INT64.test(s)) return null;
  const n = BigInt(s);
  return n >= -(2n ** 63n) && n < 2n ** 63n ? n : null;
}

/**
 * labels.NewRequirement: validates and returns a requirement, or throws with every problem
 * aggregated the way Kubernetes prints them. Values are kept in the given order.
 */
export function newRequirement(key: string, operator: SelectorOperator, values: readonly string[], emptyValuesAreNil = false): LabelRequirement {
  const errs: string[] = [];
  const keyErrs = isValidLabelKey(key);
  if (keyErrs.length) errs.push(`key: Invalid value: ${goQuote(key)}: ${keyErrs.join("; ")}`);
  const bad = (detail: string) => errs.push(`values: Invalid value: ${goStrings([...values], emptyValuesAreNil)}: ${detail}`);
  switch (operator) {
    case "in": case "notin":
      if (values.length === 0) bad("for 'in', 'notin' operators, values set can't be empty");
      break;
    case "=": case "==": case "!=":
      if (values.length !== 1) bad("exact-match compatibility requires one single value");
      break;
    case "exists": case "!":
      if (values.length !== 0) bad("values set must be empty for exists and does not exist");
      break;
    case "gt": case "lt":
      if (values.length !== 1) bad("for 'Gt', 'Lt' operators, exactly one value is required");
      values.forEach((v, i) => {
        if (parseInt64(v) === null) errs.push(`values[${i}]: Invalid value: ${goQuote(v)}: for 'Gt', 'Lt' operators, the value must be an integer`);
      });
      break;
    default:
      errs.push(`operator: Unsupported value: ${goQuote(String(operator))}: supported values: ${OPERATORS.map(goQuote).join(", ")}`);
  }
  values.forEach((v, i) => {
    const valueErrs = isValidLabelValue(v);
    if (valueErrs.length) errs.push(`values[${i}][${key}]: Invalid value: ${goQuote(v)}: ${valueErrs.join("; ")}`);
  });
  if (errs.length) throw new Error(aggregate(errs));
  return { key, operator, values: [...values] };
}

/** Stable sort by key: Kubernetes sorts requirements so parsing is deterministic. */
const byKey = (reqs: LabelRequirement[]) => reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

// ---- the selector string syntax: lexer and parser ----

/** Token kinds: the literal for keywords and symbols, "ID" for identifiers, "EOS" at the end. */
export type SelectorToken = "EOS" | "ID" | "in" | "notin" | "(" | ")" | "," | "!" | "=" | "==" | "!=" | ">" | "<";
type Tok = SelectorToken;
interface Item { tok: Tok; lit: string }
const SYMBOLS: ReadonlySet<string> = new Set(["(", ")", ",", "!", "=", "==", "!=", ">", "<"]);
const isSpecial = (c: number) => c === 61 || c === 33 || c === 40 || c === 41 || c === 44 || c === 62 || c === 60; // = ! ( ) , > <
const isSpace = (c: number) => c === 32 || c === 9 || c === 13 || c === 10;

/**
 * The Lexer (exported for the ported lexer tests): like Go it reads bytes where 0 means "end",
 * so a NUL byte ends the token (or the input). The last item is always EOS.
 */
export function lexSelector(s: string): { tok: SelectorToken; lit: string }[] {
  const items: Item[] = [];
  let pos = 0;
  const read = () => (pos < s.length ? s.charCodeAt(pos++) : 0);
  for (;;) {
    let ch = read();
    while (isSpace(ch)) ch = read();
    if (ch === 0) { items.push({ tok: "EOS", lit: "" }); return items; }
    pos--;
    let buf = "";
    if (isSpecial(ch)) {
      // Longest symbol: "!=" and "==" win over "!" and "=".
      let best = "";
      for (let c = read(); c !== 0; c = read()) {
        if (!isSpecial(c)) { pos--; break; }
        buf += String.fromCharCode(c);
        if (SYMBOLS.has(buf)) best = buf;
        else { pos--; break; }
      }
      items.push({ tok: best as Tok, lit: best });
    } else {
      for (let c = read(); c !== 0; c = read()) {
        if (isSpecial(c) || isSpace(c)) { pos--; break; }
        buf += String.fromCharCode(c);
      }
      items.push({ tok: buf === "in" || buf === "notin" ? buf : "ID", lit: buf });
    }
  }
}

const BINARY_OPS: Readonly<Partial<Record<Tok, SelectorOperator>>> = { in: "in", notin: "notin", "=": "=", "==": "==", "!=": "!=", ">": "gt", "<": "lt" };

/** Parses the `kubectl -l` syntax; throws with Kubernetes' message. "" selects everything. */
export function parseSelector(selector: string): LabelRequirement[] {
  const items = lexSelector(selector);
  let p = 0;
  // Inside value lists (and where a key is expected) `in`/`notin` are plain identifiers.
  const look = (values = true): Item => { const it = items[p]; return values && (it.tok === "in" || it.tok === "notin") ? { tok: "ID", lit: it.lit } : it; };
  const take = (values = true): Item => { const it = look(values); p++; return it; };
  const fail = (msg: string): never => { throw new Error(msg); };

  const parseValues = (): string[] => {
    const open = take();
    if (open.tok !== "(") fail(`found '${open.lit}' expected: '('`);
    const first = look();
    if (first.tok === ")") { take(); return [""]; }
    if (first.tok !== "ID" && first.tok !== ",") fail(`found '${first.lit}', expected: ',', ')' or identifier`);
    const set = new Set<string>();
    for (;;) {
      const it = take();
      if (it.tok === "ID") {
        set.add(it.lit);
        const next = look();
        if (next.tok === ")") break;
        if (next.tok !== ",") fail(`found '${next.lit}', expected: ',' or ')'`);
      } else if (it.tok === ",") {
        if (set.size === 0) set.add(""); // "(,a)"
        const next = look().tok;
        if (next === ")") { set.add(""); break; } // "(a,)"
        if (next === ",") set.add(""); // "(a,,b)"
      } else fail(`found '${it.lit}', expected: ',', or identifier`);
    }
    take(); // the ")"
    return [...set].sort();
  };

  const parseRequirement = (): LabelRequirement => {
    let it = take();
    let operator: SelectorOperator | undefined;
    if (it.tok === "!") { operator = "!"; it = take(); }
    if (it.tok !== "ID") fail(`found '${it.lit}', expected: identifier`);
    const key = it.lit;
    const keyErrs = isValidLabelKey(key);
    if (keyErrs.length) fail(`<nil>: Invalid value: ${goQuote(key)}: ${keyErrs.join("; ")}`);
    const next = look().tok;
    if (next === "EOS" || next === ",") operator ??= "exists";
    // "!x=a" keeps DoesNotExist here and fails later on the "=".
    if (operator) return newRequirement(key, operator, []);
    const op = take(false);
    const parsed = BINARY_OPS[op.tok] ?? fail(`found '${op.lit}', expected: ${OPERATORS.slice(0, 7).join(", ")}`);
    if (parsed === "in" || parsed === "notin") return newRequirement(key, parsed, parseValues());
    const v = look().tok;
    if (v === "EOS" || v === ",") return newRequirement(key, parsed, [""]);
    const value = take();
    if (value.tok !== "ID") fail(`found '${value.lit}', expected: identifier`);
    return newRequirement(key, parsed, [value.lit]);
  };

  const reqs: LabelRequirement[] = [];
  for (;;) {
    const it = look();
    if (it.tok === "EOS") break;
    if (it.tok !== "ID" && it.tok !== "!") fail(`found '${it.lit}', expected: !, identifier, or 'end of string'`);
    try {
      reqs.push(parseRequirement());
    } catch (e) {
      throw new Error(`unable to parse requirement: ${(e as Error).message}`);
    }
    const sep = take();
    if (sep.tok === "EOS") break;
    if (sep.tok !== ",") fail(`found '${sep.lit}', expected: ',' or 'end of string'`);
    const after = look();
    if (after.tok !== "ID" && after.tok !== "!") fail(`found '${after.lit}', expected: identifier after ','`);
  }
  return byKey(reqs);
}

// ---- canonical strings ----

const OP_TEXT: Record<SelectorOperator, string> = { "=": "=", "==": "==", "!=": "!=", in: " in ", notin: " notin ", gt: ">", lt: "<", exists: "", "!": "" };

/** Requirement.String(): values sorted on output only, `!` before the key for DoesNotExist. */
export function formatRequirement(r: LabelRequirement): string {
  if (r.operator === "exists") return r.key;
  if (r.operator === "!") return `!${r.key}`;
  const values = r.values.length === 1 ? r.values[0] : [...r.values].sort().join(",");
  const set = r.operator === "in" || r.operator === "notin";
  return `${r.key}${OP_TEXT[r.operator] ?? ""}${set ? `(${values})` : values}`;
}
/** internalSelector.String(): requirements joined by ",", "" for an empty selector. */
export function formatSelector(reqs: readonly LabelRequirement[]): string {
  return reqs.map(formatRequirement).join(",");
}

// ---- metav1.LabelSelector ----

/** labels.SelectorFromSet: an Equals requirement per entry, unvalidated; empty selects everything. */
export function selectorFromSet(set: Labels | null | undefined): LabelRequirement[] {
  return byKey(Object.keys(set ?? {}).map((key) => ({ key, operator: "=" as const, values: [set![key]] })));
}

const SELECTOR_OPS: Readonly<Record<string, SelectorOperator>> = { In: "in", NotIn: "notin", Exists: "exists", DoesNotExist: "!" };

/**
 * metav1.LabelSelectorAsSelector. "nothing" for null/undefined (labels.Nothing()), [] for an
 * empty selector (labels.Everything()); throws on invalid keys, values or operators.
 * matchLabels are taken in key order so the first error reported is deterministic.
 */
export function labelSelectorAsRequirements(sel: LabelSelector | null | undefined): LabelRequirement[] | "nothing" {
  if (sel == null) return "nothing";
  const matchLabels = sel.matchLabels ?? {};
  const exprs = sel.matchExpressions ?? [];
  const reqs = Object.keys(matchLabels).sort().map((k) => newRequirement(k, "=", [matchLabels[k]]));
  for (const e of exprs) {
    const op = Object.hasOwn(SELECTOR_OPS, e.operator) ? SELECTOR_OPS[e.operator] : undefined;
    if (!op) throw new Error(`${goQuote(String(e.operator))} is not a valid pod selector operator`);
    reqs.push(newRequirement(e.key, op, e.values ?? [], true));
  }
  return byKey(reqs);
}

/** metav1.FormatLabelSelector, as `kubectl describe` prints selectors. */
export function formatLabelSelector(sel: LabelSelector | null | undefined): string {
  try {
    const reqs = labelSelectorAsRequirements(sel);
    return reqs === "nothing" || reqs.length === 0 ? "<none>" : formatSelector(reqs);
  } catch {
    return "<error>";
  }
}

// ---- matching ----

export type SelectorInput = string | LabelSelector | readonly LabelRequirement[] | null | undefined;
export type LabelMatcher = (labels: Labels | undefined) => boolean;

/** Only own string values count: `labels.constructor` must not look like a label. */
const lookup = (labels: Labels, key: string): string | undefined => {
  const v = labels[key];
  return typeof v === "string" ? v : undefined;
};

function compileRequirement(r: LabelRequirement): (labels: Labels) => boolean {
  const { key, values } = r;
  const has = values.length > 4 ? ((s: ReadonlySet<string>) => (v: string) => s.has(v))(new Set(values)) : (v: string) => values.includes(v);
  switch (r.operator) {
    case "=": case "==": case "in":
      if (values.length === 1) { const want = values[0]; return (l) => lookup(l, key) === want; }
      return (l) => { const v = lookup(l, key); return v !== undefined && has(v); };
    case "!=": case "notin":
      return (l) => { const v = lookup(l, key); return v === undefined || !has(v); };
    case "exists": return (l) => lookup(l, key) !== undefined;
    case "!": return (l) => lookup(l, key) === undefined;
    case "gt": case "lt": {
      const bound = values.length === 1 ? parseInt64(values[0]) : null;
      if (bound === null) return () => false;
      return (l) => {
        const v = lookup(l, key);
        const n = v === undefined ? null : parseInt64(v);
        return n !== null && (r.operator === "gt" ? n > bound : n < bound);
      };
    }
    default: return () => false;
  }
}

/** Turns any selector form into a reusable, allocation-free matcher. Throws if it is invalid. */
export function compileSelector(selector: SelectorInput): LabelMatcher {
  const reqs = typeof selector === "string" ? parseSelector(selector)
    : Array.isArray(selector) ? (selector as readonly LabelRequirement[])
    : labelSelectorAsRequirements(selector as LabelSelector | null | undefined);
  if (reqs === "nothing") return () => false;
  const preds = reqs.map(compileRequirement);
  const empty: Labels = {};
  if (preds.length === 0) return () => true;
  if (preds.length === 1) { const [only] = preds; return (labels) => only(labels ?? empty); }
  return (labels) => {
    const l = labels ?? empty;
    for (const pred of preds) if (!pred(l)) return false;
    return true;
  };
}

/** One-off match. For repeated use, `compileSelector` once and call the matcher. */
export function matchesSelector(selector: SelectorInput, labels: Labels | undefined): boolean {
  return compileSelector(selector)(labels);
}
