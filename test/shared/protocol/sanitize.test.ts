import { describe, expect, it } from "vitest";
import { sanitizeName, sanitizeText } from "../../../shared/protocol/sanitize.ts";

describe("display names", () => {
  it.each([
    ["  alice  ", "alice"],
    ["<script>alert(1)</script>", "<script>alert(1)</script"],
    ["bob\u0000\u0007\u001b[31m", "bob [31m"],
    ["eve\u202egnp.exe", "eve gnp.exe"],
    ["zero\u200bwidth", "zero width"],
    ["tab\tand\nnewline", "tab and newline"],
    ["🚀".repeat(30), "🚀".repeat(24)],
  ])("%j is stored as %j", (raw, stored) => {
    expect(sanitizeName(raw, "anon")).toBe(stored);
  });

  it.each([[""], ["   "], ["\u0000\u0001"], [42], [null]])("falls back when nothing printable is left (%j)", (raw) => {
    expect(sanitizeName(raw, "player 3")).toBe("player 3");
  });

  it("cuts chat to its length in characters", () => {
    expect(sanitizeText("a".repeat(500), 280)).toHaveLength(280);
  });
});
