import { KINDS, objectKey, type Kind, type Stored } from "../k8s/kinds.ts";
import type { KubeEvent } from "../k8s/schema/misc.ts";
import type { Store } from "./store.ts";

export interface EventSource {
  component: string;
  host?: string;
}

/** apiserver --event-ttl: events older than this are deleted. */
export const EVENT_TTL_MS = 60 * 60 * 1000;

/**
 * The event recorder (client-go tools/record): an Event object in the involved object's
 * namespace, and a repeat of the same (source, object, type, reason, message) only bumps
 * `count` and `lastTimestamp`, as the EventCorrelator's aggregation does.
 */
export class EventRecorder {
  /** aggregation key ⇒ Event key; derived, rebuilt from the stored events. */
  private readonly byAggregate = new Map<string, string>();

  constructor(private readonly store: Store) {
    for (const ev of store.list("Event")) this.byAggregate.set(aggregateKey(ev), objectKey(ev.metadata.namespace, ev.metadata.name));
    store.watch((w) => {
      if (w.kind === "Event" && w.type === "DELETED") {
        const agg = aggregateKey(w.object as Stored<KubeEvent>);
        if (this.byAggregate.get(agg) === w.key) this.byAggregate.delete(agg);
      }
    });
  }

  record(
    involved: Stored,
    type: "Normal" | "Warning",
    reason: string,
    message: string,
    source: EventSource,
    fieldPath?: string,
  ): void {
    const kind = (involved as { kind: Kind }).kind;
    const info = KINDS[kind];
    const namespace = involved.metadata.namespace ?? "default";
    const now = this.store.nowTimestamp();
    const involvedObject = {
      kind,
      namespace: info.namespaced ? namespace : undefined,
      name: involved.metadata.name,
      uid: involved.metadata.uid,
      apiVersion: info.apiVersion,
      resourceVersion: involved.metadata.resourceVersion,
      ...(fieldPath ? { fieldPath } : {}),
    };
    const draft = { involvedObject, reason, message, source, type, metadata: { namespace } };
    const agg = aggregateKey(draft);
    const existingKey = this.byAggregate.get(agg);
    const existing = existingKey ? this.store.get("Event", existingKey) : undefined;
    if (existing) {
      this.store.update("Event", { ...existing, count: existing.count + 1, lastTimestamp: now });
      return;
    }
    // Real names are `<object>.<unix nanos in hex>`; nanos come from the simulated clock.
    const name = `${involved.metadata.name}.${nanosHex(this.store.nowMs(), ++this.store.state.seq.event)}`;
    const event: KubeEvent = {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name, namespace },
      involvedObject,
      reason,
      message,
      source,
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? "",
    };
    this.store.create("Event", event);
    this.byAggregate.set(agg, objectKey(namespace, name));
  }
}

/**
 * (ms * 1e6 + seq) in hex without BigInt (which is slow): ms = hi * 2^24 + lo, so the value
 * is (hi * 1e6 + carry) * 2^24 + (lo * 1e6 + seq) mod 2^24, every part exact in a double.
 */
export function nanosHex(ms: number, seq: number): string {
  const hi = Math.floor(ms / 0x1000000);
  const loPart = (ms % 0x1000000) * 1_000_000 + seq;
  const carry = Math.floor(loPart / 0x1000000);
  const high = hi * 1_000_000 + carry;
  const low = (loPart % 0x1000000).toString(16);
  return high === 0 ? low : high.toString(16) + low.padStart(6, "0");
}

function aggregateKey(e: Pick<KubeEvent, "involvedObject" | "reason" | "message" | "source" | "type">): string {
  const o = e.involvedObject;
  return [e.source.component, e.source.host ?? "", o.kind, o.namespace ?? "", o.name, o.uid ?? "", o.fieldPath ?? "", e.type, e.reason, e.message].join("\0");
}
