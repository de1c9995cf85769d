/**
 * The JSONPath templates of `kubectl -o jsonpath=...`, `-o custom-columns` and `--sort-by`
 * (k8s.io/client-go/util/jsonpath): text with `{...}` actions; `.field`, `['field']`, `..`
 * (recursive), `*`, `[n]`, `[a:b]`, `[?(@.x=="y")]` filters, `{range ...}{end}`, string
 * literals like `{"\n"}`. Missing keys print nothing (kubectl's --allow-missing-template-keys).
 */
import { err, ok, type Result } from "../util/result.ts";

type Segment =
  | { t: "field"; name: string }
  | { t: "recursive"; name: string }
  | { t: "wildcard" }
  | { t: "index"; start?: number; end?: number; single: boolean }
  | { t: "filter"; left: Segment[]; op?: string; right?: string | number | Segment[] };

type Node = { t: "text"; text: string } | { t: "path"; segs: Segment[] } | { t: "literal"; text: string } | { t: "range"; segs: Segment[]; body: Node[] };

const MAX_NODES = 2000;

/** `{.a}`, `.a` and `a` all mean the same to custom-columns and --sort-by (RelaxedJSONPathExpression). */
export function relaxedJsonPath(expr: string): Result<string, string> {
  if (expr === "") return err("jsonpath expression cannot be empty");
  const m = /^\{?\.?([^{}]*)\}?$/.exec(expr);
  if (!m) return err(`unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'`);
  return ok(`{.${m[1]}}`);
}

function parsePath(src: string): Result<Segment[], string> {
  const segs: Segment[] = [];
  let i = 0;
  if (src[0] === "$" || src[0] === "@") i = 1;
  while (i < src.length) {
    const c = src[i];
    if (c === ".") {
      const rec = src[i + 1] === ".";
      i += rec ? 2 : 1;
      const m = /^[A-Za-z0-9_\-/$]*|\*/.exec(src.slice(i));
      const name = src[i] === "*" ? "*" : m ? m[0] : "";
      i += name.length;
      if (name === "") {
        if (rec || i >= src.length || src[i] === ".") continue;
        continue;
      }
      segs.push(name === "*" ? { t: "wildcard" } : rec ? { t: "recursive", name } : { t: "field", name });
    } else if (c === "[") {
      const close = matchBracket(src, i);
      if (close < 0) return err("unterminated array");
      const inner = src.slice(i + 1, close).trim();
      i = close + 1;
      if (inner === "*") segs.push({ t: "wildcard" });
      else if (/^['"].*['"]$/.test(inner)) segs.push({ t: "field", name: inner.slice(1, -1) });
      else if (inner.startsWith("?(") && inner.endsWith(")")) {
        const f = parseFilter(inner.slice(2, -1).trim());
        if (!f.ok) return f;
        segs.push(f.value);
      } else if (/^-?\d*(:-?\d*)?$/.test(inner) && inner !== "") {
        const [a, b] = inner.split(":");
        const single = !inner.includes(":");
        segs.push({ t: "index", start: a === "" ? undefined : Number(a), end: b === undefined || b === "" ? undefined : Number(b), single });
      } else return err(`invalid array index ${inner}`);
    } else if (c === " ") i++;
    else return err(`unrecognized character in action: U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")} '${c}'`);
  }
  return ok(segs);
}

function matchBracket(src: string, open: number): number {
  let depth = 0;
  let quote = "";
  for (let j = open; j < src.length; j++) {
    const c = src[j];
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "[") depth++;
    else if (c === "]" && --depth === 0) return j;
  }
  return -1;
}

function parseFilter(expr: string): Result<Segment, string> {
  const m = /^(@[^=!<>\s]*)\s*(==|!=|<=|>=|<|>)?\s*(.*)$/.exec(expr);
  if (!m) return err(`invalid filter ${expr}`);
  const left = parsePath(m[1]);
  if (!left.ok) return left;
  if (!m[2]) return ok({ t: "filter", left: left.value });
  const raw = m[3].trim();
  let right: string | number | Segment[];
  if (/^['"].*['"]$/.test(raw)) right = raw.slice(1, -1);
  else if (/^-?\d+(\.\d+)?$/.test(raw)) right = Number(raw);
  else {
    const p = parsePath(raw);
    if (!p.ok) return p;
    right = p.value;
  }
  return ok({ t: "filter", left: left.value, op: m[2], right });
}

function parseTemplate(text: string): Result<Node[], string> {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf("{", i);
    if (open < 0) {
      stack[stack.length - 1].push({ t: "text", text: text.slice(i) });
      break;
    }
    if (open > i) stack[stack.length - 1].push({ t: "text", text: text.slice(i, open) });
    const close = findClose(text, open);
    if (close < 0) return err("unclosed action");
    const action = text.slice(open + 1, close).trim();
    i = close + 1;
    const cur = stack[stack.length - 1];
    if (/^".*"$/s.test(action) || /^'.*'$/s.test(action)) {
      cur.push({ t: "literal", text: unescape(action.slice(1, -1)) });
    } else if (action.startsWith("range ")) {
      const p = parsePath(action.slice(6).trim());
      if (!p.ok) return p;
      const body: Node[] = [];
      cur.push({ t: "range", segs: p.value, body });
      stack.push(body);
    } else if (action === "end") {
      if (stack.length === 1) return err("not in range, nothing to end");
      stack.pop();
    } else {
      const p = parsePath(action);
      if (!p.ok) return p;
      cur.push({ t: "path", segs: p.value });
    }
  }
  if (stack.length > 1) return err("unclosed range");
  return ok(root);
}

function findClose(text: string, open: number): number {
  let quote = "";
  for (let j = open + 1; j < text.length; j++) {
    const c = text[j];
    if (quote) {
      if (c === "\\") j++;
      else if (c === quote) quote = "";
    } else if (c === '"') quote = c;
    else if (c === "}") return j;
  }
  return -1;
}

function unescape(s: string): string {
  return s.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c === "t" ? "\t" : c === "r" ? "\r" : c));
}

function children(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (v !== null && typeof v === "object") return Object.keys(v).sort().map((k) => (v as Record<string, unknown>)[k]);
  return [];
}

function applySegs(values: unknown[], segs: Segment[]): unknown[] {
  let cur = values;
  for (const s of segs) {
    const next: unknown[] = [];
    for (const v of cur) {
      if (next.length > MAX_NODES) break;
      switch (s.t) {
        case "field":
          if (v !== null && typeof v === "object" && !Array.isArray(v) && s.name in (v as object)) next.push((v as Record<string, unknown>)[s.name]);
          break;
        case "wildcard":
          next.push(...children(v));
          break;
        case "recursive":
          collect(v, s.name, next, 0);
          break;
        case "index": {
          if (!Array.isArray(v)) break;
          const n = v.length;
          const norm = (x: number) => (x < 0 ? Math.max(0, n + x) : Math.min(x, n));
          if (s.single) {
            const idx = (s.start ?? 0) < 0 ? n + (s.start ?? 0) : s.start ?? 0;
            if (idx >= 0 && idx < n) next.push(v[idx]);
          } else next.push(...v.slice(norm(s.start ?? 0), norm(s.end ?? n)));
          break;
        }
        case "filter":
          for (const item of Array.isArray(v) ? v : [v]) if (filterMatches(item, s)) next.push(item);
          break;
      }
    }
    cur = next;
  }
  return cur;
}

function collect(v: unknown, name: string, out: unknown[], depth: number): void {
  if (depth > 64 || out.length > MAX_NODES || v === null || typeof v !== "object") return;
  if (!Array.isArray(v) && name in (v as object)) out.push((v as Record<string, unknown>)[name]);
  for (const c of children(v)) collect(c, name, out, depth + 1);
}

function filterMatches(item: unknown, f: Extract<Segment, { t: "filter" }>): boolean {
  const left = applySegs([item], f.left);
  if (!f.op) return left.length > 0;
  if (left.length === 0) return false;
  const l = left[0];
  const r = Array.isArray(f.right) ? applySegs([item], f.right)[0] : f.right;
  switch (f.op) {
    case "==": return String(l) === String(r);
    case "!=": return String(l) !== String(r);
    case "<": return Number(l) < Number(r);
    case ">": return Number(l) > Number(r);
    case "<=": return Number(l) <= Number(r);
    case ">=": return Number(l) >= Number(r);
  }
  return false;
}

/** How jsonpath prints one value: strings raw, maps and lists as JSON. */
export function formatJsonPathValue(v: unknown): string {
  if (typeof v === "string") return v;
  if (v === null || v === undefined) return "";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/** Evaluate a path (no template text) and return the raw values found. */
export function findJsonPath(obj: unknown, template: string): Result<unknown[], string> {
  const nodes = parseTemplate(template);
  if (!nodes.ok) return nodes;
  const out: unknown[] = [];
  for (const n of nodes.value) if (n.t === "path") out.push(...applySegs([obj], n.segs));
  return ok(out);
}

/** Execute a template against `obj`: the text kubectl prints (no trailing newline added). */
export function executeJsonPath(template: string, obj: unknown): Result<string, string> {
  const nodes = parseTemplate(template);
  if (!nodes.ok) return err(`error parsing jsonpath ${template}, ${nodes.error}`);
  const parts: string[] = [];
  const run = (ns: Node[], data: unknown) => {
    for (const n of ns) {
      if (parts.length > 50_000) return;
      if (n.t === "text" || n.t === "literal") parts.push(n.text);
      else if (n.t === "path") parts.push(applySegs([data], n.segs).map(formatJsonPathValue).join(" "));
      else {
        // range over a single list value walks its elements, as text/template does.
        const found = applySegs([data], n.segs);
        const items = found.length === 1 && Array.isArray(found[0]) ? found[0] : found;
        for (const item of items) run(n.body, item);
      }
    }
  };
  run(nodes.value, obj);
  return ok(parts.join(""));
}
