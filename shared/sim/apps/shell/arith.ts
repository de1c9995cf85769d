import { counterMarker, parseCounterMarker } from "./markers.ts";

/**
 * `$(( ... ))` over integers. Values are linear in the iteration number of a periodic loop
 * (c + d·k), so `i=$((i+1))` inside `while true` can be represented without unrolling; an
 * operation that would leave the linear world (i*i, comparing a counter) reports `symbolic`.
 */
export interface Linear {
  c: number;
  d: number;
}
export type ArithResult = { ok: true; value: Linear } | { ok: false; error: string; symbolic?: boolean };

export function linearToString(v: Linear): string {
  return v.d === 0 ? String(v.c) : counterMarker(v.c, v.d);
}

export function linearOf(value: string): Linear {
  const marker = parseCounterMarker(value);
  if (marker) return { c: marker.base, d: marker.step };
  const n = Number.parseInt(value.trim(), 10);
  return { c: Number.isFinite(n) ? n : 0, d: 0 };
}

export function evalArith(expr: string, lookup: (name: string) => string): ArithResult {
  const tokens = expr.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|\$[A-Za-z_][A-Za-z0-9_]*|<=|>=|==|!=|&&|\|\||[-+*/%()<>!]|\S/g) ?? [];
  let pos = 0;
  let failure: { error: string; symbolic?: boolean } | undefined;
  const fail = (error: string, symbolic = false): Linear => {
    failure ??= { error, symbolic };
    return { c: 0, d: 0 };
  };
  const constant = (a: Linear, b: Linear, f: (x: number, y: number) => number): Linear =>
    a.d !== 0 || b.d !== 0 ? fail("non-linear", true) : { c: f(a.c, b.c), d: 0 };

  const primary = (): Linear => {
    const tok = tokens[pos++];
    if (tok === undefined) return fail("sh: arithmetic syntax error");
    if (tok === "(") {
      const v = cmp();
      if (tokens[pos++] !== ")") return fail("sh: arithmetic syntax error");
      return v;
    }
    if (tok === "-") {
      const v = primary();
      return { c: -v.c, d: -v.d };
    }
    if (tok === "+") return primary();
    if (tok === "!") return constant(primary(), { c: 0, d: 0 }, (x) => (x === 0 ? 1 : 0));
    if (/^\d+$/.test(tok)) return { c: Number(tok), d: 0 };
    if (/^\$?[A-Za-z_]/.test(tok)) return linearOf(lookup(tok.replace(/^\$/, "")));
    return fail("sh: arithmetic syntax error");
  };
  const mul = (): Linear => {
    let v = primary();
    while (["*", "/", "%"].includes(tokens[pos])) {
      const op = tokens[pos++];
      const r = primary();
      if (op === "*" && (v.d === 0 || r.d === 0)) v = { c: v.c * r.c, d: v.d * r.c + r.d * v.c };
      else if (r.d === 0 && r.c === 0) return fail("sh: arithmetic syntax error: divide by zero");
      else v = constant(v, r, op === "/" ? (x, y) => Math.trunc(x / y) : op === "%" ? (x, y) => x % y : (x, y) => x * y);
    }
    return v;
  };
  const add = (): Linear => {
    let v = mul();
    while (tokens[pos] === "+" || tokens[pos] === "-") {
      const sign = tokens[pos++] === "+" ? 1 : -1;
      const r = mul();
      v = { c: v.c + sign * r.c, d: v.d + sign * r.d };
    }
    return v;
  };
  const cmp = (): Linear => {
    let v = add();
    while (["<", ">", "<=", ">=", "==", "!=", "&&", "||"].includes(tokens[pos])) {
      const op = tokens[pos++];
      const r = add();
      v = constant(v, r, (x, y) => Number(COMPARE[op](x, y)));
    }
    return v;
  };
  const value = cmp();
  if (!failure && pos < tokens.length) fail("sh: arithmetic syntax error");
  return failure ? { ok: false, ...failure } : { ok: true, value };
}

const COMPARE: Record<string, (x: number, y: number) => boolean> = {
  "<": (x, y) => x < y,
  ">": (x, y) => x > y,
  "<=": (x, y) => x <= y,
  ">=": (x, y) => x >= y,
  "==": (x, y) => x === y,
  "!=": (x, y) => x !== y,
  "&&": (x, y) => x !== 0 && y !== 0,
  "||": (x, y) => x !== 0 || y !== 0,
};
