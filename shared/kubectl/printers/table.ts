import { KINDS, type Kind, type Stored } from "../../k8s/kinds.ts";
import { COLUMN_SETS } from "./columns/index.ts";
import { formatLabels } from "./columns/helpers.ts";
import type { ColumnSet } from "./columns/types.ts";
import { tabwrite, TABLE_TABWRITER } from "./tabwriter.ts";

export interface TableOptions {
  now: Date;
  /** -o wide: include the priority-1 columns. */
  wide?: boolean;
  /** -A / --all-namespaces: a leading NAMESPACE column. */
  allNamespaces?: boolean;
  /** --show-labels: a trailing LABELS column. */
  showLabels?: boolean;
  /** -L key1,key2: one column per key, headed by the upper-cased last path segment of the key. */
  labelColumns?: string[];
  /** --no-headers */
  noHeaders?: boolean;
  /** --show-kind (or several kinds in one `get`): NAME cells read `deployment.apps/web`. */
  showKind?: boolean;
}

/** `pod`, `deployment.apps`: the lower-cased GroupKind kubectl prefixes names with. */
export function resourceHeader(kind: Kind): string {
  const group = KINDS[kind].group;
  return group ? `${kind.toLowerCase()}.${group}` : kind.toLowerCase();
}

/** `-o name`: `pod/web-abc`, `deployment.apps/web`. */
export function printName(obj: Stored): string {
  return `${resourceHeader(kindOf(obj))}/${obj.metadata.name}`;
}

/**
 * The table `kubectl get` prints for objects of one kind, in the order given: the kind's
 * columns from printers.go, decorated as cli-runtime's table printer does (NAMESPACE first,
 * then the kind's columns, the -L columns, LABELS last), aligned by the tabwriter.
 * An empty list prints nothing (kubectl says "No resources found" on stderr).
 */
export function printTable(objects: Stored[], options: TableOptions): string {
  if (objects.length === 0) return "";
  const kind = kindOf(objects[0]);
  const set = COLUMN_SETS[kind] as unknown as ColumnSet;
  const ctx = { now: options.now, nowMs: options.now.getTime() };
  const visible = set.columns.flatMap((c, i) => (c.wide && !options.wide ? [] : [i]));
  const labelKeys = options.labelColumns ?? [];
  // get.go drops the NAMESPACE column for cluster-scoped resources even with -A.
  const withNamespace = !!options.allNamespaces && KINDS[kind].namespaced;

  const header: string[] = [];
  if (withNamespace) header.push("NAMESPACE");
  for (const i of visible) header.push(set.columns[i].name.toUpperCase());
  for (const key of labelKeys) header.push(labelColumnHeader(key));
  if (options.showLabels) header.push("LABELS");

  const rows: string[][] = options.noHeaders ? [] : [header];
  for (const obj of objects) {
    const cells = set.row(obj, ctx);
    if (options.showKind && set.nameColumn >= 0) cells[set.nameColumn] = `${resourceHeader(kind)}/${cells[set.nameColumn]}`;
    const labels = obj.metadata.labels ?? {};
    const row: string[] = [];
    if (withNamespace) row.push(obj.metadata.namespace ?? "");
    for (const i of visible) row.push(cells[i]);
    for (const key of labelKeys) row.push(labels[key] ?? "");
    if (options.showLabels) row.push(formatLabels(labels));
    rows.push(row);
  }
  return tabwrite(rows.map((r) => r.join("\t") + "\n").join(""), TABLE_TABWRITER);
}

/** formatLabelHeaders: `app.kubernetes.io/name` heads a column `NAME`. */
function labelColumnHeader(key: string): string {
  const parts = key.split("/");
  return parts[parts.length - 1].toUpperCase();
}

function kindOf(obj: Stored): Kind {
  return (obj as { kind: Kind }).kind;
}
