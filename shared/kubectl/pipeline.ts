/**
 * The shell filters a player may pipe kubectl's output through: `grep [-v] [-i] [-E] [-c] [-w]
 * PATTERN`, `head [-n N | -N]`, `tail [-n N | -N]`, `wc -l`. They read stdout only (stderr
 * goes to the terminal as a real shell would show it). Errors use GNU coreutils' wording.
 */
export interface FilterResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

type Filter = (args: string[], input: string) => FilterResult;

const splitLines = (s: string): string[] => (s === "" ? [] : s.replace(/\n$/, "").split("\n"));
const joinLines = (lines: string[]): string => (lines.length ? lines.join("\n") + "\n" : "");

function grep(args: string[], input: string): FilterResult {
  let invert = false;
  let ignoreCase = false;
  let count = false;
  let word = false;
  let pattern: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-e" && i + 1 < args.length) pattern = args[++i];
    else if (a.startsWith("-") && a.length > 1 && pattern === undefined) {
      for (const c of a.slice(1)) {
        if (c === "v") invert = true;
        else if (c === "i") ignoreCase = true;
        else if (c === "c") count = true;
        else if (c === "w") word = true;
        else if (c === "E" || c === "F" || c === "G") continue;
        else return { stdout: "", stderr: `grep: invalid option -- '${c}'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n`, exitCode: 2 };
      }
    } else if (pattern === undefined) pattern = a;
  }
  if (pattern === undefined) return { stdout: "", stderr: "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", exitCode: 2 };
  let re: RegExp;
  try {
    // Simplification: basic and extended regular expressions are both read as JavaScript regexps.
    let src = pattern.replace(/\\\|/g, "|");
    // A nested quantifier (`(a+)+`) can backtrack for ever: such patterns are matched literally.
    if (src.length > 200 || /\([^)]*[+*}][^)]*\)\s*[+*{]/.test(src)) src = src.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    re = new RegExp(word ? `(^|[^\\w])(${src})($|[^\\w])` : src, ignoreCase ? "i" : "");
  } catch {
    return { stdout: "", stderr: "grep: Unmatched ( or \\(\n", exitCode: 2 };
  }
  const kept = splitLines(input).filter((l) => re.test(l) !== invert);
  if (count) return { stdout: `${kept.length}\n`, stderr: "", exitCode: kept.length ? 0 : 1 };
  return { stdout: joinLines(kept), stderr: "", exitCode: kept.length ? 0 : 1 };
}

function lineCount(cmd: "head" | "tail", args: string[]): number | string {
  let n = 10;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    let v: string | undefined;
    if (a === "-n") v = args[++i];
    else if (a.startsWith("-n")) v = a.slice(2);
    else if (/^-\d+$/.test(a)) v = a.slice(1);
    else if (a.startsWith("--lines=")) v = a.slice(8);
    else if (a.startsWith("-")) return `${cmd}: invalid option -- '${a.slice(1, 2)}'\nTry '${cmd} --help' for more information.\n`;
    else return `${cmd}: cannot open '${a}' for reading: No such file or directory\n`;
    if (v === undefined || !/^\d+$/.test(v)) return `${cmd}: invalid number of lines: ‘${v ?? ""}’\n`;
    n = Number(v);
  }
  return n;
}

function head(args: string[], input: string): FilterResult {
  const n = lineCount("head", args);
  if (typeof n === "string") return { stdout: "", stderr: n, exitCode: 1 };
  return { stdout: joinLines(splitLines(input).slice(0, n)), stderr: "", exitCode: 0 };
}

function tail(args: string[], input: string): FilterResult {
  const n = lineCount("tail", args);
  if (typeof n === "string") return { stdout: "", stderr: n, exitCode: 1 };
  const lines = splitLines(input);
  return { stdout: joinLines(n === 0 ? [] : lines.slice(-n)), stderr: "", exitCode: 0 };
}

function wc(args: string[], input: string): FilterResult {
  const lines = (input.match(/\n/g) ?? []).length;
  const words = input.split(/\s+/).filter(Boolean).length;
  const flags = args.join("");
  if (flags === "-l") return { stdout: `${lines}\n`, stderr: "", exitCode: 0 };
  if (flags === "-w") return { stdout: `${words}\n`, stderr: "", exitCode: 0 };
  if (flags === "-c") return { stdout: `${input.length}\n`, stderr: "", exitCode: 0 };
  return { stdout: `${String(lines).padStart(7)} ${String(words).padStart(7)} ${String(input.length).padStart(7)}\n`, stderr: "", exitCode: 0 };
}

function sort(args: string[], input: string): FilterResult {
  const lines = splitLines(input).sort();
  if (args.includes("-r")) lines.reverse();
  return { stdout: joinLines(lines), stderr: "", exitCode: 0 };
}

const FILTERS: Record<string, Filter> = { grep, egrep: grep, head, tail, wc, sort };

/** Run one pipeline stage over `input`; unknown programs answer like bash (exit 127). */
export function runFilter(stage: string[], input: string): FilterResult {
  const f = Object.prototype.hasOwnProperty.call(FILTERS, stage[0]) ? FILTERS[stage[0]] : undefined;
  if (!f) return { stdout: "", stderr: `bash: ${stage[0]}: command not found\n`, exitCode: 127 };
  return f(stage.slice(1), input);
}

export const FILTER_NAMES = Object.keys(FILTERS);
