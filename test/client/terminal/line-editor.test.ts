import { describe, expect, it } from "vitest";
import { commonPrefix, formatColumns, LineEditor, parseInput, type Key } from "../../../client/terminal/line-editor.ts";

function typed(ed: LineEditor, data: string): string | undefined {
  let out: string | undefined;
  for (const k of parseInput(data)) out = ed.apply(k) ?? out;
  return out;
}

describe("reading keys from the terminal", () => {
  it.each<[string, Key["type"]]>([
    ["\r", "enter"], ["\x7f", "backspace"], ["\x1b[D", "left"], ["\x1b[C", "right"], ["\x1b[A", "up"], ["\x1b[B", "down"],
    ["\x1b[H", "home"], ["\x01", "home"], ["\x1b[F", "end"], ["\x05", "end"], ["\x1b[3~", "delete"], ["\t", "tab"],
    ["\x03", "interrupt"], ["\x0c", "clear-screen"], ["\x15", "kill-before"], ["\x0b", "kill-after"], ["\x17", "kill-word"],
  ])("%j is %s", (data, type) => {
    expect(parseInput(data)).toEqual([{ type }]);
  });

  it("splits pasted text at line ends (each line runs) and drops unknown escapes", () => {
    expect(parseInput("kubectl get pods\r\nkubectl get svc\x1b[15~")).toEqual([
      { type: "text", text: "kubectl get pods" }, { type: "enter" }, { type: "text", text: "kubectl get svc" },
    ]);
  });
});

describe("editing a line", () => {
  it("inserts at the cursor, deletes, and moves like readline", () => {
    const ed = new LineEditor();
    typed(ed, "kubectl get pod");
    typed(ed, "\x1b[D\x1b[D\x1b[D");
    typed(ed, "X");
    expect([ed.buffer, ed.cursor]).toEqual(["kubectl get Xpod", 13]);
    typed(ed, "\x7f\x1b[F\x15");
    expect([ed.buffer, ed.cursor]).toEqual(["", 0]);
  });

  it("kills the word before the cursor with Ctrl+W", () => {
    const ed = new LineEditor();
    typed(ed, "kubectl get pods  ");
    typed(ed, "\x17");
    expect(ed.buffer).toBe("kubectl get ");
  });

  it("submits on Enter and resets", () => {
    const ed = new LineEditor();
    expect(typed(ed, "kubectl version\r")).toBe("kubectl version");
    expect(ed.buffer).toBe("");
  });
});

describe("history", () => {
  it("recalls older lines with ↑ and comes back to the line being typed with ↓", () => {
    const ed = new LineEditor(["one", "two"]);
    typed(ed, "thr");
    typed(ed, "\x1b[A");
    expect(ed.buffer).toBe("two");
    typed(ed, "\x1b[A\x1b[A");
    expect(ed.buffer).toBe("one");
    typed(ed, "\x1b[B\x1b[B");
    expect(ed.buffer).toBe("thr");
  });

  it("skips empty lines and immediate repeats", () => {
    const ed = new LineEditor();
    typed(ed, "a\r\ra\rb\r");
    expect(ed.entries).toEqual(["a", "b"]);
  });
});

describe("tab completion", () => {
  it("completes a single candidate with a trailing space", () => {
    const ed = new LineEditor();
    typed(ed, "kubectl desc");
    expect(ed.complete(["describe"])).toEqual([]);
    expect(ed.buffer).toBe("kubectl describe ");
  });

  it("inserts the common prefix of several, and lists them when it cannot grow", () => {
    const ed = new LineEditor();
    typed(ed, "kubectl get po");
    expect(ed.complete(["pods", "podtemplates"])).toEqual([]);
    expect(ed.buffer).toBe("kubectl get pod");
    expect(ed.complete(["pods", "podtemplates"])).toEqual(["pods", "podtemplates"]);
  });

  it("replaces only the word before the cursor", () => {
    const ed = new LineEditor();
    typed(ed, "kubectl lo -n shop");
    typed(ed, "\x1b[D".repeat(8));
    ed.complete(["logs"]);
    expect(ed.buffer).toBe("kubectl logs  -n shop");
  });

  it.each([
    [["pods", "podtemplates"], "pod"],
    [["a"], "a"],
    [["abc", "xyz"], ""],
  ])("common prefix of %j is %j", (words, p) => {
    expect(commonPrefix(words)).toBe(p);
  });

  it("lays candidates out in columns", () => {
    expect(formatColumns(["aa", "bb", "cc"], 8)).toBe("aa  bb\ncc");
  });
});
