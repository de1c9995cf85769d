import { describe, expect, it } from "vitest";
import { DESCRIBE_TABWRITER, TABLE_TABWRITER, tabwrite } from "../../../../shared/kubectl/printers/tabwriter.ts";

describe("tabwrite (Go text/tabwriter, left-aligned, space padding)", () => {
  it.each([
    ["pads each column to its widest cell plus padding", "a\tbbb\tc\naaaa\tb\tc\n", { minWidth: 0, padding: 2 }, "a     bbb  c\naaaa  b    c\n"],
    ["never pads the text after the last tab", "x\tlast cell\nxx\ty\n", { minWidth: 0, padding: 1 }, "x  last cell\nxx y\n"],
    ["gives narrow columns the minimum width", "AB\tC\nx\ty\n", TABLE_TABWRITER, "AB    C\nx     y\n"],
    ["restarts alignment below a line without tabs", "Name:\tweb\nContainers:\n  a:\tb\n  longer:\tc\n", DESCRIBE_TABWRITER, "Name:  web\nContainers:\n  a:       b\n  longer:  c\n"],
    ["sizes a column only over the lines that have it", "a\tb\tc\naaaaaa\tb\nz\n", { minWidth: 0, padding: 1 }, "a      b c\naaaaaa b\nz\n"],
    ["pads empty cells too", "\tx\nlong\ty\n", { minWidth: 0, padding: 2 }, "      x\nlong  y\n"],
    ["counts runes, not bytes", "é\tx\nab\ty\n", { minWidth: 0, padding: 1 }, "é  x\nab y\n"],
    ["counts a surrogate pair (an emoji) as one rune", "😀\tx\nab\ty\n", { minWidth: 0, padding: 1 }, "😀  x\nab y\n"],
    ["counts a lone surrogate as one rune", "\ud800\tx\nab\ty\n", { minWidth: 0, padding: 1 }, "\ud800  x\nab y\n"],
    ["pads columns wider than 128 runes", `${"n".repeat(200)}\tx\na\ty\n`, { minWidth: 0, padding: 1 }, `${"n".repeat(200)} x\na${" ".repeat(200)}y\n`],
    ["keeps a final line without newline", "a\tb", { minWidth: 0, padding: 1 }, "a b"],
  ])("%s", (_name, input, opts, expected) => {
    expect(tabwrite(input, opts)).toBe(expected);
  });

  // As in real `kubectl describe pod` output: QoS Class lines up with the condition statuses.
  it("keeps one column block across lines that all have a cell in it", () => {
    const input = "Conditions:\n  Type\tStatus\n  Ready \tTrue \nQoS Class:\tBurstable\nNode-Selectors:\t<none>\n";
    expect(tabwrite(input, DESCRIBE_TABWRITER)).toBe(
      "Conditions:\n  Type           Status\n  Ready          True \nQoS Class:       Burstable\nNode-Selectors:  <none>\n",
    );
  });
});
