import { describe, expect, it } from "vitest";
import { fromProtocolView, nodeStatusText } from "../../../client/view/from-protocol.ts";
import { soloView } from "../../../client/view/solo-view.ts";
import { createSession } from "../../../shared/game/session.ts";
import type { ClusterViewData } from "../../../shared/protocol/view.ts";
import { bundledLevel } from "../../support/client-builders.ts";

const data: ClusterViewData = {
  nodes: [
    { name: "node-2", ready: "False", conditions: [{ type: "Ready", status: "False", reason: "KubeletNotReady" }, { type: "MemoryPressure", status: "True", reason: "KubeletHasInsufficientMemory" }], unschedulable: false, taints: 1, ip: "10.0.0.3", podCIDR: "10.244.1.0/24", memoryUsedMi: 3072, memoryCapacityMi: 4096, diskUsedMi: 0, diskCapacityMi: 0 },
    { name: "node-1", ready: "True", conditions: [{ type: "Ready", status: "True", reason: "KubeletReady" }], unschedulable: true, taints: 0, ip: "10.0.0.2", podCIDR: "10.244.0.0/24", memoryUsedMi: 512, memoryCapacityMi: 8192, diskUsedMi: 100, diskCapacityMi: 20480 },
  ],
  pods: [{ key: "shop/web-1", namespace: "shop", name: "web-1", phase: "Running", status: "Running", ready: "1/1", node: "node-1", ip: "10.244.0.5", restarts: 2, owner: "ReplicaSet/web-7d9f" }],
  services: [
    { key: "default/kubernetes", namespace: "default", name: "kubernetes", type: "ClusterIP", clusterIP: "10.96.0.1", readyEndpoints: 1, notReadyEndpoints: 0, endpoints: [] },
    { key: "shop/web", namespace: "shop", name: "web", type: "ClusterIP", clusterIP: "10.96.0.20", readyEndpoints: 1, notReadyEndpoints: 2,
      endpoints: [{ pod: "shop/web-1", ready: true }, { pod: "shop/web-2", ready: false }, { pod: "shop/web-3", ready: false }],
      traffic: { requestsPerSec: 12.5, successRate: 0.8, reasons: { "connection refused": 30 } } },
  ],
  links: [{ key: "node-1|node-2", from: "node-1", to: "node-2", health: "down", reason: "node-1→node-2: i/o timeout at node-2" }],
  traffic: { requestsPerSec: 40, successRate: 0.75, latencyMs: 20, sloTarget: 0.99, budgetRemaining: 0.4, burnRate: 25 },
};

describe("converting the protocol's slim view into the map's model", () => {
  const v = fromProtocolView(data, { tick: 42, elapsedMs: 4200 });

  it("sorts nodes and words their status as kubectl get nodes does", () => {
    expect(v.nodes.map((n) => [n.name, n.status, n.problems, n.taints])).toEqual([
      ["node-1", "Ready,SchedulingDisabled", [], 0],
      ["node-2", "NotReady", ["MemoryPressure"], 1],
    ]);
  });

  it("keeps pods' kubectl STATUS and READY columns and their node", () => {
    expect(v.pods).toEqual([{ id: "shop/web-1", namespace: "shop", name: "web-1", node: "node-1", status: "Running", ready: "1/1", restarts: 2, owner: "ReplicaSet/web-7d9f" }]);
  });

  it("drops the API server's own Service and keeps endpoint counts", () => {
    expect(v.services.map((s) => [s.id, s.readyEndpoints, s.notReadyEndpoints])).toEqual([["shop/web", 1, 2]]);
  });

  it("turns MiB usage into the pressure bars' bytes, and draws no bar whose capacity is unknown", () => {
    const [n1, n2] = v.nodes;
    expect([n1.memory, n1.disk]).toEqual([{ usedBytes: 512 * 1024 ** 2, capacityBytes: 8 * 1024 ** 3 }, { usedBytes: 100 * 1024 ** 2, capacityBytes: 20 * 1024 ** 3 }]);
    expect(n2.memory).toEqual({ usedBytes: 3 * 1024 ** 3, capacityBytes: 4 * 1024 ** 3 });
    expect(n2.disk).toBeUndefined();
  });

  it("keeps each Service's endpoint pods with their readiness (lines, dashed when not ready) and its traffic", () => {
    const web = v.services.find((s) => s.id === "shop/web")!;
    expect(web.endpoints).toEqual([{ pod: "shop/web-1", ready: true }, { pod: "shop/web-2", ready: false }, { pod: "shop/web-3", ready: false }]);
    expect(web.traffic).toEqual({ requestsPerSec: 12.5, successRate: 0.8, reasons: { "connection refused": 30 } });
  });

  it("maps link health to line states and traffic to the SLO gauge", () => {
    expect(v.links[0]).toMatchObject({ state: "broken", detail: "node-1→node-2: i/o timeout at node-2" });
    expect(v.slo).toEqual({ target: 0.99, budgetRemaining: 0.4, successRate: 0.75, requestsPerSec: 40 });
    expect([v.tick, v.elapsedMs]).toEqual([42, 4200]);
  });

  it.each([
    ["True", false, "Ready"],
    ["False", false, "NotReady"],
    ["Unknown", false, "NotReady"],
    ["True", true, "Ready,SchedulingDisabled"],
  ])("node status text: Ready=%s unschedulable=%s → %s", (ready, unsched, text) => {
    expect(nodeStatusText(ready, unsched)).toBe(text);
  });
});

describe("solo view of a real level", () => {
  it("shows the readiness level as kubectl would: Running 0/1 pods, a Service with only not-ready endpoints", () => {
    const s = createSession(bundledLevel("probes-readiness-wrong-path"), { seed: 1 });
    const v = soloView(s.cluster);
    const orders = v.pods.filter((p) => p.name.startsWith("orders-"));
    expect(orders).toHaveLength(3);
    for (const p of orders) expect([p.status, p.ready, p.node?.startsWith("node-")]).toEqual(["Running", "0/1", true]);
    const svc = v.services.find((x) => x.id === "default/orders")!;
    expect([svc.readyEndpoints, svc.notReadyEndpoints]).toEqual([0, 3]);
    expect(svc.endpoints?.map((e) => e.ready)).toEqual([false, false, false]);
    expect(new Set(svc.endpoints?.map((e) => e.pod))).toEqual(new Set(orders.map((p) => p.id)));
  });

  it("adds node memory usage within capacity", () => {
    const s = createSession(bundledLevel("probes-readiness-wrong-path"), { seed: 1 });
    for (const n of soloView(s.cluster).nodes) {
      expect(n.memory!.capacityBytes).toBe(8 * 1024 ** 3);
      expect(n.memory!.usedBytes).toBeGreaterThan(0);
      expect(n.memory!.usedBytes).toBeLessThan(n.memory!.capacityBytes);
    }
  });

  it("only reads: building the view does not change the cluster's hash", () => {
    const s = createSession(bundledLevel("overlay-vxlan-blocked"), { seed: 3 });
    const before = s.hash();
    soloView(s.cluster);
    soloView(s.cluster);
    expect(s.hash()).toBe(before);
  });
});
