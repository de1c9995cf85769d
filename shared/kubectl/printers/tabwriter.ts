/**
 * A port of Go's text/tabwriter (the elastic tabstops kubectl's output goes through), for
 * left-aligned cells padded with spaces. Cells are tab-terminated; the text after a line's last
 * tab is not part of any column and is never padded. A column's width is set per "column
 * block": the run of consecutive lines that have a cell in that column, so a line without tabs
 * (a section title in `kubectl describe`) starts fresh alignment below it.
 *
 * `kubectl get` uses minWidth 6 and padding 3 (cli-runtime printers/tabwriter.go);
 * `kubectl describe` uses minWidth 0 and padding 2 (describe.go tabbedString).
 */
export interface TabwriterOptions {
  minWidth: number;
  padding: number;
}

export const TABLE_TABWRITER: TabwriterOptions = { minWidth: 6, padding: 3 };
export const DESCRIBE_TABWRITER: TabwriterOptions = { minWidth: 0, padding: 2 };

/**
 * Align `text` the way writing it to a Go tabwriter.Writer and flushing would.
 *
 * Written for 3,000-row `kubectl get pods`: cells stay plain strings (widths in a parallel
 * array), rune counts skip the string iterator, padding is cut from a constant, and the output is
 * built by concatenation.
 */
export function tabwrite(text: string, opts: TabwriterOptions): string {
  const lines: string[][] = text.split("\n").map((l) => l.split("\t"));
  // The segment after the final newline is an empty line with no cells in Go's buffer.
  const last = lines[lines.length - 1];
  if (last.length === 1 && last[0] === "") lines[lines.length - 1] = [];
  /** Rune widths of each line's cells, all but the last (which is never part of a column). */
  const cellWidths: number[][] = lines.map((line) => {
    const w: number[] = new Array(Math.max(0, line.length - 1));
    for (let j = 0; j < line.length - 1; j++) w[j] = runeCount(line[j]);
    return w;
  });
  let out = "";
  const widths: number[] = [];

  const writeLines = (line0: number, line1: number): void => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i];
      const w = cellWidths[i];
      for (let j = 0; j < line.length; j++) {
        out += line[j];
        if (j < widths.length) out += spaces(widths[j] - w[j]);
      }
      if (i + 1 < lines.length) out += "\n";
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let current = line0; current < line1; current++) {
      if (column >= lines[current].length - 1) continue;
      // A cell exists in this column: print the lines above the block, then size the block.
      writeLines(line0, current);
      line0 = current;
      let width = opts.minWidth;
      for (; current < line1; current++) {
        if (column >= lines[current].length - 1) break;
        width = Math.max(width, cellWidths[current][column] + opts.padding);
      }
      widths.push(width);
      format(line0, current);
      widths.pop();
      line0 = current;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out;
}

const PAD = " ".repeat(128);

/** `n` spaces (none when n ≤ 0), cut from one constant string. */
function spaces(n: number): string {
  if (n <= 0) return "";
  return n <= PAD.length ? PAD.substring(0, n) : " ".repeat(n);
}

/**
 * utf8.RuneCountInString for a JS string: code points, i.e. UTF-16 units minus the surrogate
 * pairs (a lone surrogate counts as one, as the string iterator counts it).
 */
function runeCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}
