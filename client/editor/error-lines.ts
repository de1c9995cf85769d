/**
 * Inline validation errors for the edit buffer: YAML syntax errors, and the API server's field
 * errors from a refused save (`* spec.replicas: Invalid value: -1: must be greater than or equal
 * to 0`) placed on the line of the field they name (or its nearest existing parent).
 */
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from "yaml";

export interface LineDiagnostic {
  /** Character offsets in the text. */
  from: number;
  to: number;
  message: string;
}

/** `spec.template.spec.containers[0].image` → ["spec","template","spec","containers",0,"image"]. */
export function parseFieldPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split(".")) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/** The field errors of a kubectl error message: lines `* path: message`. */
export function fieldErrors(stderr: string): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  for (const line of stderr.split("\n")) {
    const m = /^\*\s+([A-Za-z0-9_.[\]-]+):\s+(.*)$/.exec(line.trim());
    if (m) out.push({ path: m[1], message: m[2] });
  }
  return out;
}

function rangeOf(node: YamlNode | null | undefined): [number, number] | undefined {
  const r = node?.range;
  return r ? [r[0], r[1]] : undefined;
}

/** Syntax errors in the buffer, and each server field error at the field's place. */
export function diagnose(text: string, serverError?: string): LineDiagnostic[] {
  const doc = parseDocument(text, { lineCounter: new LineCounter(), prettyErrors: false });
  const out: LineDiagnostic[] = doc.errors.map((e) => ({ from: e.pos[0], to: Math.max(e.pos[1], e.pos[0] + 1), message: e.message.split("\n")[0] }));
  if (!serverError) return out;
  const firstLineEnd = Math.max(0, text.indexOf("\n"));
  for (const fe of fieldErrors(serverError)) {
    const path = parseFieldPath(fe.path);
    let node: unknown = doc.contents;
    let found: [number, number] | undefined;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
        if (!pair) break;
        found = rangeOf(pair.key as YamlNode) ?? found;
        node = pair.value;
      } else if (isSeq(node) && typeof key === "number") {
        node = node.items[key];
        found = rangeOf(node as YamlNode) ?? found;
      } else break;
    }
    const [from, to] = found ?? [0, firstLineEnd];
    out.push({ from, to: Math.max(to, from + 1), message: `${fe.path}: ${fe.message}` });
  }
  return out;
}
