/**
 * The lexer of the little POSIX-sh subset the simulated busybox `sh` understands: words with
 * their quoting and `$` expansions kept as parts (expanded later, at run time), operators and
 * redirections. Enough for the `sh -c` scripts of the Kubernetes docs and real incidents.
 */
export type WordPart =
  | { lit: string; q: boolean }
  | { param: string; q: boolean; fallback?: Word }
  | { sub: string; q: boolean }
  | { arith: string; q: boolean };
export type Word = WordPart[];

export type Token =
  | { k: "word"; word: Word }
  | { k: "op"; v: ";" | "&&" | "||" | "|" | "&" | "\n" | "(" | ")" }
  | { k: "redir"; fd: number; mode: ">" | ">>" | "<" | "dup"; dupTo?: number };

export type LexResult = { ok: true; tokens: Token[] } | { ok: false; error: string };

const SPECIAL_PARAMS = "?$#@*!-0123456789";

export function lex(src: string): LexResult {
  const tokens: Token[] = [];
  let i = 0;
  let word: Word | null = null;
  const lit = (s: string, q: boolean) => {
    word ??= [];
    const last = word[word.length - 1];
    if (last && "lit" in last && last.q === q) last.lit += s;
    else word.push({ lit: s, q });
  };
  const endWord = () => {
    if (word) tokens.push({ k: "word", word });
    word = null;
  };
  /** `$...` at src[i] (src[i] === "$"); returns the next index, or -1 on an unterminated construct. */
  const dollar = (q: boolean): number => {
    const c = src[i + 1];
    if (src.startsWith("$((", i)) {
      const end = findArithClose(src, i + 3);
      if (end < 0) return -1;
      (word ??= []).push({ arith: src.slice(i + 3, end), q });
      return end + 2;
    }
    if (c === "(") {
      const end = findClose(src, i + 2, "(", ")");
      if (end < 0) return -1;
      (word ??= []).push({ sub: src.slice(i + 2, end), q });
      return end + 1;
    }
    if (c === "{") {
      const end = src.indexOf("}", i + 2);
      if (end < 0) return -1;
      const body = src.slice(i + 2, end);
      const dash = body.indexOf(":-");
      if (dash >= 0) {
        const fb = lex(body.slice(dash + 2));
        const fallback = fb.ok && fb.tokens[0]?.k === "word" ? fb.tokens[0].word : [];
        (word ??= []).push({ param: body.slice(0, dash), q, fallback });
      } else (word ??= []).push({ param: body, q });
      return end + 1;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i + 1));
    if (name) {
      (word ??= []).push({ param: name[0], q });
      return i + 1 + name[0].length;
    }
    if (c !== undefined && SPECIAL_PARAMS.includes(c)) {
      (word ??= []).push({ param: c, q });
      return i + 2;
    }
    lit("$", q);
    return i + 1;
  };

  while (i < src.length) {
    const c = src[i];
    if (c === " " || c === "\t") {
      endWord();
      i++;
    } else if (c === "#" && word === null) {
      while (i < src.length && src[i] !== "\n") i++;
    } else if (c === "\\") {
      if (src[i + 1] === "\n") i += 2;
      else {
        lit(src[i + 1] ?? "", true);
        i += 2;
      }
    } else if (c === "'") {
      const end = src.indexOf("'", i + 1);
      if (end < 0) return { ok: false, error: "sh: syntax error: unterminated quoted string" };
      lit(src.slice(i + 1, end), true);
      i = end + 1;
    } else if (c === '"') {
      word ??= [];
      lit("", true);
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === "\\" && '$`"\\\n'.includes(src[i + 1] ?? "")) {
          if (src[i + 1] !== "\n") lit(src[i + 1], true);
          i += 2;
        } else if (src[i] === "$") {
          i = dollar(true);
          if (i < 0) return { ok: false, error: "sh: syntax error: unterminated quoted string" };
        } else if (src[i] === "`") {
          const end = src.indexOf("`", i + 1);
          if (end < 0) return { ok: false, error: "sh: syntax error: unterminated quoted string" };
          word.push({ sub: src.slice(i + 1, end), q: true });
          i = end + 1;
        } else lit(src[i++], true);
      }
      if (i >= src.length) return { ok: false, error: "sh: syntax error: unterminated quoted string" };
      i++;
    } else if (c === "$") {
      i = dollar(false);
      if (i < 0) return { ok: false, error: "sh: syntax error: unexpected end of file" };
    } else if (c === "`") {
      const end = src.indexOf("`", i + 1);
      if (end < 0) return { ok: false, error: "sh: syntax error: unexpected end of file" };
      (word ??= []).push({ sub: src.slice(i + 1, end), q: false });
      i = end + 1;
    } else if (c === ">" || c === "<" || (/[0-9]/.test(c) && word === null && (src[i + 1] === ">" || src[i + 1] === "<"))) {
      endWord();
      let fd = c === "<" ? 0 : 1;
      if (/[0-9]/.test(c)) fd = Number(src[i++]);
      if (src.startsWith(">&", i) && /[0-9]/.test(src[i + 2] ?? "")) {
        tokens.push({ k: "redir", fd, mode: "dup", dupTo: Number(src[i + 2]) });
        i += 3;
      } else if (src.startsWith(">>", i)) {
        tokens.push({ k: "redir", fd, mode: ">>" });
        i += 2;
      } else {
        tokens.push({ k: "redir", fd, mode: src[i] === "<" ? "<" : ">" });
        i += 1;
      }
    } else if (c === "&" && src[i + 1] === ">") {
      endWord();
      // `&>file`: stdout and stderr both to the file (fd -1 means both).
      const append = src[i + 2] === ">";
      tokens.push({ k: "redir", fd: -1, mode: append ? ">>" : ">" });
      i += append ? 3 : 2;
    } else if (c === ";" || c === "\n" || c === "|" || c === "&" || c === "(" || c === ")") {
      endWord();
      const two = src.slice(i, i + 2);
      if (two === "&&" || two === "||") {
        tokens.push({ k: "op", v: two });
        i += 2;
      } else {
        tokens.push({ k: "op", v: c as ";" });
        i++;
      }
    } else lit(src[i++], false);
  }
  endWord();
  return { ok: true, tokens };
}

/** Index of the `close` matching an already-consumed `open` (nesting counted), or -1. */
function findClose(src: string, from: number, open: string, close: string): number {
  let depth = 1;
  let quote = "";
  for (let j = from; j < src.length; j++) {
    const ch = src[j];
    if (quote) {
      if (ch === quote) quote = "";
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (src.startsWith(close, j)) {
      depth--;
      if (depth === 0) return j;
      j += close.length - 1;
    } else if (src.startsWith(open, j)) {
      depth++;
      j += open.length - 1;
    }
  }
  return -1;
}

/** Index of the `))` closing `$((` (parentheses inside the expression balanced), or -1. */
function findArithClose(src: string, from: number): number {
  let depth = 0;
  for (let j = from; j < src.length; j++) {
    if (src[j] === "(") depth++;
    else if (src[j] === ")") {
      if (depth === 0) return src[j + 1] === ")" ? j : -1;
      depth--;
    }
  }
  return -1;
}

/** The literal text of a word if it has no expansions (for reserved words and assignments). */
export function literalOf(word: Word): string | undefined {
  let s = "";
  for (const p of word) {
    if (!("lit" in p)) return undefined;
    s += p.lit;
  }
  return s;
}

/** True when a word is exactly `text`, unquoted (how reserved words are recognised). */
export function isBare(word: Word, text: string): boolean {
  return word.length === 1 && "lit" in word[0] && !word[0].q && word[0].lit === text;
}
