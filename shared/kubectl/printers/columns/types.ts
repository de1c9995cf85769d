import type { Kind, KindMap, Stored } from "../../../k8s/kinds.ts";

/** One column of a `kubectl get` table (metav1.TableColumnDefinition, reduced to what prints). */
export interface ColumnDef {
  /** As printers.go names it ("Up-to-date"); the header is its upper-case form. */
  name: string;
  /** Priority 1: shown only with `-o wide`. */
  wide?: boolean;
}

export interface RowContext {
  /** printPodRow takes a Date; only getTime() is ever read from it. */
  now: Date;
  nowMs: number;
}

/** The columns of one kind and how to fill a row: a handler of printers.go AddHandlers. */
export interface ColumnSet<K extends Kind = Kind> {
  columns: readonly ColumnDef[];
  /** Index of the column with Format "name" (gets the `kind/` prefix with --show-kind), -1 if none. */
  nameColumn: number;
  /** All cells, wide ones included, in column order. */
  row(obj: Stored<KindMap[K]>, ctx: RowContext): string[];
}

export const col = (name: string, wide = false): ColumnDef => (wide ? { name, wide } : { name });
