import { describe, expect, it } from "vitest";
import { createCluster } from "../../../../shared/sim/cluster.ts";

const deployment = (image: string) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "default" },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: "web" } },
    template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image }] } },
  },
});

describe("a Deployment end to end (controllers, scheduler, node IPAM, kubelet)", () => {
  it("runs its pods Ready; a typo'd tag is fixed by rolling out a good one", () => {
    const c = createCluster({ freeze: true, nodes: [{ name: "node-1" }, { name: "node-2" }], objects: [deployment("nginx:1.255")] });
    c.advance(30_000);
    const bad = c.list("Pod", { namespace: "default", labelSelector: "app=web" });
    expect(bad.length).toBeGreaterThan(0);
    for (const p of bad) {
      expect(p.status?.phase).toBe("Pending");
      expect((p.status?.containerStatuses?.[0].state as { waiting?: { reason?: string } }).waiting?.reason).toMatch(/^(ErrImagePull|ImagePullBackOff)$/);
    }
    const r = c.apply(deployment("nginx:1.25"));
    expect(r.ok).toBe(true);
    const allReady = c.runUntil((cl) => {
      const pods = cl.list("Pod", { namespace: "default", labelSelector: "app=web" });
      return pods.length === 3 && pods.every((p) => p.status?.conditions?.some((x) => x.type === "Ready" && x.status === "True"));
    }, 120_000);
    expect(allReady).toBe(true);
    const ips = c.list("Pod", { namespace: "default", labelSelector: "app=web" }).map((p) => p.status?.podIP ?? "");
    expect(new Set(ips).size).toBe(3);
    expect(ips.every((ip) => ip.startsWith("10.244."))).toBe(true);
  });
});
