/**
 * JSON syntax checking that fails with Go encoding/json's messages (`invalid character '}'
 * looking for beginning of object key string`, `unexpected end of JSON input`), because the
 * agents that read our ConfigMaps (flannel, calico) are Go programs and players see their logs.
 * Only the syntax errors are reproduced; type errors are handled by the callers.
 */

export type GoJSONResult = { ok: true; value: unknown } | { ok: false; error: string };

export function parseGoJSON(text: string): GoJSONResult {
  const err = scan(text);
  if (err) return { ok: false, error: err };
  return { ok: true, value: JSON.parse(text) as unknown };
}

/** Go's quoteChar: `'x'`, `'\''`, `'"'`, `'\n'`. */
function quoteChar(c: string): string {
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  const esc: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };
  return `'${esc[c] ?? c}'`;
}

const invalid = (c: string, ctx: string) => `invalid character ${quoteChar(c)} ${ctx}`;
const EOF_ERR = "unexpected end of JSON input";

/** Returns Go's error for the first syntax error, or undefined when the text is valid JSON. */
function scan(s: string): string | undefined {
  let i = 0;
  const ws = () => {
    while (i < s.length && " \t\r\n".includes(s[i])) i++;
  };
  const value = (): string | undefined => {
    ws();
    if (i >= s.length) return EOF_ERR;
    const c = s[i];
    if (c === "{") return object();
    if (c === "[") return array();
    if (c === '"') return str("in string literal");
    if (c === "-" || (c >= "0" && c <= "9")) return num();
    for (const lit of ["true", "false", "null"]) {
      if (c !== lit[0]) continue;
      for (let k = 1; k < lit.length; k++) {
        if (i + k >= s.length) return EOF_ERR;
        if (s[i + k] !== lit[k]) return invalid(s[i + k], `in literal ${lit} (expecting ${quoteChar(lit[k])})`);
      }
      i += lit.length;
      return undefined;
    }
    return invalid(c, "looking for beginning of value");
  };
  const str = (ctx: string): string | undefined => {
    i++;
    while (i < s.length) {
      const c = s[i];
      if (c === '"') {
        i++;
        return undefined;
      }
      if (c < " ") return invalid(c, ctx);
      i += c === "\\" ? 2 : 1;
    }
    return EOF_ERR;
  };
  const num = (): string | undefined => {
    if (s[i] === "-") i++;
    if (i >= s.length) return EOF_ERR;
    if (!(s[i] >= "0" && s[i] <= "9")) return invalid(s[i], "in numeric literal");
    const digits = () => {
      while (i < s.length && s[i] >= "0" && s[i] <= "9") i++;
    };
    if (s[i] === "0") i++;
    else digits();
    if (s[i] === ".") {
      i++;
      if (i >= s.length) return EOF_ERR;
      if (!(s[i] >= "0" && s[i] <= "9")) return invalid(s[i], "after decimal point in numeric literal");
      digits();
    }
    if (s[i] === "e" || s[i] === "E") {
      i++;
      if (s[i] === "+" || s[i] === "-") i++;
      if (i >= s.length) return EOF_ERR;
      if (!(s[i] >= "0" && s[i] <= "9")) return invalid(s[i], "in exponent of numeric literal");
      digits();
    }
    return undefined;
  };
  const object = (): string | undefined => {
    i++;
    ws();
    if (s[i] === "}") {
      i++;
      return undefined;
    }
    for (;;) {
      ws();
      if (i >= s.length) return EOF_ERR;
      if (s[i] !== '"') return invalid(s[i], "looking for beginning of object key string");
      const e = str("in string literal");
      if (e) return e;
      ws();
      if (i >= s.length) return EOF_ERR;
      if (s[i] !== ":") return invalid(s[i], "after object key");
      i++;
      const v = value();
      if (v) return v;
      ws();
      if (i >= s.length) return EOF_ERR;
      if (s[i] === "}") {
        i++;
        return undefined;
      }
      if (s[i] !== ",") return invalid(s[i], "after object key:value pair");
      i++;
    }
  };
  const array = (): string | undefined => {
    i++;
    ws();
    if (s[i] === "]") {
      i++;
      return undefined;
    }
    for (;;) {
      const v = value();
      if (v) return v;
      ws();
      if (i >= s.length) return EOF_ERR;
      if (s[i] === "]") {
        i++;
        return undefined;
      }
      if (s[i] !== ",") return invalid(s[i], "after array element");
      i++;
    }
  };
  const e = value();
  if (e) return e;
  ws();
  if (i < s.length) return invalid(s[i], "after top-level value");
  return undefined;
}
