/**
 * `-o yaml|json|name|jsonpath=...|custom-columns=...` as kubectl's printers write them. YAML
 * goes through JSON like sigs.k8s.io/yaml: keys sorted, lists not indented under their key,
 * YAML 1.1 quoting (`"1"`, `"y"`, timestamps quoted). JSON keeps the API's field order
 * (apiVersion, kind, metadata...) with 4-space indentation.
 */
import { stringify } from "yaml";
import type { Stored } from "../k8s/kinds.ts";
import { err, ok, type Result } from "../util/result.ts";
import type { AnyObject } from "./objects.ts";
import { executeJsonPath, findJsonPath, formatJsonPathValue, relaxedJsonPath } from "./jsonpath.ts";
import { printName } from "./printers/table.ts";
import { tabwrite, TABLE_TABWRITER } from "./printers/tabwriter.ts";

export type OutputFormat =
  | { kind: "table"; wide: boolean }
  | { kind: "yaml" }
  | { kind: "json" }
  | { kind: "name" }
  | { kind: "jsonpath"; template: string }
  | { kind: "custom-columns"; columns: { header: string; path: string }[] };

const OUTPUT_FORMATS = "custom-columns, custom-columns-file, go-template, go-template-file, json, jsonpath, jsonpath-as-json, jsonpath-file, name, template, templatefile, wide, yaml";

/** Read `-o` the way kubectl's PrintFlags do. */
export function parseOutputFormat(o: string): Result<OutputFormat, string> {
  if (o === "") return ok({ kind: "table", wide: false });
  if (o === "wide") return ok({ kind: "table", wide: true });
  if (o === "yaml" || o === "json" || o === "name") return ok({ kind: o });
  const eq = o.indexOf("=");
  const name = eq < 0 ? o : o.slice(0, eq);
  const arg = eq < 0 ? "" : o.slice(eq + 1);
  if (name === "jsonpath" || name === "jsonpath-as-json") {
    if (arg === "") return err("template format specified but no template given");
    return ok({ kind: "jsonpath", template: arg });
  }
  if (name === "custom-columns") {
    if (arg === "") return err("custom-columns format specified but no custom columns given");
    const columns: { header: string; path: string }[] = [];
    for (const spec of arg.split(",")) {
      const i = spec.indexOf(":");
      if (i <= 0 || i === spec.length - 1) return err(`unexpected custom-columns spec: ${spec}, expected <header>:<json-path-expr>`);
      const path = relaxedJsonPath(spec.slice(i + 1));
      if (!path.ok) return path;
      columns.push({ header: spec.slice(0, i), path: path.value });
    }
    return ok({ kind: "custom-columns", columns });
  }
  return err(`unable to match a printer suitable for the output format "${o}", allowed formats are: ${OUTPUT_FORMATS}`);
}

const META_ORDER = [
  "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp",
  "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers", "managedFields",
];

/** The object with Go's struct field order for the parts that show first. */
export function inApiOrder(obj: AnyObject): Record<string, unknown> {
  const o = obj as unknown as Record<string, unknown>;
  const meta = (o.metadata ?? {}) as Record<string, unknown>;
  const metadata: Record<string, unknown> = {};
  for (const k of META_ORDER) if (meta[k] !== undefined) metadata[k] = meta[k];
  for (const k of Object.keys(meta)) if (!(k in metadata)) metadata[k] = meta[k];
  const out: Record<string, unknown> = { apiVersion: o.apiVersion, kind: o.kind, metadata };
  for (const k of Object.keys(o)) if (!(k in out)) out[k] = o[k];
  return out;
}

/** The `kind: List` wrapper kubectl prints for several objects. */
export function asList(items: readonly AnyObject[]): Record<string, unknown> {
  return { apiVersion: "v1", items: items.map(inApiOrder), kind: "List", metadata: { resourceVersion: "" } };
}

export function toYaml(value: unknown): string {
  return stringify(value, { indentSeq: false, sortMapEntries: true, version: "1.1", lineWidth: 0, aliasDuplicateObjects: false });
}

export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 4) + "\n";
}

/** `pod/web-abc`, `deployment.apps/web`, `endpoints/web`. */
export function nameOf(obj: AnyObject): string {
  return obj.kind === "Endpoints" ? `endpoints/${obj.metadata.name}` : printName(obj as Stored);
}

/** Print objects in a non-table format; `single` prints one object rather than a List. */
export function printObjects(items: readonly AnyObject[], format: Exclude<OutputFormat, { kind: "table" }>, single: boolean, noHeaders = false): Result<string, string> {
  // Built only for the formats that print it: `-o name` of 3,000 pods should not copy them all.
  const data = () => (single && items.length === 1 ? inApiOrder(items[0]) : asList(items));
  switch (format.kind) {
    case "yaml":
      return ok(toYaml(data()));
    case "json":
      return ok(toJson(data()));
    case "name":
      return ok(items.map((o) => nameOf(o) + "\n").join(""));
    case "jsonpath": {
      const r = executeJsonPath(format.template, data());
      return r.ok ? r : err(r.error);
    }
    case "custom-columns": {
      const rows: string[][] = noHeaders ? [] : [format.columns.map((c) => c.header)];
      for (const o of items) {
        rows.push(
          format.columns.map((c) => {
            const found = findJsonPath(o, c.path);
            if (!found.ok || found.value.length === 0 || found.value.every((v) => v === undefined || v === null)) return "<none>";
            return found.value.map(formatCustomColumnValue).join(",");
          }),
        );
      }
      return ok(tabwrite(rows.map((r) => r.join("\t") + "\n").join(""), TABLE_TABWRITER));
    }
  }
}

/** fmt's %v: maps print as `map[k:v]`, lists as `[a b]`. */
function formatCustomColumnValue(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(formatCustomColumnValue).join(" ")}]`;
  if (v !== null && typeof v === "object") {
    return `map[${Object.keys(v).sort().map((k) => `${k}:${formatCustomColumnValue((v as Record<string, unknown>)[k])}`).join(" ")}]`;
  }
  return formatJsonPathValue(v);
}

/** --sort-by: stable sort on the value at a (relaxed) JSONPath; numbers numerically. */
export function sortObjects(items: AnyObject[], expr: string): Result<AnyObject[], string> {
  const path = relaxedJsonPath(expr);
  if (!path.ok) return path;
  const keyed = items.map((o, i) => {
    const found = findJsonPath(o, path.value);
    return { o, i, v: found.ok ? found.value[0] : undefined };
  });
  if (items.length > 0 && keyed.every((k) => k.v === undefined)) {
    return err(`couldn't find any field with path "${path.value}" in the list of objects`);
  }
  keyed.sort((a, b) => compareValues(a.v, b.v) || a.i - b.i);
  return ok(keyed.map((k) => k.o));
}

function compareValues(a: unknown, b: unknown): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  const sa = formatJsonPathValue(a);
  const sb = formatJsonPathValue(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}
