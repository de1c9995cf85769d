import type { ObjectMeta } from "../../../k8s/schema/meta.ts";
import type { Taint } from "../../../k8s/schema/node.ts";
import type { Toleration } from "../../../k8s/schema/pod.ts";
import { formatTaint } from "../../../k8s/taints.ts";
import { LEVEL_0, type DescribeWriter } from "./writer.ts";

/** Annotations describe never shows (skipAnnotations). */
const SKIP_ANNOTATIONS = new Set(["kubectl.kubernetes.io/last-applied-configuration"]);
const MAX_ANNOTATION_LEN = 140;

/** printLabelsMultilineWithIndent: one `key=value` per line, sorted, aligned under the first. */
export function printLabelsMultiline(
  w: DescribeWriter,
  title: string,
  labels: Record<string, string> | null | undefined,
  initialIndent = "",
  innerIndent = "\t",
): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return w.writeLine("<none>");
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, initialIndent + innerIndent);
    w.write(LEVEL_0, `${key}=${labels![key]}\n`);
  });
}

/** printAnnotationsMultiline: long or multi-line values go below their key, each line cut at 138. */
export function printAnnotationsMultiline(w: DescribeWriter, title: string, annotations: Record<string, string> | null | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => !SKIP_ANNOTATIONS.has(k))
    .sort();
  if (keys.length === 0) return w.writeLine("<none>");
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, "\t");
    const value = annotations![key].replace(/\n$/, "");
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes("\n")) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split("\n")) w.write(LEVEL_0, `\t  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

function shorten(s: string, max: number): string {
  return s.length > max ? s.slice(0, max) + "..." : s;
}

/** printNodeTaintsMultiline: sorted by `effect,key`. */
export function printTaintsMultiline(w: DescribeWriter, title: string, taints: readonly Taint[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (!taints || taints.length === 0) return w.writeLine("<none>");
  const cmpKey = (t: Taint) => `${t.effect},${t.key}`;
  const sorted = [...taints].sort((a, b) => (cmpKey(a) < cmpKey(b) ? -1 : cmpKey(a) > cmpKey(b) ? 1 : 0));
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, "\t");
    w.write(LEVEL_0, `${formatTaint(t)}\n`);
  });
}

/**
 * printTolerationsMultilineWithIndent: `key=value:Effect`, ` op=Exists` for value-less Exists,
 * ` for 300s` with tolerationSeconds; sorted by key (Go's sort.Slice; stable here).
 */
export function printTolerationsMultiline(
  w: DescribeWriter,
  title: string,
  tolerations: readonly Toleration[] | undefined,
  initialIndent = "",
): void {
  w.write(LEVEL_0, `${initialIndent}${title}:\t`);
  if (!tolerations || tolerations.length === 0) return w.writeLine("<none>");
  const sorted = [...tolerations].sort((a, b) => ((a.key ?? "") < (b.key ?? "") ? -1 : (a.key ?? "") > (b.key ?? "") ? 1 : 0));
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, initialIndent + "\t");
    let s = t.key ?? "";
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === "Exists" && !t.value) s += t.key || t.effect ? " op=Exists" : "op=Exists";
    if (t.tolerationSeconds != null) s += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, s + "\n");
  });
}

/** printController: `Kind/name` of the controller owner reference, "" when none. */
export function printController(meta: ObjectMeta): string {
  const ref = (meta.ownerReferences ?? []).find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : "";
}

export function stringOrNone(s: string | undefined): string {
  return s ? s : "<none>";
}

/** printBool: `True` / `False`. */
export const printBool = (b: boolean | undefined): string => (b ? "True" : "False");
