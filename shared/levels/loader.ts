/**
 * Loading a level file: YAML (one document, or the level followed by `---` manifest documents,
 * exactly as `kubectl apply -f` would take them) → zod validation → a Level. A bad file fails
 * with every problem listed, each with file, line, column, path and what was expected.
 */
import { LineCounter, parseAllDocuments, type Document } from "yaml";
import type { z } from "zod";
import type { Result } from "../util/result.ts";
import { err, ok } from "../util/result.ts";
import { locate } from "./locate.ts";
import { levelSchema, type Level } from "./schema.ts";

export interface LevelProblem {
  file: string;
  line?: number;
  col?: number;
  /** Path in the level (`goals[0].kind`, `cluster.manifests[2].spec.selector`). */
  path: string;
  message: string;
}

export function formatProblem(p: LevelProblem): string {
  const where = p.line ? `${p.file}:${p.line}:${p.col ?? 1}` : p.file;
  return `${where}: ${p.path ? `${p.path}: ` : ""}${p.message}`;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const k of path) out += typeof k === "number" ? `[${k}]` : `${out ? "." : ""}${String(k)}`;
  return out;
}

/** A clearer message for the zod issues authors meet most. */
function explain(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  if (issue.code === "invalid_union" && "note" in issue && issue.note === "No matching discriminator") {
    return `${issue.message}: expected "${issue.discriminator}" to be one of the catalogue's kinds`;
  }
  if (issue.code === "invalid_value") return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
  return issue.message;
}

interface Origin {
  doc: number;
  /** Path inside that document of the manifest (empty for a whole `---` document). */
  prefix: (string | number)[];
}

/** Parse and validate a level file's text. `file` is only used in problem reports. */
export function loadLevel(text: string, file = "<level>"): Result<Level, LevelProblem[]> {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false });
  const problems: LevelProblem[] = [];
  const list = Array.isArray(docs) ? docs : [];
  for (const d of list) {
    for (const e of d.errors) {
      const pos = lines.linePos(e.pos[0]);
      problems.push({ file, line: pos.line, col: pos.col, path: "", message: `YAML: ${e.message.split("\n")[0]}` });
    }
  }
  if (problems.length) return err(problems);
  const nonEmpty = list.filter((d) => d.contents !== null);
  if (nonEmpty.length === 0) return err([{ file, path: "", message: "empty file: expected a level document" }]);
  const [levelDoc, ...manifestDocs] = nonEmpty;
  const raw = levelDoc.toJS() as unknown;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return err([{ file, line: 1, col: 1, path: "", message: "expected a mapping with id, title, cluster, goals, solution..." }]);
  const level = raw as Record<string, unknown>;
  const origins: Origin[] = [];
  const cluster = (level.cluster ?? {}) as Record<string, unknown>;
  const embedded = Array.isArray(cluster.manifests) ? (cluster.manifests as unknown[]) : [];
  embedded.forEach((_, i) => origins.push({ doc: 0, prefix: ["cluster", "manifests", i] }));
  const extra = manifestDocs.map((d) => d.toJS() as unknown);
  manifestDocs.forEach((_, i) => origins.push({ doc: i + 1, prefix: [] }));
  if (extra.length) level.cluster = { ...cluster, manifests: [...embedded, ...extra] };

  const parsed = levelSchema.safeParse(level);
  if (parsed.success) return ok(parsed.data);
  const all = [levelDoc, ...manifestDocs];
  for (const issue of parsed.error.issues) problems.push(toProblem(issue, file, all, origins, lines));
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
  return err(problems);
}

function toProblem(issue: z.core.$ZodIssue, file: string, docs: Document[], origins: Origin[], lines: LineCounter): LevelProblem {
  let doc = docs[0];
  let path: PropertyKey[] = [...issue.path];
  let shown = formatPath(issue.path);
  if (path[0] === "cluster" && path[1] === "manifests" && typeof path[2] === "number" && origins[path[2]]) {
    const o = origins[path[2]];
    doc = docs[o.doc];
    path = [...o.prefix, ...path.slice(3)];
    if (o.doc > 0) shown = `document ${o.doc + 1} (manifest)${path.length ? "." + formatPath(path) : ""}`;
  }
  const unknownKey = issue.code === "unrecognized_keys" ? issue.keys[0] : undefined;
  const pos = locate(doc, lines, path, unknownKey);
  return { file, ...(pos ? { line: pos.line, col: pos.col } : {}), path: shown, message: explain(issue) };
}
