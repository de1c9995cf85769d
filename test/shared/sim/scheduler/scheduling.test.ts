import { describe, expect, it } from "vitest";
import { clusterWithNodes, eventsFor, must, nodeOf, podManifest, podScheduledCondition, priorityClass } from "../../../support/scheduler-builders.ts";

describe("binding", () => {
  it("sets spec.nodeName, PodScheduled=True and records Scheduled from default-scheduler", () => {
    const c = clusterWithNodes([{ name: "node-2" }]);
    must(c.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } }));
    must(c.apply(podManifest("web-7d4b9c6f8-x2k9q", { namespace: "shop" })));
    c.advance(100);
    expect(nodeOf(c, "web-7d4b9c6f8-x2k9q", "shop")).toBe("node-2");
    expect(podScheduledCondition(c, "web-7d4b9c6f8-x2k9q", "shop")).toMatchObject({ status: "True", lastProbeTime: null });
    const [ev] = eventsFor(c, "web-7d4b9c6f8-x2k9q", "Scheduled", "shop");
    expect(ev).toMatchObject({ type: "Normal", message: "Successfully assigned shop/web-7d4b9c6f8-x2k9q to node-2", source: { component: "default-scheduler" } });
  });

  it("leaves pods with spec.nodeName alone (the kubelet admits them)", () => {
    const c = clusterWithNodes([{ name: "node-1", cpu: "1" }, { name: "node-2" }]);
    must(c.apply(podManifest("pinned", { nodeName: "node-1", cpu: "2" })));
    c.advance(100);
    expect(nodeOf(c, "pinned")).toBe("node-1");
    expect(eventsFor(c, "pinned", "Scheduled")).toHaveLength(0);
    expect(eventsFor(c, "pinned", "FailedScheduling")).toHaveLength(0);
  });

  it("leaves pods for another scheduler alone", () => {
    const c = clusterWithNodes([{ name: "node-1" }]);
    must(c.apply(podManifest("custom", { schedulerName: "my-scheduler" })));
    c.advance(1000);
    expect(nodeOf(c, "custom")).toBeUndefined();
    expect(eventsFor(c, "custom")).toHaveLength(0);
  });
});

describe("resource accounting", () => {
  it("counts the requests of pods already bound", () => {
    const c = clusterWithNodes([{ name: "node-1", cpu: "2" }]);
    must(c.apply(podManifest("a", { cpu: "1500m" })));
    c.advance(100);
    must(c.apply(podManifest("b", { cpu: "600m" })));
    c.advance(100);
    expect(nodeOf(c, "a")).toBe("node-1");
    expect(podScheduledCondition(c, "b")?.message).toMatch(/^0\/1 nodes are available: 1 Insufficient cpu\./);
  });

  it("takes the largest init container when it exceeds the sum of the containers", () => {
    const c = clusterWithNodes([{ name: "node-1", cpu: "2", memory: "4Gi" }]);
    must(c.apply(podManifest("migrate", { cpu: "100m", initCpu: "3" })));
    c.advance(100);
    expect(podScheduledCondition(c, "migrate")?.message).toMatch(/^0\/1 nodes are available: 1 Insufficient cpu\./);
  });

  it("does not add init containers to the containers' sum", () => {
    const c = clusterWithNodes([{ name: "node-1", cpu: "2" }]);
    must(c.apply(podManifest("migrate", { cpu: "1500m", initCpu: "1500m" })));
    c.advance(100);
    expect(nodeOf(c, "migrate")).toBe("node-1");
  });

  it("reports every short resource of a node", () => {
    const c = clusterWithNodes([{ name: "node-1", cpu: "1", memory: "1Gi" }]);
    must(c.apply(podManifest("big", { cpu: "2", memory: "2Gi" })));
    c.advance(100);
    expect(podScheduledCondition(c, "big")?.message).toMatch(/^0\/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory\./);
  });

  it("limits the number of pods to allocatable pods", () => {
    const c = clusterWithNodes([{ name: "node-1", pods: 2 }]);
    for (const name of ["a", "b", "c"]) must(c.apply(podManifest(name)));
    c.advance(100);
    expect([nodeOf(c, "a"), nodeOf(c, "b"), nodeOf(c, "c")]).toEqual(["node-1", "node-1", undefined]);
    expect(podScheduledCondition(c, "c")?.message).toMatch(/^0\/1 nodes are available: 1 Too many pods\./);
  });

  it("frees what a deleted pod requested and retries the waiting pod", () => {
    const c = clusterWithNodes([{ name: "node-1", cpu: "2" }]);
    must(c.apply(podManifest("a", { cpu: "1500m" })));
    c.advance(100);
    must(c.apply(podManifest("b", { cpu: "1" })));
    c.advance(100);
    expect(nodeOf(c, "b")).toBeUndefined();
    must(c.delete({ kind: "Pod", namespace: "default", name: "a" }, { gracePeriodSeconds: 0 }));
    c.advance(1000);
    expect(nodeOf(c, "b")).toBe("node-1");
  });
});

describe("requeueing unschedulable pods", () => {
  it("uncordoning the node schedules the pod", () => {
    const c = clusterWithNodes([{ name: "node-1", unschedulable: true }]);
    must(c.apply(podManifest("web")));
    c.advance(100);
    const node = c.get("Node", undefined, "node-1")!;
    must(c.update({ ...node, spec: { ...node.spec, unschedulable: false } }));
    c.advance(1000);
    expect(nodeOf(c, "web")).toBe("node-1");
  });

  it("removing the taint schedules the pod", () => {
    const c = clusterWithNodes([{ name: "node-1", taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }] }]);
    must(c.apply(podManifest("web")));
    c.advance(100);
    const node = c.get("Node", undefined, "node-1")!;
    must(c.update({ ...node, spec: { ...node.spec, taints: [] } }));
    c.advance(1000);
    expect(nodeOf(c, "web")).toBe("node-1");
  });

  it("a new node schedules the pod", () => {
    const c = clusterWithNodes([{ name: "node-1", cpu: "1" }]);
    must(c.apply(podManifest("web", { cpu: "2" })));
    c.advance(100);
    const node = c.get("Node", undefined, "node-1")!;
    must(c.create({ ...node, metadata: { name: "node-2", labels: { "kubernetes.io/hostname": "node-2" } }, status: { ...node.status, allocatable: { ...node.status!.allocatable, cpu: "4" } } }));
    c.advance(1000);
    expect(nodeOf(c, "web")).toBe("node-2");
  });

  it("a node change unrelated to the rejection does not retry the pod", () => {
    const c = clusterWithNodes([{ name: "node-1", taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }] }]);
    must(c.apply(podManifest("web")));
    c.advance(100);
    const node = c.get("Node", undefined, "node-1")!;
    must(c.update({ ...node, metadata: { ...node.metadata, labels: { ...node.metadata.labels, team: "a" } } }));
    c.advance(30_000);
    expect(eventsFor(c, "web", "FailedScheduling")[0].count).toBe(1);
  });

  it("retries an unschedulable pod after 5 minutes without any event", () => {
    const c = clusterWithNodes([{ name: "node-1", cpu: "1" }]);
    c.advance(60_000); // the node's kubelet and controllers settle first
    must(c.apply(podManifest("web", { cpu: "2" })));
    c.advance(100);
    c.advance(5 * 60 * 1000 - 1000);
    expect(eventsFor(c, "web", "FailedScheduling")[0].count).toBe(1);
    c.advance(2000);
    expect(eventsFor(c, "web", "FailedScheduling")[0].count).toBe(2);
  });

  it("a pod retried soon after failing waits out its backoff", () => {
    const c = clusterWithNodes([{ name: "node-1", cpu: "1" }]);
    must(c.apply(podManifest("web", { cpu: "2" })));
    c.advance(100);
    const node = c.get("Node", undefined, "node-1")!;
    must(c.update({ ...node, status: { ...node.status, allocatable: { ...node.status!.allocatable, cpu: "4" } } }));
    c.advance(500);
    expect(nodeOf(c, "web")).toBeUndefined();
    c.advance(600);
    expect(nodeOf(c, "web")).toBe("node-1");
  });
});

describe("queue order", () => {
  it("tries higher-priority pods first when they compete for the same room", () => {
    const c = clusterWithNodes([{ name: "node-1", cpu: "1", unschedulable: true }]);
    must(c.apply(priorityClass("high", 1000)));
    must(c.apply(podManifest("low", { cpu: "800m", tolerations: [] })));
    must(c.apply(podManifest("high", { cpu: "800m", priorityClassName: "high" })));
    c.advance(100);
    c.advance(2000);
    const node = c.get("Node", undefined, "node-1")!;
    must(c.update({ ...node, spec: { ...node.spec, unschedulable: false } }));
    c.advance(1000);
    expect(nodeOf(c, "high")).toBe("node-1");
    expect(nodeOf(c, "low")).toBeUndefined();
  });
});
