import { describe, expect, it } from "vitest";
import { createMetrics } from "../../../server/observability/metrics.ts";
import { serverMetrics } from "../../../server/observability/server-metrics.ts";

const line = (text: string, series: string) => text.split("\n").find((l) => l.startsWith(series + " "))?.split(" ")[1];

describe("Prometheus metrics", () => {
  it("exposes rooms, clients, ticks, commands, errors, rate limiting and journal writes under crashloop_ names", async () => {
    const text = await createMetrics({ defaultMetrics: false }).render();
    for (const name of [
      "crashloop_rooms",
      "crashloop_clients",
      "crashloop_tick_duration_seconds",
      "crashloop_commands_total",
      "crashloop_errors_total",
      "crashloop_rate_limited_total",
      "crashloop_journal_write_seconds",
      "crashloop_journal_failures_total",
      "crashloop_rooms_restored_total",
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
  });

  it("includes process CPU and resident memory (the load test reads them)", async () => {
    const text = await createMetrics().render();
    expect(text).toMatch(/^process_cpu_seconds_total \d/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);
  });

  it("keeps separate registries per instance", async () => {
    const a = createMetrics({ defaultMetrics: false });
    const b = createMetrics({ defaultMetrics: false });
    a.rooms.inc({ kind: "drill" });
    expect(line(await a.render(), 'crashloop_rooms{kind="drill"}')).toBe("1");
    expect(line(await b.render(), 'crashloop_rooms{kind="drill"}')).toBeUndefined();
  });

  it("times a tick into the histogram and returns the tick's value", async () => {
    const m = createMetrics({ defaultMetrics: false });
    expect(m.timeTick("drill", () => 42)).toBe(42);
    expect(line(await m.render(), 'crashloop_tick_duration_seconds_count{kind="drill"}')).toBe("1");
  });
});

describe("the rooms' ServerMetrics adapter", () => {
  it.each([
    ["roomCreated", () => [["drill"]], 'crashloop_rooms{kind="drill"}', "1"],
    ["clientJoined", () => [["contest"]], 'crashloop_clients{kind="contest"}', "1"],
    ["command ok", () => [["drill", "ok"]], 'crashloop_commands_total{kind="drill",outcome="ok"}', "1"],
    ["command refused", () => [["drill", "refused"]], 'crashloop_commands_total{kind="drill",outcome="refused"}', "1"],
    ["command rate-limited", () => [["drill", "rate-limited"]], 'crashloop_rate_limited_total{message="kubectl"}', "1"],
    ["messageRefused malformed", () => [["drill", "malformed"]], 'crashloop_errors_total{type="malformed"}', "1"],
    ["messageRefused rate-limited", () => [["contest", "rate-limited"]], 'crashloop_rate_limited_total{message="contest"}', "1"],
  ] as const)("%s counts in %s", async (call, args, series, value) => {
    const m = createMetrics({ defaultMetrics: false });
    const sm = serverMetrics(m) as unknown as Record<string, (...a: string[]) => void>;
    const method = call.split(" ")[0];
    for (const a of args()) sm[method](...a);
    expect(line(await m.render(), series)).toBe(value);
  });

  it("balances joins and leaves, and records tick milliseconds as seconds", async () => {
    const m = createMetrics({ defaultMetrics: false });
    const sm = serverMetrics(m);
    sm.clientJoined("drill");
    sm.clientJoined("drill");
    sm.clientLeft("drill");
    sm.tickDuration("drill", 4);
    const text = await m.render();
    expect(line(text, 'crashloop_clients{kind="drill"}')).toBe("1");
    expect(line(text, 'crashloop_tick_duration_seconds_sum{kind="drill"}')).toBe("0.004");
  });
});
