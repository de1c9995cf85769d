import { describe, expect, it } from "vitest";
import { createCluster, type Cluster } from "../../../../shared/sim/cluster.ts";
import type { Taint } from "../../../../shared/k8s/schema/node.ts";
import { reconcileNodeTaints } from "../../../../shared/sim/controllers/nodelifecycle/taints.ts";
import { computeZoneState } from "../../../../shared/sim/controllers/nodelifecycle/disruption.ts";
import { nextMonitorPass } from "../../../../shared/sim/controllers/nodelifecycle/health.ts";
import { advanceWithHeartbeats, heartbeat } from "../../../support/eviction-builders.ts";

const T = "2025-01-01T09:00:00Z";
const taintsOf = (conditions: [string, "True" | "False" | "Unknown"][], opts: { unschedulable?: boolean; taints?: Taint[] } = {}, mode: "normal" | "hold" | "clear" = "normal") =>
  reconcileNodeTaints(
    { spec: { unschedulable: opts.unschedulable, taints: opts.taints }, status: { conditions: conditions.map(([type, status]) => ({ type, status })) } },
    T,
    mode,
  )?.map((t) => `${t.key}:${t.effect}`);

describe("reconcileNodeTaints (TaintNodesByCondition and taint-based eviction)", () => {
  it.each([
    ["Ready True: none", [["Ready", "True"]], {}, undefined],
    ["Ready False", [["Ready", "False"]], {}, ["node.kubernetes.io/not-ready:NoSchedule", "node.kubernetes.io/not-ready:NoExecute"]],
    ["Ready Unknown", [["Ready", "Unknown"]], {}, ["node.kubernetes.io/unreachable:NoSchedule", "node.kubernetes.io/unreachable:NoExecute"]],
    ["MemoryPressure", [["Ready", "True"], ["MemoryPressure", "True"]], {}, ["node.kubernetes.io/memory-pressure:NoSchedule"]],
    ["DiskPressure", [["DiskPressure", "True"]], {}, ["node.kubernetes.io/disk-pressure:NoSchedule"]],
    ["PIDPressure", [["PIDPressure", "True"]], {}, ["node.kubernetes.io/pid-pressure:NoSchedule"]],
    ["NetworkUnavailable", [["NetworkUnavailable", "True"]], {}, ["node.kubernetes.io/network-unavailable:NoSchedule"]],
    ["cordoned", [["Ready", "True"]], { unschedulable: true }, ["node.kubernetes.io/unschedulable:NoSchedule"]],
  ] as const)("%s", (_n, conds, opts, expected) => {
    expect(taintsOf(conds as unknown as [string, "True"][], opts)).toEqual(expected);
  });

  it("keeps a user's taints and removes the controller's when the condition clears", () => {
    const taints: Taint[] = [
      { key: "dedicated", value: "gpu", effect: "NoSchedule" },
      { key: "node.kubernetes.io/unreachable", effect: "NoSchedule", timeAdded: T },
      { key: "node.kubernetes.io/unreachable", effect: "NoExecute", timeAdded: T },
    ];
    expect(taintsOf([["Ready", "True"]], { taints })).toEqual(["dedicated:NoSchedule"]);
  });

  it("swaps unreachable for not-ready at once even when new NoExecute taints are on hold", () => {
    const taints: Taint[] = [{ key: "node.kubernetes.io/unreachable", effect: "NoExecute", timeAdded: T }];
    expect(taintsOf([["Ready", "False"]], { taints }, "hold")).toEqual(["node.kubernetes.io/not-ready:NoSchedule", "node.kubernetes.io/not-ready:NoExecute"]);
    expect(taintsOf([["Ready", "False"]], {}, "hold")).toEqual(["node.kubernetes.io/not-ready:NoSchedule"]);
    expect(taintsOf([["Ready", "Unknown"]], { taints }, "clear")).toEqual(["node.kubernetes.io/unreachable:NoSchedule"]);
  });
});

describe("computeZoneState", () => {
  it.each([
    [["True", "True", "Unknown"], "Normal"],
    [["Unknown"], "FullDisruption"],
    [[undefined, "False"], "FullDisruption"],
    [["True", "False", "False"], "Normal"],
    [["True", "True", "False", "False", "False"], "PartialDisruption"],
    [["True", "True", "True", "False", "False", "False"], "Normal"],
  ])("%j ⇒ %s", (statuses, expected) => {
    expect(computeZoneState(statuses)).toBe(expected);
  });

  it("looks at a node on the first 5 s monitor pass strictly after its deadline", () => {
    expect(nextMonitorPass(40_000)).toBe(45_000);
    expect(nextMonitorPass(41_000)).toBe(45_000);
  });
});

function threeNodes(): Cluster {
  const c = createCluster({
    freeze: true,
    nodes: [{ name: "node-1" }, { name: "node-2" }, { name: "node-3" }],
    objects: [
      { apiVersion: "v1", kind: "Pod", metadata: { name: "web" }, spec: { nodeName: "node-2", containers: [{ name: "web", image: "nginx" }] } },
    ],
  });
  heartbeat(c);
  c.advance(100);
  // Stand in for the kubelet's pod status: the pod runs and is Ready.
  const pod = c.get("Pod", "default", "web")!;
  c.store.updateStatus("Pod", "default/web", {
    ...pod.status,
    phase: "Running",
    conditions: [
      { type: "Ready", status: "True", lastProbeTime: null, lastTransitionTime: "2025-01-01T09:00:00Z" },
      { type: "ContainersReady", status: "True", lastProbeTime: null, lastTransitionTime: "2025-01-01T09:00:00Z" },
    ],
  });
  return c;
}

const node = (c: Cluster, name: string) => c.get("Node", undefined, name)!;
const ready = (c: Cluster, name: string) => node(c, name).status?.conditions?.find((x) => x.type === "Ready");
const taintKeys = (c: Cluster, name: string) => (node(c, name).spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`);

describe("node lifecycle controller", () => {
  it("records RegisteredNode for each node it first sees", () => {
    const c = threeNodes();
    const ev = c.list("Event", { namespace: "default" }).filter((e) => e.reason === "RegisteredNode");
    expect(ev.map((e) => e.message)).toEqual(expect.arrayContaining(["Node node-1 event: Registered Node node-1 in Controller"]));
    expect(ev[0].source).toEqual({ component: "node-controller" });
  });

  it("leaves heartbeating nodes Ready and untainted", () => {
    const c = threeNodes();
    advanceWithHeartbeats(c, 120_000);
    expect(ready(c, "node-2")?.status).toBe("True");
    expect(taintKeys(c, "node-2")).toEqual([]);
  });

  it("marks a silent node Unknown after the 40 s grace period, taints it and its pods NotReady; recovery undoes it", () => {
    const c = threeNodes();
    advanceWithHeartbeats(c, 10_000);
    const lastHeartbeat = c.state.nodes["node-2"].lastHeartbeatMs;
    c.setKubeletRunning("node-2", false);

    advanceWithHeartbeats(c, 39_000);
    expect(ready(c, "node-2")?.status).toBe("True");

    advanceWithHeartbeats(c, 10_000); // first monitor pass after lastHeartbeat + 40 s
    expect(c.nowMs - lastHeartbeat).toBeGreaterThan(40_000);
    expect(ready(c, "node-2")).toMatchObject({ status: "Unknown", reason: "NodeStatusUnknown", message: "Kubelet stopped posting node status." });
    for (const type of ["MemoryPressure", "DiskPressure", "PIDPressure"]) {
      const cond = node(c, "node-2").status?.conditions?.find((x) => x.type === type);
      if (cond) expect(cond.status).toBe("Unknown");
    }
    expect(taintKeys(c, "node-2")).toEqual(["node.kubernetes.io/unreachable:NoSchedule", "node.kubernetes.io/unreachable:NoExecute"]);
    expect(node(c, "node-2").spec?.taints?.every((t) => t.timeAdded)).toBe(true);
    const web = c.get("Pod", "default", "web")!;
    expect(web.status?.conditions?.find((x) => x.type === "Ready")?.status).toBe("False");
    const events = c.list("Event", { namespace: "default" });
    expect(events.find((e) => e.reason === "NodeNotReady" && e.involvedObject.kind === "Node")?.message).toBe("Node node-2 status is now: NodeNotReady");
    expect(events.find((e) => e.reason === "NodeNotReady" && e.involvedObject.kind === "Pod")).toMatchObject({ type: "Warning", message: "Node is not ready" });
    expect(ready(c, "node-1")?.status).toBe("True");

    c.setKubeletRunning("node-2", true);
    advanceWithHeartbeats(c, 1_000);
    expect(ready(c, "node-2")?.status).toBe("True");
    expect(taintKeys(c, "node-2")).toEqual([]);
  });

  it("adds no NoExecute taint when every node is down (full disruption)", () => {
    const c = createCluster({ freeze: true, nodes: [{ name: "only" }] });
    heartbeat(c);
    c.setKubeletRunning("only", false);
    c.advance(60_000);
    expect(ready(c, "only")?.status).toBe("Unknown");
    expect(taintKeys(c, "only")).toEqual(["node.kubernetes.io/unreachable:NoSchedule"]);
  });

  it("a node that never posted status turns Unknown after the 60 s startup grace period", () => {
    const c = createCluster({ freeze: true, nodes: [{ name: "new", kubeletRunning: false }] });
    c.advance(59_000);
    expect(ready(c, "new")).toBeUndefined();
    c.advance(10_000);
    expect(ready(c, "new")).toMatchObject({ status: "Unknown", reason: "NodeStatusNeverUpdated", message: "Kubelet never posted node status." });
  });

  it("taints a cordoned node unschedulable and untaints it when uncordoned", () => {
    const c = threeNodes();
    const n = node(c, "node-1");
    c.store.update("Node", { ...n, spec: { ...n.spec, unschedulable: true } });
    c.advance(100);
    expect(taintKeys(c, "node-1")).toEqual(["node.kubernetes.io/unschedulable:NoSchedule"]);
    const m = node(c, "node-1");
    c.store.update("Node", { ...m, spec: { ...m.spec, unschedulable: false } });
    c.advance(100);
    expect(taintKeys(c, "node-1")).toEqual([]);
  });
});
