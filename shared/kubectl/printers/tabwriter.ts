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

interface Cell {
  text: string;
  /** Width in runes (code points), as utf8.RuneCountInString counts. */
  width: number;
}

export const TABLE_TABWRITER: TabwriterOptions = { minWidth: 6, padding: 3 };
export const DESCRIBE_TABWRITER: TabwriterOptions = { minWidth: 0, padding: 2 };

/** Align `text` the way writing it to a Go tabwriter.Writer and flushing would. */
export function tabwrite(text: string, opts: TabwriterOptions): string {
  const lines: Cell[][] = text.split("\n").map(splitCells);
  // The segment after the final newline is an empty line with no cells in Go's buffer.
  const last = lines[lines.length - 1];
  if (last.length === 1 && last[0].text === "") lines[lines.length - 1] = [];
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (line0: number, line1: number): void => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i];
      for (let j = 0; j < line.length; j++) {
        const c = line[j];
        out.push(c.text);
        if (j < widths.length) out.push(" ".repeat(Math.max(0, widths[j] - c.width)));
      }
      if (i + 1 < lines.length) out.push("\n");
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
        const line = lines[current];
        if (column >= line.length - 1) break;
        width = Math.max(width, line[column].width + opts.padding);
      }
      widths.push(width);
      format(line0, current);
      widths.pop();
      line0 = current;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.join("");
}

function splitCells(line: string): Cell[] {
  return line.split("\t").map((text) => ({ text, width: runeCount(text) }));
}

function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
