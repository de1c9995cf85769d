/**
 * Adapts the Prometheus metrics to the ServerMetrics interface the rooms call (server/deps.ts).
 * Rate-limited messages go to crashloop_rate_limited_total; every other refusal is an error
 * typed by its protocol error code.
 */
import type { ServerMetrics } from "../deps.ts";
import type { Metrics } from "./metrics.ts";

export function serverMetrics(m: Metrics): ServerMetrics {
  return {
    roomCreated: (kind) => m.rooms.inc({ kind }),
    roomDisposed: (kind) => m.rooms.dec({ kind }),
    clientJoined: (kind) => m.clients.inc({ kind }),
    clientLeft: (kind) => m.clients.dec({ kind }),
    tickDuration: (kind, ms) => m.tickDuration.observe({ kind }, ms / 1000),
    command: (kind, outcome) => {
      if (outcome === "rate-limited") m.rateLimited.inc({ message: "kubectl" });
      else m.commands.inc({ kind, outcome });
    },
    messageRefused: (kind, code) => {
      if (code === "rate-limited") m.rateLimited.inc({ message: kind });
      else m.errors.inc({ type: code });
    },
  };
}
