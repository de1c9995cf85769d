import http from "node:http";
import type { AddressInfo } from "node:net";
import { LocalPresence, type Presence } from "@colyseus/core";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { createHealthCheck } from "../../../server/observability/health.ts";
import { createMetrics } from "../../../server/observability/metrics.ts";
import { createObservabilityRouter } from "../../../server/observability/router.ts";
import { MemoryJournal } from "../../../server/persistence/journal.ts";

class DownJournal extends MemoryJournal {
  override async ping(): Promise<void> {
    throw new Error("connection refused");
  }
}

const hangingPresence = { setex: () => new Promise(() => {}), get: async () => null } as unknown as Presence;

describe("health check", () => {
  it("is ok when the database answers and presence reads back what it wrote", async () => {
    const report = await createHealthCheck({ journal: new MemoryJournal(), presence: new LocalPresence() })();
    expect(report.status).toBe("ok");
    expect(Object.keys(report.checks).sort()).toEqual(["database", "presence"]);
  });

  it("is down, naming the failing check and why, when the database refuses", async () => {
    const report = await createHealthCheck({ journal: new DownJournal(), presence: new LocalPresence() })();
    expect(report.status).toBe("down");
    expect(report.checks.database).toMatchObject({ ok: false, detail: "connection refused" });
    expect(report.checks.presence.ok).toBe(true);
  });

  it("reports a presence that does not answer in time as down instead of hanging", async () => {
    const report = await createHealthCheck({ presence: hangingPresence, timeoutMs: 50 })();
    expect(report).toMatchObject({ status: "down", checks: { presence: { ok: false, detail: "no answer within 50 ms" } } });
  });
});

describe("observability router", () => {
  let server: http.Server | undefined;
  afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

  async function serve(journal: MemoryJournal) {
    const metrics = createMetrics({ defaultMetrics: false });
    const app = express();
    app.use(createObservabilityRouter({ metrics, health: createHealthCheck({ journal, presence: new LocalPresence() }) }));
    server = http.createServer(app);
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", () => r()));
    return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, metrics };
  }

  it("GET /healthz answers 200 with the checks, 503 when one fails", async () => {
    const up = await serve(new MemoryJournal());
    const ok = await fetch(`${up.base}/healthz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: "ok" });
    await new Promise<void>((r) => server!.close(() => r()));

    const down = await serve(new DownJournal());
    const res = await fetch(`${down.base}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: "down", checks: { database: { ok: false } } });
  });

  it("GET /metrics serves the Prometheus text format", async () => {
    const { base, metrics } = await serve(new MemoryJournal());
    metrics.commands.inc({ kind: "drill", outcome: "ok" });
    const res = await fetch(`${base}/metrics`);
    expect(res.headers.get("content-type")).toContain("text/plain");
    expect(await res.text()).toContain('crashloop_commands_total{kind="drill",outcome="ok"} 1');
  });
});
