import { isBare, lex, type Token, type Word } from "./lex.ts";

/** The syntax tree of a script: lists, and-or chains, pipelines, compound commands, simple commands. */
export type Redirect = { fd: number; mode: ">" | ">>" | "<" | "dup"; target?: Word; dupTo?: number };
export type ShellNode =
  | { t: "simple"; assigns: { name: string; value: Word }[]; words: Word[]; redirects: Redirect[] }
  | { t: "list"; items: ShellNode[] }
  | { t: "and" | "or"; left: ShellNode; right: ShellNode }
  | { t: "not"; node: ShellNode }
  | { t: "pipe"; stages: ShellNode[] }
  | { t: "while"; until: boolean; cond: ShellNode; body: ShellNode }
  | { t: "for"; name: string; items: Word[] | null; body: ShellNode }
  | { t: "if"; cond: ShellNode; then: ShellNode; else?: ShellNode }
  | { t: "group"; body: ShellNode; subshell: boolean };

export type ParseResult = { ok: true; node: ShellNode } | { ok: false; error: string };

const TERMINATORS = ["do", "done", "then", "else", "elif", "fi", "}"];

/** Parse a script as busybox `sh` would; errors read like busybox ash's (`sh: syntax error: unexpected "done"`). */
export function parseScript(src: string): ParseResult {
  const lexed = lex(src);
  if (!lexed.ok) return lexed;
  const p = new Parser(lexed.tokens);
  const node = p.list();
  if (p.error) return { ok: false, error: p.error };
  if (p.pos < p.tokens.length) return { ok: false, error: `sh: syntax error: unexpected ${p.describe(p.tokens[p.pos])}` };
  return { ok: true, node };
}

class Parser {
  pos = 0;
  error = "";
  constructor(readonly tokens: Token[]) {}

  describe(tok: Token | undefined): string {
    if (!tok) return "end of file";
    if (tok.k === "op") return tok.v === "\n" ? "newline" : `"${tok.v}"`;
    if (tok.k === "word") return `"${tok.word.map((p) => ("lit" in p ? p.lit : "$")).join("")}"`;
    return "redirection";
  }
  fail(): ShellNode {
    if (!this.error) this.error = `sh: syntax error: unexpected ${this.describe(this.tokens[this.pos])}`;
    this.pos = this.tokens.length;
    return { t: "list", items: [] };
  }
  peekOp(v: string): boolean {
    const tok = this.tokens[this.pos];
    return tok?.k === "op" && tok.v === v;
  }
  peekWord(text: string): boolean {
    const tok = this.tokens[this.pos];
    return tok?.k === "word" && isBare(tok.word, text);
  }
  skipNewlines(): void {
    while (this.peekOp("\n") || this.peekOp(";")) this.pos++;
  }
  expectWord(text: string): boolean {
    this.skipNewlines();
    if (this.peekWord(text)) {
      this.pos++;
      return true;
    }
    this.fail();
    return false;
  }

  list(): ShellNode {
    const items: ShellNode[] = [];
    for (;;) {
      this.skipNewlines();
      const tok = this.tokens[this.pos];
      if (!tok || this.error) break;
      if (tok.k === "op" && tok.v === ")") break;
      if (tok.k === "word" && TERMINATORS.some((w) => isBare(tok.word, w))) break;
      items.push(this.andOr());
      /** Simplification: `cmd &` runs in the foreground; background jobs are not simulated. */
      if (this.peekOp("&")) this.pos++;
    }
    return items.length === 1 ? items[0] : { t: "list", items };
  }

  andOr(): ShellNode {
    let node = this.pipeline();
    while (!this.error && (this.peekOp("&&") || this.peekOp("||"))) {
      const op = (this.tokens[this.pos++] as { v: string }).v;
      while (this.peekOp("\n")) this.pos++;
      node = { t: op === "&&" ? "and" : "or", left: node, right: this.pipeline() };
    }
    return node;
  }

  pipeline(): ShellNode {
    const negate = this.peekWord("!");
    if (negate) this.pos++;
    const stages = [this.command()];
    while (!this.error && this.peekOp("|")) {
      this.pos++;
      while (this.peekOp("\n")) this.pos++;
      stages.push(this.command());
    }
    const node: ShellNode = stages.length === 1 ? stages[0] : { t: "pipe", stages };
    return negate ? { t: "not", node } : node;
  }

  command(): ShellNode {
    if (this.peekWord("while") || this.peekWord("until")) {
      const until = this.peekWord("until");
      this.pos++;
      const cond = this.list();
      if (!this.expectWord("do")) return this.fail();
      const body = this.list();
      if (!this.expectWord("done")) return this.fail();
      return { t: "while", until, cond, body };
    }
    if (this.peekWord("for")) return this.forLoop();
    if (this.peekWord("if")) {
      this.pos++;
      return this.ifRest();
    }
    if (this.peekWord("{") || this.peekOp("(")) {
      const subshell = this.peekOp("(");
      this.pos++;
      const body = this.list();
      if (subshell ? !this.peekOp(")") : !this.expectWord("}")) return this.fail();
      if (subshell) this.pos++;
      return { t: "group", body, subshell };
    }
    return this.simple();
  }

  forLoop(): ShellNode {
    this.pos++;
    const nameTok = this.tokens[this.pos++];
    if (nameTok?.k !== "word") return this.fail();
    const name = nameTok.word.map((p) => ("lit" in p ? p.lit : "")).join("");
    let items: Word[] | null = null;
    if (this.peekWord("in")) {
      this.pos++;
      items = [];
      while (this.tokens[this.pos]?.k === "word") items.push((this.tokens[this.pos++] as { word: Word }).word);
    }
    if (!this.expectWord("do")) return this.fail();
    const body = this.list();
    if (!this.expectWord("done")) return this.fail();
    return { t: "for", name, items, body };
  }

  ifRest(): ShellNode {
    const cond = this.list();
    if (!this.expectWord("then")) return this.fail();
    const then = this.list();
    this.skipNewlines();
    if (this.peekWord("elif")) {
      this.pos++;
      return { t: "if", cond, then, else: this.ifRest() };
    }
    let otherwise: ShellNode | undefined;
    if (this.peekWord("else")) {
      this.pos++;
      otherwise = this.list();
    }
    if (!this.expectWord("fi")) return this.fail();
    return { t: "if", cond, then, else: otherwise };
  }

  simple(): ShellNode {
    const node: Extract<ShellNode, { t: "simple" }> = { t: "simple", assigns: [], words: [], redirects: [] };
    for (;;) {
      const tok = this.tokens[this.pos];
      if (!tok || tok.k === "op") break;
      this.pos++;
      if (tok.k === "redir") {
        const r: Redirect = { fd: tok.fd, mode: tok.mode, dupTo: tok.dupTo };
        if (tok.mode !== "dup") {
          const target = this.tokens[this.pos];
          if (target?.k !== "word") return this.fail();
          r.target = target.word;
          this.pos++;
        }
        node.redirects.push(r);
        continue;
      }
      const first = tok.word[0];
      const firstLit = first && "lit" in first && !first.q ? first.lit : "";
      const m = node.words.length === 0 ? /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(firstLit) : null;
      if (m) {
        const rest = firstLit.slice(m[0].length);
        const value: Word = [...(rest ? [{ lit: rest, q: false }] : []), ...tok.word.slice(1)];
        node.assigns.push({ name: m[1], value });
      } else node.words.push(tok.word);
    }
    if (node.words.length === 0 && node.assigns.length === 0 && node.redirects.length === 0) return this.fail();
    return node;
  }
}
