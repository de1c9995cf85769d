import type { Controller } from "../controller.ts";
import { EVENT_TTL_MS } from "../events.ts";
import { parseTimestamp } from "../../k8s/time.ts";

const NAME = "event-ttl";

/**
 * The API server's --event-ttl (1 h): an Event not repeated for an hour disappears, which is
 * why `kubectl get events` on a real cluster only shows recent history. One timer per Event,
 * set when it is created and pushed back while it keeps repeating.
 */
export const eventTtlController: Controller = {
  name: NAME,
  watches: {
    Event: (ev, ctx) => {
      if (ev.type === "ADDED") ctx.enqueueAfter(NAME, ev.key, EVENT_TTL_MS);
    },
  },
  sync(key, ctx) {
    const ev = ctx.store.get("Event", key);
    if (!ev) return;
    const expiresMs = parseTimestamp(ev.lastTimestamp) + EVENT_TTL_MS;
    if (expiresMs <= ctx.nowMs()) ctx.store.remove("Event", key);
    else ctx.enqueueAfter(NAME, key, expiresMs - ctx.nowMs());
  },
};
