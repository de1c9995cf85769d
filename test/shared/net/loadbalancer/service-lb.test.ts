import { describe, expect, it } from "vitest";
import { allocateLoadBalancerIP } from "../../../../shared/net/loadbalancer/allocate.ts";
import { l7Cluster, must, service } from "../../../support/net-l7-builders.ts";

const events = (c: ReturnType<typeof l7Cluster>, name: string) =>
  c.list("Event").filter((e) => e.involvedObject.name === name).map((e) => `${e.type} ${e.reason} ${e.message}`);
const lbIngress = (c: ReturnType<typeof l7Cluster>, name: string) => c.get("Service", "default", name)!.status?.loadBalancer?.ingress;

describe("allocateLoadBalancerIP", () => {
  it.each([
    { pool: ["203.0.113.0/24"], used: [], want: "203.0.113.1" },
    { pool: ["203.0.113.0/24"], used: ["203.0.113.1", "203.0.113.2"], want: "203.0.113.3" },
    { pool: ["203.0.113.0/30"], used: ["203.0.113.1", "203.0.113.2"], want: undefined },
    { pool: ["203.0.113.0/30", "198.51.100.8/29"], used: ["203.0.113.1", "203.0.113.2"], want: "198.51.100.9" },
  ])("$pool minus $used ⇒ $want", ({ pool, used, want }) => expect(allocateLoadBalancerIP(pool, new Set(used))).toBe(want));
  it("honours spec.loadBalancerIP inside the pool", () => {
    expect(allocateLoadBalancerIP(["203.0.113.0/24"], new Set(), "203.0.113.77")).toBe("203.0.113.77");
    expect(allocateLoadBalancerIP(["203.0.113.0/24"], new Set(), "10.0.0.1")).toBeUndefined();
  });
});

describe("service controller (simulated cloud)", () => {
  it("stays <pending> for the provisioning delay, then assigns the pool's first address", () => {
    const c = l7Cluster({ nodes: [{ name: "n1" }], l7: { lbDelayMs: 3000 }, objects: [service("web", { type: "LoadBalancer" })] });
    c.advance(2900);
    expect(lbIngress(c, "web")).toBeUndefined();
    expect(events(c, "web")).toEqual(["Normal EnsuringLoadBalancer Ensuring load balancer"]);
    c.advance(200);
    expect(lbIngress(c, "web")).toEqual([{ ip: "203.0.113.1" }]);
    expect(events(c, "web")).toEqual(["Normal EnsuringLoadBalancer Ensuring load balancer", "Normal EnsuredLoadBalancer Ensured load balancer"]);
  });

  it("gives each Service its own address", () => {
    const c = l7Cluster({ nodes: [{ name: "n1" }], objects: [service("a", { type: "LoadBalancer" }), service("b", { type: "LoadBalancer" })] });
    c.advance(5000);
    expect([lbIngress(c, "a"), lbIngress(c, "b")]).toEqual([[{ ip: "203.0.113.1" }], [{ ip: "203.0.113.2" }]]);
  });

  it("without a cloud (empty pool) the address stays <pending> forever and nothing is reported", () => {
    const c = l7Cluster({ nodes: [{ name: "n1" }], l7: { lbPool: [] }, objects: [service("web", { type: "LoadBalancer" })] });
    c.advance(60_000);
    expect(lbIngress(c, "web")).toBeUndefined();
    expect(events(c, "web")).toEqual([]);
  });

  it("reports SyncLoadBalancerFailed when the pool is exhausted", () => {
    const c = l7Cluster({ nodes: [{ name: "n1" }], l7: { lbPool: ["203.0.113.0/30"] }, objects: [service("a", { type: "LoadBalancer" }), service("b", { type: "LoadBalancer" }), service("c", { type: "LoadBalancer" })] });
    c.advance(5000);
    expect(events(c, "c")).toContain("Warning SyncLoadBalancerFailed Error syncing load balancer: failed to ensure load balancer: no available IPs in the address pool");
  });

  it("releases the address when the type changes away from LoadBalancer", () => {
    const c = l7Cluster({ nodes: [{ name: "n1" }], objects: [service("web", { type: "LoadBalancer" })] });
    c.advance(5000);
    const svc = c.get("Service", "default", "web")!;
    must(c.update({ ...svc, spec: { ...svc.spec, type: "NodePort" } }));
    c.advance(100);
    expect(lbIngress(c, "web")).toBeUndefined();
    expect(events(c, "web").slice(-2)).toEqual(["Normal DeletingLoadBalancer Deleting load balancer", "Normal DeletedLoadBalancer Deleted load balancer"]);
  });
});
