import { describe, expect, it } from "vitest";
import { configureTraffic } from "../../../../shared/net/traffic/configure.ts";
import { trafficStats } from "../../../../shared/net/traffic/stats.ts";
import { deployment, l7Cluster, must, service } from "../../../support/net-l7-builders.ts";

function shop() {
  const c = l7Cluster({
    seed: 3,
    nodes: [{ name: "n1" }, { name: "n2" }],
    objects: [deployment("frontend", { replicas: 2 }), service("frontend", { type: "NodePort", nodePort: 30080 })],
  });
  c.advance(15_000);
  expect(configureTraffic(c, { entries: [{ name: "shop", via: { kind: "nodePort", port: 30080 }, ratePerSec: 100 }] })).toBe(true);
  return c;
}

describe("users at a NodePort", () => {
  it("all succeed while the Service has ready endpoints", () => {
    const c = shop();
    c.advance(10_000);
    const s = trafficStats(c, { windowMs: 10_000 });
    expect(s.entries.shop.successRate).toBe(1);
    expect(s.entries.shop.requestsPerSec).toBeCloseTo(100, 0);
    expect(s.services["default/frontend"].successRate).toBe(1);
    expect(s.users.slo.budgetRemaining).toBe(1);
  });

  it("a broken selector fails every request with `connection refused` (kube-proxy REJECT), and the fix restores them", () => {
    const c = shop();
    c.advance(5_000);
    const svc = c.get("Service", "default", "frontend")!;
    must(c.update({ ...svc, spec: { ...svc.spec, selector: { app: "frontent" } } }));
    c.advance(5_000);
    let s = trafficStats(c, { windowMs: 4_000 });
    expect(s.entries.shop.successRate).toBe(0);
    expect(Object.keys(s.entries.shop.reasons)).toEqual(["connection refused"]);
    expect(s.users.slo.budgetRemaining).toBe(0);
    const broken = c.get("Service", "default", "frontend")!;
    must(c.update({ ...broken, spec: { ...broken.spec, selector: { app: "frontend" } } }));
    c.advance(5_000);
    s = trafficStats(c, { windowMs: 4_000 });
    expect(s.entries.shop.successRate).toBe(1);
    expect(s.entries.shop.reasons).toEqual({});
  });
});
