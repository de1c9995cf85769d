import { describe, expect, it } from "vitest";
import { emptyCounters, record } from "../../../../shared/net/traffic/counters.ts";
import { configureTraffic } from "../../../../shared/net/traffic/configure.ts";
import { budgetRemaining, trafficStats } from "../../../../shared/net/traffic/stats.ts";
import { deployment, l7Cluster, must, service } from "../../../support/net-l7-builders.ts";

describe("error budget arithmetic", () => {
  it.each([
    { target: 0.995, total: 0, failed: 0, remaining: 1 },
    { target: 0.995, total: 1000, failed: 0, remaining: 1 },
    { target: 0.995, total: 1000, failed: 1, remaining: 0.8 },
    { target: 0.995, total: 2000, failed: 5, remaining: 0.5 },
    { target: 0.995, total: 1000, failed: 5, remaining: 0 },
    { target: 0.995, total: 1000, failed: 50, remaining: 0 },
    { target: 0.9, total: 100, failed: 5, remaining: 0.5 },
    { target: 1, total: 100, failed: 1, remaining: 0 },
    { target: 1, total: 100, failed: 0, remaining: 1 },
  ])("target $target, $failed of $total failed ⇒ $remaining left", ({ target, total, failed, remaining }) => {
    expect(budgetRemaining(target, total, failed)).toBeCloseTo(remaining, 10);
  });

  it("keeps one bucket per second for the last minute", () => {
    const c = emptyCounters(0);
    for (let s = 0; s < 90; s++) record(c, "entry:x", s, 10, s % 2 === 0, "i/o timeout", 3);
    expect(c.scopes["entry:x"].buckets.map((b) => b.sec)).toEqual(Array.from({ length: 60 }, (_, i) => 30 + i));
    expect(c.scopes["entry:x"]).toMatchObject({ total: 900, failed: 450, reasons: { "i/o timeout": 450 } });
  });
});

describe("the budget burns while users see failures and recovers after the fix", () => {
  it("falls during an outage (burn rate > 1) and grows again once requests succeed", () => {
    const c = l7Cluster({ seed: 8, nodes: [{ name: "n1" }], objects: [deployment("web"), service("web", { type: "NodePort", nodePort: 30080 })] });
    c.advance(15_000);
    configureTraffic(c, { entries: [{ name: "users", via: { kind: "nodePort", port: 30080 }, ratePerSec: 200 }], sloTarget: 0.9 });
    c.advance(20_000);
    expect(trafficStats(c).users.slo.budgetRemaining).toBe(1);
    const svc = c.get("Service", "default", "web")!;
    must(c.update({ ...svc, spec: { ...svc.spec, selector: { app: "typo" } } }));
    c.advance(1_000);
    const during = trafficStats(c, { windowMs: 1_000 }).users;
    expect(during.slo.burnRate).toBeGreaterThan(1);
    expect(during.slo.budgetRemaining).toBeLessThan(1);
    expect(during.slo.budgetRemaining).toBeGreaterThan(0);
    must(c.update({ ...c.get("Service", "default", "web")!, spec: { ...svc.spec } }));
    c.advance(30_000);
    const after = trafficStats(c, { windowMs: 10_000 }).users;
    expect(after.slo.burnRate).toBe(0);
    expect(after.slo.budgetRemaining).toBeGreaterThan(during.slo.budgetRemaining);
  });
});
