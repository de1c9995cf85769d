/**
 * The player's terminal: xterm.js showing a bash-like prompt driven by LineEditor. Lines go to
 * the host (the game screen), which runs them in solo or sends them to the room; `clear` and
 * Ctrl+L clear the screen. Copy: select + Ctrl+C (or Ctrl+Shift+C); paste: Ctrl+V / Ctrl+Shift+V
 * or the browser's paste. Esc leaves the terminal (keyboard play continues on the map).
 */
import { Terminal } from "@xterm/xterm";
import { FitAddon } from "@xterm/addon-fit";
import "@xterm/xterm/css/xterm.css";
import { formatColumns, LineEditor, parseInput } from "./line-editor.ts";

export interface TerminalHost {
  /** Run one line; output comes back through `print`. */
  run(line: string): Promise<void>;
  complete(line: string): string[];
  /** Esc pressed: hand the keyboard to the rest of the screen. */
  leave?(): void;
}

const PROMPT = "\x1b[1;32mplayer@crashloop\x1b[0m:\x1b[1;34m~\x1b[0m$ ";
const PROMPT_LEN = "player@crashloop:~$ ".length;
const HISTORY_KEY = "crashloop.history.v1";

export class GameTerminal {
  readonly term: Terminal;
  private readonly fit = new FitAddon();
  private readonly editor: LineEditor;
  private busy = false;
  private queue: string[] = [];
  /** Row of the cursor relative to the prompt's first row. */
  private cursorRow = 0;
  private lastTabLine: string | undefined;
  private readonly resizeObserver: ResizeObserver;

  constructor(private readonly parent: HTMLElement, private readonly host: TerminalHost) {
    let saved: string[] = [];
    try {
      saved = JSON.parse(localStorage.getItem(HISTORY_KEY) ?? "[]") as string[];
    } catch {
      saved = [];
    }
    this.editor = new LineEditor(Array.isArray(saved) ? saved.filter((s) => typeof s === "string") : []);
    this.term = new Terminal({
      fontFamily: "'DejaVu Sans Mono', 'Cascadia Mono', Menlo, monospace",
      fontSize: 15,
      lineHeight: 1.1,
      cursorBlink: true,
      scrollback: 5000,
      convertEol: false,
      theme: { background: "#0d1016", foreground: "#e6e9ef", cursor: "#f0e442", selectionBackground: "#56b4e977" },
    });
    this.term.loadAddon(this.fit);
    this.term.open(parent);
    this.term.attachCustomKeyEventHandler((e) => this.keyHandler(e));
    this.term.onData((d) => this.onData(d));
    this.resizeObserver = new ResizeObserver(() => this.refit());
    this.resizeObserver.observe(parent);
    this.refit();
    this.prompt();
  }

  private refit(): void {
    try {
      this.fit.fit();
    } catch {
      // Not laid out yet.
    }
  }

  private keyHandler(e: KeyboardEvent): boolean {
    if (e.type !== "keydown") return true;
    const mod = e.ctrlKey || e.metaKey;
    if (mod && (e.key === "c" || e.key === "C") && (e.shiftKey || this.term.hasSelection())) {
      if (this.term.hasSelection()) void navigator.clipboard?.writeText(this.term.getSelection()).catch(() => undefined);
      return false;
    }
    // Let the browser paste (xterm receives the paste event as data).
    if (mod && (e.key === "v" || e.key === "V")) return false;
    if (e.key === "Escape") {
      this.host.leave?.();
      return false;
    }
    return true;
  }

  focus(): void {
    this.term.focus();
  }

  /** Type a line as if the player had (used by buttons and the inspector). */
  typeAndRun(line: string): void {
    this.editor.reset();
    this.editor.insert(line);
    this.redraw();
    this.onData("\r");
  }

  private onData(data: string): void {
    for (const key of parseInput(data)) {
      if (this.busy) {
        if (key.type === "enter") this.queue.push(this.editor.submit());
        else if (key.type === "text") this.editor.insert(key.text);
        continue;
      }
      if (key.type === "tab") {
        this.tab();
        continue;
      }
      if (key.type === "clear-screen") {
        this.clear();
        continue;
      }
      if (key.type === "interrupt") {
        this.term.write("^C\r\n");
        this.editor.reset();
        this.cursorRow = 0;
        this.prompt();
        continue;
      }
      const line = this.editor.apply(key);
      if (line === undefined) this.redraw();
      else void this.submit(line);
    }
  }

  private tab(): void {
    const line = this.editor.buffer.slice(0, this.editor.cursor);
    const list = this.editor.complete(this.host.complete(line));
    const again = this.lastTabLine === line;
    this.lastTabLine = line;
    if (list.length && again) {
      this.moveToEnd();
      this.term.write(`\r\n${formatColumns(list.slice(0, 200), this.term.cols).replace(/\n/g, "\r\n")}\r\n`);
      this.cursorRow = 0;
      this.prompt(false);
    }
    this.redraw();
  }

  private async submit(line: string): Promise<void> {
    this.moveToEnd();
    this.term.write("\r\n");
    this.cursorRow = 0;
    this.saveHistory();
    const trimmed = line.trim();
    if (trimmed === "clear") {
      this.clear();
      return;
    }
    if (trimmed !== "") {
      this.busy = true;
      try {
        await this.host.run(trimmed);
      } catch (e) {
        this.print(`error: ${e instanceof Error ? e.message : String(e)}\n`, "err");
      }
      this.busy = false;
    }
    this.prompt();
    const next = this.queue.shift();
    if (next !== undefined) {
      this.editor.insert(next);
      this.redraw();
      this.onData("\r");
    }
  }

  /** Write command output (`\n` line ends). stderr is tinted so errors stand out on a projector. */
  print(text: string, kind: "out" | "err" | "info" = "out"): void {
    if (!text) return;
    const body = text.replace(/\r?\n/g, "\r\n");
    const color = kind === "err" ? "\x1b[38;5;217m" : kind === "info" ? "\x1b[38;5;117m" : "";
    this.term.write(color ? `${color}${body}\x1b[0m` : body);
  }

  /** Print a message while the prompt is shown (a hint arriving, a teammate's fix). */
  notify(text: string): void {
    this.moveToEnd();
    this.term.write("\r\x1b[J");
    this.print(text.endsWith("\n") ? text : `${text}\n`, "info");
    this.cursorRow = 0;
    this.prompt(false);
    this.redraw();
  }

  clear(): void {
    this.term.clear();
    this.term.write("\x1b[2J\x1b[H");
    this.cursorRow = 0;
    this.prompt(false);
    this.redraw();
  }

  private prompt(resetLine = true): void {
    if (resetLine) this.editor.reset();
    this.term.write(PROMPT);
  }

  private moveToEnd(): void {
    const cols = this.term.cols;
    const endRow = Math.floor((PROMPT_LEN + this.editor.buffer.length) / cols);
    if (endRow > this.cursorRow) this.term.write(`\x1b[${endRow - this.cursorRow}B`);
    this.cursorRow = endRow;
  }

  /** Repaint the prompt line (it may wrap over several rows) and place the cursor. */
  private redraw(): void {
    const cols = this.term.cols;
    if (this.cursorRow > 0) this.term.write(`\x1b[${this.cursorRow}A`);
    this.term.write(`\r\x1b[J${PROMPT}${this.editor.buffer}`);
    const endPos = PROMPT_LEN + this.editor.buffer.length;
    const curPos = PROMPT_LEN + this.editor.cursor;
    // After writing exactly to a row's end the terminal waits to wrap: count that as the last row.
    const endRow = endPos > 0 && endPos % cols === 0 ? endPos / cols - 1 : Math.floor(endPos / cols);
    const curRow = Math.floor(curPos / cols);
    if (curRow < endRow) this.term.write(`\x1b[${endRow - curRow}A`);
    else if (curRow > endRow) this.term.write("\r\n");
    this.term.write(`\x1b[${(curPos % cols) + 1}G`);
    this.cursorRow = curRow;
  }

  private saveHistory(): void {
    try {
      localStorage.setItem(HISTORY_KEY, JSON.stringify(this.editor.entries.slice(-200)));
    } catch {
      // History is a nicety.
    }
  }

  dispose(): void {
    this.resizeObserver.disconnect();
    this.term.dispose();
    this.parent.replaceChildren();
  }
}
