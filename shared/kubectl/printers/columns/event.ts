import type { KubeEvent } from "../../../k8s/schema/misc.ts";
import { translateTimestampSince } from "../../../k8s/printers/timestamp.ts";
import { col, type ColumnSet } from "./types.ts";

/** formatEventSource: `component, host`, falling back to reportingController/Instance. */
export function formatEventSource(e: KubeEvent): string {
  const component = e.source.component || e.reportingComponent || "";
  const instance = e.source.host || e.reportingInstance || "";
  return instance ? `${component}, ${instance}` : component;
}

/** OBJECT: `kind/name` with the kind lower-cased (`pod/web-abc`), as printEvent builds it. */
export function eventTarget(e: KubeEvent): string {
  const kind = e.involvedObject.kind.toLowerCase();
  return e.involvedObject.name ? `${kind}/${e.involvedObject.name}` : kind;
}

/**
 * printEvent. The Event API's eventTime and series are not simulated: firstTimestamp,
 * lastTimestamp and count are always set by the recorder.
 */
export const eventColumns: ColumnSet<"Event"> = {
  columns: [
    col("Last Seen"),
    col("Type"),
    col("Reason"),
    col("Object"),
    col("Subobject", true),
    col("Source", true),
    col("Message"),
    col("First Seen", true),
    col("Count", true),
    col("Name", true),
  ],
  nameColumn: 9,
  row(e, { nowMs }) {
    const first = translateTimestampSince(e.firstTimestamp || e.eventTime, nowMs);
    const last = e.lastTimestamp ? translateTimestampSince(e.lastTimestamp, nowMs) : first;
    return [
      last,
      e.type,
      e.reason,
      eventTarget(e),
      e.involvedObject.fieldPath ?? "",
      formatEventSource(e),
      e.message.trim(),
      first,
      String(e.count || 1),
      e.metadata.name,
    ];
  },
};
