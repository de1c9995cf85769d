import { KINDS, type Kind, type Stored } from "../../../k8s/kinds.ts";
import type { KubeEvent } from "../../../k8s/schema/misc.ts";
import { translateTimestampSince } from "../../../k8s/printers/timestamp.ts";
import { parseTimestamp } from "../../../k8s/time.ts";
import { eventsFor as indexedEventsFor } from "../../../sim/event-index.ts";
import type { Store } from "../../../sim/store.ts";
import { LEVEL_0, LEVEL_1, type DescribeWriter } from "./writer.ts";

/**
 * searchEvents: the events whose involvedObject is `obj`, matched by uid. Events of
 * cluster-scoped objects live in `default`, where the recorder puts them. For a Node, events
 * the kubelet records with the node name as uid are included too, as describe node merges both.
 * The list comes back in API order (by name) and is then sorted as event.SortableEvents sorts:
 * by lastTimestamp (stably, where Go's insertion sort for short lists is stable too).
 */
export function eventsFor(store: Store, kind: Kind, obj: Stored): Stored<KubeEvent>[] {
  const ns = KINDS[kind].namespaced ? obj.metadata.namespace ?? "default" : "default";
  const found = indexedEventsFor(store, ns, obj.metadata.uid);
  if (kind === "Node" && obj.metadata.name !== obj.metadata.uid) {
    for (const ev of indexedEventsFor(store, ns, obj.metadata.name)) {
      if (ev.involvedObject.kind === "Node") found.push(ev);
    }
    found.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  }
  return found
    .map((ev, i) => ({ ev, i, t: eventTimeMs(ev) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.ev);
}

function eventTimeMs(ev: KubeEvent): number {
  const ms = parseTimestamp(ev.lastTimestamp || ev.eventTime || "");
  return Number.isNaN(ms) ? -Infinity : ms;
}

/**
 * DescribeEvents: `Events:  <none>`, or a Type/Reason/Age/From/Message table where Age of a
 * repeated event reads `2m (x3 over 5m)` and the message is prefixed with the field path.
 */
export function describeEvents(w: DescribeWriter, events: readonly KubeEvent[], nowMs: number): void {
  if (events.length === 0) {
    w.write(LEVEL_0, "Events:\t<none>\n");
    return;
  }
  w.write(LEVEL_0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
  w.write(LEVEL_1, "----\t------\t----\t----\t-------\n");
  for (const e of events) {
    const first = translateTimestampSince(e.eventTime || e.firstTimestamp, nowMs);
    const interval = e.count > 1 ? `${translateTimestampSince(e.lastTimestamp, nowMs)} (x${e.count} over ${first})` : first;
    const source = e.source.component || e.reportingComponent || "";
    let message = e.message.trim();
    if (e.involvedObject.fieldPath) message = `${e.involvedObject.fieldPath}: ${message}`;
    w.write(LEVEL_1, `${e.type}\t${e.reason}\t${interval}\t${source}\t${message}\n`);
  }
}
