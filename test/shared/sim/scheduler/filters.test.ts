import { describe, expect, it } from "vitest";
import type { NodeInit } from "../../../../shared/sim/node-builder.ts";
import { clusterWithNodes, eventsFor, must, nodeOf, podManifest, podScheduledCondition, priorityClass, type PodOptions } from "../../../support/scheduler-builders.ts";

/** One node, one pod: the pod must stay Pending and the summary must name the filter's reason. */
describe("each filter rejects with its reason", () => {
  it.each<[string, Partial<NodeInit>, PodOptions, string]>([
    ["NodeUnschedulable (cordoned)", { unschedulable: true }, {}, "1 node(s) were unschedulable"],
    ["TaintToleration shows the taint's key and value", { taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }] }, {}, "1 node(s) had untolerated taint {dedicated: gpu}"],
    ["TaintToleration with an empty value", { taints: [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }] }, {}, "1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"],
    ["TaintToleration counts NoExecute taints too", { taints: [{ key: "maintenance", value: "true", effect: "NoExecute" }] }, {}, "1 node(s) had untolerated taint {maintenance: true}"],
    ["NodeAffinity (nodeSelector)", { labels: { disk: "hdd" } }, { nodeSelector: { disk: "ssd" } }, "1 node(s) didn't match Pod's node affinity/selector"],
    ["NodeResourcesFit cpu", { cpu: "2" }, { cpu: "3" }, "1 Insufficient cpu"],
    ["NodeResourcesFit memory", { memory: "2Gi" }, { memory: "3Gi" }, "1 Insufficient memory"],
    ["NodeResourcesFit pods", { pods: 0 }, {}, "1 Too many pods"],
  ])("%s", (_name, node, pod, reason) => {
    const c = clusterWithNodes([{ name: "node-1", ...node }]);
    must(c.apply(podManifest("web", pod)));
    c.advance(100);
    expect(nodeOf(c, "web")).toBeUndefined();
    const cond = podScheduledCondition(c, "web");
    expect(cond).toMatchObject({ status: "False", reason: "Unschedulable" });
    expect(cond?.message).toMatch(new RegExp(`^0/1 nodes are available: ${reason.replace(/[{}().]/g, "\\$&")}\\. preemption: `));
  });

  it("NodePorts: a host port already taken on the node", () => {
    const c = clusterWithNodes([{ name: "node-1" }]);
    must(c.apply(podManifest("first", { hostPort: 8080 })));
    c.advance(100);
    expect(nodeOf(c, "first")).toBe("node-1");
    must(c.apply(podManifest("second", { hostPort: 8080 })));
    c.advance(100);
    expect(podScheduledCondition(c, "second")?.message).toBe(
      "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.",
    );
  });

  it("a pod that tolerates the taint and the cordon is placed", () => {
    const c = clusterWithNodes([{ name: "node-1", unschedulable: true, taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }] }]);
    must(
      c.apply(
        podManifest("web", {
          tolerations: [
            { key: "dedicated", operator: "Equal", value: "gpu", effect: "NoSchedule" },
            { key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" },
          ],
        }),
      ),
    );
    c.advance(100);
    expect(nodeOf(c, "web")).toBe("node-1");
  });

  it("PreferNoSchedule taints never filter a node out", () => {
    const c = clusterWithNodes([{ name: "node-1", taints: [{ key: "spot", value: "true", effect: "PreferNoSchedule" }] }]);
    must(c.apply(podManifest("web")));
    c.advance(100);
    expect(nodeOf(c, "web")).toBe("node-1");
  });
});

describe("FailedScheduling", () => {
  it("sums up mixed reasons on three nodes as the real scheduler does, preemption part included", () => {
    const c = clusterWithNodes([
      { name: "node-1", memory: "8Gi", taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }] },
      { name: "node-2", memory: "2Gi" },
      { name: "node-3", memory: "2Gi" },
    ]);
    must(c.apply(podManifest("web-7d4b9c6f8-x2k9q", { namespace: "default", memory: "4Gi" })));
    c.advance(100);
    const message =
      "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient memory. " +
      "preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.";
    const [ev] = eventsFor(c, "web-7d4b9c6f8-x2k9q", "FailedScheduling");
    expect(ev).toMatchObject({ type: "Warning", message, source: { component: "default-scheduler" } });
    expect(podScheduledCondition(c, "web-7d4b9c6f8-x2k9q")).toMatchObject({ type: "PodScheduled", status: "False", reason: "Unschedulable", message });
  });

  it("says preemption is not helpful on every node when all failures are unresolvable", () => {
    const c = clusterWithNodes([{ name: "node-1", unschedulable: true }, { name: "node-2", labels: { disk: "hdd" } }, { name: "node-3", labels: { disk: "hdd" } }]);
    must(c.apply(podManifest("web", { nodeSelector: { disk: "ssd" } })));
    c.advance(100);
    expect(podScheduledCondition(c, "web")?.message).toBe(
      "0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });

  it("names the preemptionPolicy when the pod may not preempt", () => {
    const c = clusterWithNodes([{ name: "node-1", cpu: "1" }]);
    must(c.apply(priorityClass("polite", 100, "Never")));
    must(c.apply(podManifest("web", { cpu: "2", priorityClassName: "polite" })));
    c.advance(100);
    expect(podScheduledCondition(c, "web")?.message).toBe("0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.");
  });

  it("reports the remaining shortage when evicting lower-priority pods would still not be enough", () => {
    const c = clusterWithNodes([{ name: "node-1", cpu: "4" }]);
    must(c.apply(priorityClass("high", 1000)));
    must(c.apply(podManifest("low", { cpu: "1" })));
    must(c.apply(podManifest("high-1", { cpu: "2", priorityClassName: "high" })));
    c.advance(100);
    must(c.apply(podManifest("high-2", { cpu: "4", priorityClassName: "high" })));
    c.advance(100);
    expect(podScheduledCondition(c, "high-2")?.message).toBe(
      "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Insufficient cpu.",
    );
  });

  it("with no nodes at all", () => {
    const c = clusterWithNodes([]);
    must(c.apply(podManifest("web")));
    c.advance(100);
    expect(podScheduledCondition(c, "web")).toMatchObject({ status: "False", reason: "Unschedulable", message: "no nodes available to schedule pods" });
  });

  it("repeats of the same failure aggregate into one event with a count", () => {
    const c = clusterWithNodes([{ name: "node-1", cpu: "1" }]);
    c.advance(60_000); // the node's kubelet and controllers settle first
    must(c.apply(podManifest("web", { cpu: "2" })));
    c.advance(100);
    c.advance(5 * 60 * 1000 + 1000);
    const events = eventsFor(c, "web", "FailedScheduling");
    expect(events).toHaveLength(1);
    expect(events[0].count).toBe(2);
  });
});
