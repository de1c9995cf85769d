import { describe, expect, it } from "vitest";
import { configureTraffic } from "../../../../shared/net/traffic/configure.ts";
import { trafficStats } from "../../../../shared/net/traffic/stats.ts";
import { readL7 } from "../../../../shared/net/traffic/l7-state.ts";
import { restoreCluster } from "../../../../shared/sim/cluster.ts";
import { deployment, l7Cluster, must, service } from "../../../support/net-l7-builders.ts";
import type { NetworkInit } from "../../../../shared/net/state.ts";

function shop(network: NetworkInit = {}) {
  const c = l7Cluster({
    seed: 9,
    nodes: [{ name: "n1" }, { name: "n2" }],
    network,
    objects: [
      deployment("frontend", { replicas: 2 }),
      service("frontend", { type: "NodePort", nodePort: 30080 }),
      deployment("checkout", { replicas: 2 }),
      service("checkout"),
    ],
  });
  c.advance(15_000);
  configureTraffic(c, {
    entries: [{ name: "shop", via: { kind: "nodePort", port: 30080 }, ratePerSec: 100 }],
    calls: [{ from: "default/frontend", to: "http://checkout/" }],
  });
  c.advance(3_000);
  return c;
}

const window = { windowMs: 2_000 };

describe("applications calling each other", () => {
  it("carries the calls at the rate the caller is served", () => {
    const c = shop();
    c.advance(5_000);
    const s = trafficStats(c, { windowMs: 5_000 });
    expect(s.entries.shop.successRate).toBe(1);
    expect(s.services["default/checkout"].requestsPerSec).toBeCloseTo(100, 0);
  });

  it("a deleted dependency Service fails the users' requests with the root cause NXDOMAIN", () => {
    const c = shop();
    must(c.delete({ kind: "Service", namespace: "default", name: "checkout" }));
    c.advance(3_000);
    const s = trafficStats(c, window);
    expect(s.entries.shop.successRate).toBe(0);
    expect(Object.keys(s.entries.shop.reasons)).toEqual(["NXDOMAIN"]);
  });

  it("under calico a policy isolating checkout drops frontend's calls; allowing frontend restores them", () => {
    const c = shop({ cni: { plugin: "calico" } });
    must(c.apply({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "checkout-deny", namespace: "default" }, spec: { podSelector: { matchLabels: { app: "checkout" } }, policyTypes: ["Ingress"] } }));
    c.advance(3_000);
    expect(Object.keys(trafficStats(c, window).entries.shop.reasons)).toEqual(["dropped by NetworkPolicy"]);
    must(
      c.apply({
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: { name: "checkout-from-frontend", namespace: "default" },
        spec: { podSelector: { matchLabels: { app: "checkout" } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: "frontend" } } }], ports: [{ port: 80 }] }] },
      }),
    );
    c.advance(3_000);
    expect(trafficStats(c, window).entries.shop.successRate).toBe(1);
  });

  it("under flannel the same policy changes nothing", () => {
    const c = shop({ cni: { plugin: "flannel" } });
    must(c.apply({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "checkout-deny", namespace: "default" }, spec: { podSelector: { matchLabels: { app: "checkout" } }, policyTypes: ["Ingress"] } }));
    c.advance(3_000);
    expect(trafficStats(c, window).entries.shop.successRate).toBe(1);
  });

  it("a host firewall dropping VXLAN (UDP 8472) fails only the requests that cross nodes", () => {
    const c = shop({ firewall: [{ name: "sg-block-vxlan", protocol: "udp", port: 8472, action: "DROP" }] });
    c.advance(5_000);
    const s = trafficStats(c, { windowMs: 5_000 });
    expect(s.entries.shop.successRate).toBeGreaterThan(0);
    expect(s.entries.shop.successRate).toBeLessThan(1);
    expect(Object.keys(s.entries.shop.reasons)).toEqual(["i/o timeout"]);
  });

  it("continues identically after a save and restore", () => {
    const a = shop();
    const b = restoreCluster(a.toJSON(), { freeze: true });
    // The restored engine needs the same controllers: rebuild it the way the fixture does.
    const c = l7Cluster({ nodes: [] });
    (b as unknown as { engine: unknown }).engine = new (Object.getPrototypeOf(c.engine).constructor)(b.state, c.engine.controllers, { freeze: true });
    a.advance(4_000);
    b.advance(4_000);
    expect(readL7(b.state).traffic!.counters.scopes).toEqual(readL7(a.state).traffic!.counters.scopes);
    expect(b.hash()).toBe(a.hash());
  });
});
