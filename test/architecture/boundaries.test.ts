import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");

function sourceFiles(dir: string): string[] {
  let out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out = out.concat(sourceFiles(p));
    else if (/\.tsx?$/.test(e)) out.push(p);
  }
  return out;
}

function imports(file: string): string[] {
  const src = readFileSync(file, "utf8");
  return [...src.matchAll(/(?:import|export)[^'"]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? m[2]);
}

/** Code with comments and string literals blanked, so prose that mentions Date does not count. */
function code(file: string): string {
  return readFileSync(file, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\/\/.*$/gm, "")
    .replace(/`(?:\\.|[^`\\])*`|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'/g, '""');
}

describe("architecture boundaries (ARCHITECTURE.md import rules)", () => {
  const shared = sourceFiles(join(root, "shared"));

  it("finds the shared sources", () => {
    expect(shared.length).toBeGreaterThan(10);
  });

  it.each(shared.map((f) => [relative(root, f), f]))("%s imports nothing outside shared/ but zod and yaml", (_name, file) => {
    for (const spec of imports(file)) {
      if (spec.startsWith(".")) {
        const target = relative(root, join(file, "..", spec));
        expect(target.startsWith("shared/"), `${spec} leaves shared/`).toBe(true);
      } else {
        expect(["zod", "yaml"], `${spec} is not allowed in shared/`).toContain(spec);
      }
    }
  });

  it.each(shared.map((f) => [relative(root, f), f]))("%s uses no clock, no Math.random, no timers, no process", (_name, file) => {
    const src = code(file);
    expect(src).not.toMatch(/\bDate\.now\b|\bnew Date\b|\bMath\.random\b|\bsetTimeout\b|\bsetInterval\b|\bperformance\.now\b|\bprocess\./);
  });

  it.each([
    ["client", "server"],
    ["server", "client"],
  ])("%s/ never imports %s/", (from, to) => {
    for (const file of sourceFiles(join(root, from))) {
      for (const spec of imports(file)) {
        if (!spec.startsWith(".")) continue;
        const target = relative(root, join(file, "..", spec));
        expect(target.startsWith(`${to}/`), `${relative(root, file)} imports ${spec}`).toBe(false);
      }
    }
  });
});
