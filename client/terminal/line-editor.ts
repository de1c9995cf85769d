/**
 * The shell-like line editor behind the terminal, without any terminal: the buffer, the cursor,
 * history (↑/↓ like bash, keeping the line being typed), readline's editing keys and tab
 * completion's word replacement. xterm only displays what this decides.
 */

export type Key =
  | { type: "enter" }
  | { type: "backspace" }
  | { type: "delete" }
  | { type: "left" }
  | { type: "right" }
  | { type: "home" }
  | { type: "end" }
  | { type: "up" }
  | { type: "down" }
  | { type: "tab" }
  | { type: "interrupt" }
  | { type: "clear-screen" }
  | { type: "kill-before" }
  | { type: "kill-after" }
  | { type: "kill-word" }
  | { type: "text"; text: string };

const SEQUENCES: Record<string, Key> = {
  "\r": { type: "enter" },
  "\x7f": { type: "backspace" },
  "\b": { type: "backspace" },
  "\x1b[3~": { type: "delete" },
  "\x1b[D": { type: "left" },
  "\x1bOD": { type: "left" },
  "\x02": { type: "left" },
  "\x1b[C": { type: "right" },
  "\x1bOC": { type: "right" },
  "\x06": { type: "right" },
  "\x1b[H": { type: "home" },
  "\x1bOH": { type: "home" },
  "\x1b[1~": { type: "home" },
  "\x01": { type: "home" },
  "\x1b[F": { type: "end" },
  "\x1bOF": { type: "end" },
  "\x1b[4~": { type: "end" },
  "\x05": { type: "end" },
  "\x1b[A": { type: "up" },
  "\x1bOA": { type: "up" },
  "\x10": { type: "up" },
  "\x1b[B": { type: "down" },
  "\x1bOB": { type: "down" },
  "\x0e": { type: "down" },
  "\t": { type: "tab" },
  "\x03": { type: "interrupt" },
  "\x0c": { type: "clear-screen" },
  "\x15": { type: "kill-before" },
  "\x0b": { type: "kill-after" },
  "\x17": { type: "kill-word" },
};

/** Split what xterm's onData delivers (one key, or pasted text) into keys. */
export function parseInput(data: string): Key[] {
  const known = SEQUENCES[data];
  if (known) return [known];
  const keys: Key[] = [];
  let text = "";
  const flush = () => {
    if (text) keys.push({ type: "text", text });
    text = "";
  };
  for (let i = 0; i < data.length; i++) {
    const ch = data[i];
    if (ch === "\r" || ch === "\n") {
      if (ch === "\n" && data[i - 1] === "\r") continue;
      flush();
      keys.push({ type: "enter" });
    } else if (ch === "\x1b") {
      // One escape sequence: a key we know, or skipped whole.
      flush();
      const m = /^\x1b(\[[0-9;]*[~A-Za-z]|O[A-Za-z])?/.exec(data.slice(i));
      const seq = m?.[0] ?? ch;
      if (SEQUENCES[seq]) keys.push(SEQUENCES[seq]);
      i += seq.length - 1;
    } else if (ch === "\t") text += "  ";
    else if (ch < " " || ch === "\x7f") {
      flush();
      if (SEQUENCES[ch]) keys.push(SEQUENCES[ch]);
    } else text += ch;
  }
  flush();
  return keys;
}

export const MAX_HISTORY = 500;

export class LineEditor {
  buffer = "";
  cursor = 0;
  private readonly history: string[] = [];
  /** Position while browsing history (history.length = the line being typed). */
  private browse = 0;
  private draft = "";

  constructor(initialHistory: readonly string[] = []) {
    this.history.push(...initialHistory.slice(-MAX_HISTORY));
    this.browse = this.history.length;
  }

  get entries(): readonly string[] {
    return this.history;
  }

  insert(text: string): void {
    this.buffer = this.buffer.slice(0, this.cursor) + text + this.buffer.slice(this.cursor);
    this.cursor += text.length;
  }

  /** Apply an editing key; returns the submitted line on Enter, otherwise undefined. */
  apply(key: Key): string | undefined {
    switch (key.type) {
      case "text":
        this.insert(key.text);
        return undefined;
      case "backspace":
        if (this.cursor > 0) {
          this.buffer = this.buffer.slice(0, this.cursor - 1) + this.buffer.slice(this.cursor);
          this.cursor--;
        }
        return undefined;
      case "delete":
        this.buffer = this.buffer.slice(0, this.cursor) + this.buffer.slice(this.cursor + 1);
        return undefined;
      case "left":
        this.cursor = Math.max(0, this.cursor - 1);
        return undefined;
      case "right":
        this.cursor = Math.min(this.buffer.length, this.cursor + 1);
        return undefined;
      case "home":
        this.cursor = 0;
        return undefined;
      case "end":
        this.cursor = this.buffer.length;
        return undefined;
      case "kill-before":
        this.buffer = this.buffer.slice(this.cursor);
        this.cursor = 0;
        return undefined;
      case "kill-after":
        this.buffer = this.buffer.slice(0, this.cursor);
        return undefined;
      case "kill-word": {
        const before = this.buffer.slice(0, this.cursor).replace(/\S+\s*$/, "");
        this.buffer = before + this.buffer.slice(this.cursor);
        this.cursor = before.length;
        return undefined;
      }
      case "up":
        this.recall(-1);
        return undefined;
      case "down":
        this.recall(1);
        return undefined;
      case "enter":
        return this.submit();
      case "interrupt":
        this.reset();
        return undefined;
      default:
        return undefined;
    }
  }

  private recall(delta: number): void {
    const next = this.browse + delta;
    if (next < 0 || next > this.history.length) return;
    if (this.browse === this.history.length) this.draft = this.buffer;
    this.browse = next;
    this.buffer = next === this.history.length ? this.draft : this.history[next];
    this.cursor = this.buffer.length;
  }

  submit(): string {
    const line = this.buffer;
    if (line.trim() !== "" && this.history[this.history.length - 1] !== line) {
      this.history.push(line);
      if (this.history.length > MAX_HISTORY) this.history.shift();
    }
    this.reset();
    return line;
  }

  reset(): void {
    this.buffer = "";
    this.cursor = 0;
    this.browse = this.history.length;
    this.draft = "";
  }

  /**
   * Tab completion: candidates replace the word before the cursor. One candidate completes it
   * (plus a space); several insert their common prefix. Returns the list to show when the
   * prefix could not grow (bash shows them on the second Tab).
   */
  complete(candidates: readonly string[]): string[] {
    const before = this.buffer.slice(0, this.cursor);
    const word = /\S*$/.exec(before)![0];
    const matching = candidates.filter((c) => c.startsWith(word));
    if (matching.length === 0) return [];
    const prefix = matching.length === 1 ? `${matching[0]} ` : commonPrefix(matching);
    if (prefix.length > word.length) {
      this.buffer = before.slice(0, before.length - word.length) + prefix + this.buffer.slice(this.cursor);
      this.cursor += prefix.length - word.length;
      return [];
    }
    return matching.length > 1 ? matching : [];
  }
}

export function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return "";
  let p = words[0];
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/** Print candidates in columns like bash, for a terminal `cols` wide. */
export function formatColumns(words: readonly string[], cols: number): string {
  const width = Math.max(...words.map((w) => w.length)) + 2;
  const perRow = Math.max(1, Math.floor(cols / width));
  const rows: string[] = [];
  for (let i = 0; i < words.length; i += perRow) rows.push(words.slice(i, i + perRow).map((w) => w.padEnd(width)).join("").trimEnd());
  return rows.join("\n");
}
