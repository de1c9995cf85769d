import { tabwrite, DESCRIBE_TABWRITER } from "../tabwriter.ts";

/** Indentation levels of describe.go's PrefixWriter: two spaces each. */
export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;

/**
 * describe.go's PrefixWriter over tabbedString: text written at an indentation level, tabs
 * marking the cells the tabwriter aligns when the description is finished.
 */
export class DescribeWriter {
  private readonly parts: string[] = [];

  /** Write(level, text): `text` is already formatted (no printf here). */
  write(level: number, text: string): void {
    this.parts.push("  ".repeat(level) + text);
  }

  /** WriteLine(a...): the text and a newline, no indentation. */
  writeLine(text = ""): void {
    this.parts.push(text + "\n");
  }

  /** The aligned description (tabwriter minWidth 0, padding 2). */
  toString(): string {
    return tabwrite(this.parts.join(""), DESCRIBE_TABWRITER);
  }
}
