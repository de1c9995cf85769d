/**
 * The server's Prometheus metrics (prom-client), on a registry of their own so tests and
 * several servers in one process do not collide. The rooms update them; /metrics serves
 * them. Names follow Prometheus conventions: crashloop_ prefix, _total counters, _seconds.
 * Process CPU and RSS come from prom-client's default metrics (process_cpu_seconds_total,
 * process_resident_memory_bytes), which the load test reads.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export type RoomKindLabel = "drill" | "contest" | "contest-seat" | (string & {});

/** Tick work is ~0.05 ms for a small cluster and must stay ≤ 20 ms at p99 under load. */
const TICK_BUCKETS = [0.0001, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1];
const WRITE_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5];

export interface Metrics {
  readonly registry: Registry;
  /** Rooms alive on this process, by kind (inc on create, dec on dispose). */
  readonly rooms: Gauge<"kind">;
  /** Clients connected to this process, by room kind. */
  readonly clients: Gauge<"kind">;
  /** Wall time of one room tick (the simulation step plus state patching), in seconds. */
  readonly tickDuration: Histogram<"kind">;
  /** kubectl commands run, by room kind and outcome (ok, failed = non-zero exit, refused by role). */
  readonly commands: Counter<"kind" | "outcome">;
  /** Errors by type: the protocol's error codes (malformed, too-large, forbidden...), journal, health. */
  readonly errors: Counter<"type">;
  /** Messages refused by the per-client rate limit, by message type or room kind. */
  readonly rateLimited: Counter<"message">;
  /** Wall time of one journal batch commit, in seconds. */
  readonly journalWriteSeconds: Histogram;
  /** Journal operations committed (all batches). */
  readonly journalWrites: Counter;
  /** Journal batches that failed (they are retried). */
  readonly journalFailures: Counter;
  /** Rooms restored from the journal at start-up, by outcome (restored, skipped, failed). */
  readonly roomsRestored: Counter<"outcome">;
  /** Times `fn` as one tick of a room of `kind`. */
  timeTick<T>(kind: RoomKindLabel, fn: () => T): T;
  /** Prometheus text exposition. */
  render(): Promise<string>;
  readonly contentType: string;
}

export interface MetricsOptions {
  /** Process CPU, memory, event loop lag, GC (default true). */
  defaultMetrics?: boolean;
  /** Constant labels on every series (e.g. { process: "a" }). */
  labels?: Record<string, string>;
}

export function createMetrics(opts: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (opts.labels) registry.setDefaultLabels(opts.labels);
  if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const rooms = new Gauge({ name: "crashloop_rooms", help: "Rooms alive on this process", labelNames: ["kind"] as const, registers });
  const clients = new Gauge({ name: "crashloop_clients", help: "Clients connected to this process", labelNames: ["kind"] as const, registers });
  const tickDuration = new Histogram({ name: "crashloop_tick_duration_seconds", help: "Wall time of one room tick", labelNames: ["kind"] as const, buckets: TICK_BUCKETS, registers });
  const commands = new Counter({ name: "crashloop_commands_total", help: "kubectl commands run", labelNames: ["kind", "outcome"] as const, registers });
  const errors = new Counter({ name: "crashloop_errors_total", help: "Errors by type", labelNames: ["type"] as const, registers });
  const rateLimited = new Counter({ name: "crashloop_rate_limited_total", help: "Messages refused by the per-client rate limit", labelNames: ["message"] as const, registers });
  const journalWriteSeconds = new Histogram({ name: "crashloop_journal_write_seconds", help: "Wall time of one journal batch commit", buckets: WRITE_BUCKETS, registers });
  const journalWrites = new Counter({ name: "crashloop_journal_writes_total", help: "Journal operations committed", registers });
  const journalFailures = new Counter({ name: "crashloop_journal_failures_total", help: "Journal batches that failed (retried)", registers });
  const roomsRestored = new Counter({ name: "crashloop_rooms_restored_total", help: "Rooms restored from the journal at start-up", labelNames: ["outcome"] as const, registers });

  return {
    registry,
    rooms,
    clients,
    tickDuration,
    commands,
    errors,
    rateLimited,
    journalWriteSeconds,
    journalWrites,
    journalFailures,
    roomsRestored,
    timeTick<T>(kind: RoomKindLabel, fn: () => T): T {
      const started = performance.now();
      try {
        return fn();
      } finally {
        tickDuration.observe({ kind }, (performance.now() - started) / 1000);
      }
    },
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
