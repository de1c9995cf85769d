import { translateTimestampSince } from "../../../k8s/printers/timestamp.ts";
import { col, type ColumnSet } from "./types.ts";

/** The small kinds whose rows are a name, a count or two and the age. */

export const configMapColumns: ColumnSet<"ConfigMap"> = {
  columns: [col("Name"), col("Data"), col("Age")],
  nameColumn: 0,
  row(cm, { nowMs }) {
    const count = Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length;
    return [cm.metadata.name, String(count), translateTimestampSince(cm.metadata.creationTimestamp, nowMs)];
  },
};

/** TYPE is whatever is stored; the API server defaults it to Opaque, so that is the fallback. */
export const secretColumns: ColumnSet<"Secret"> = {
  columns: [col("Name"), col("Type"), col("Data"), col("Age")],
  nameColumn: 0,
  row(s, { nowMs }) {
    return [s.metadata.name, s.type ?? "Opaque", String(Object.keys(s.data ?? {}).length), translateTimestampSince(s.metadata.creationTimestamp, nowMs)];
  },
};

/** STATUS is status.phase; the API server sets Active on create. */
export const namespaceColumns: ColumnSet<"Namespace"> = {
  columns: [col("Name"), col("Status"), col("Age")],
  nameColumn: 0,
  row(ns, { nowMs }) {
    return [ns.metadata.name, ns.status?.phase ?? "Active", translateTimestampSince(ns.metadata.creationTimestamp, nowMs)];
  },
};

/** kubectl 1.30 has no PREEMPTIONPOLICY column (it came in 1.32). */
export const priorityClassColumns: ColumnSet<"PriorityClass"> = {
  columns: [col("Name"), col("Value"), col("Global-Default"), col("Age")],
  nameColumn: 0,
  row(pc, { nowMs }) {
    return [pc.metadata.name, String(pc.value), String(pc.globalDefault ?? false), translateTimestampSince(pc.metadata.creationTimestamp, nowMs)];
  },
};
