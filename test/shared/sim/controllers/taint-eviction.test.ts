import { describe, expect, it } from "vitest";
import type { Cluster } from "../../../../shared/sim/cluster.ts";
import type { Taint } from "../../../../shared/k8s/schema/node.ts";
import type { Pod } from "../../../../shared/k8s/schema/pod.ts";
import { minTolerationMs } from "../../../../shared/sim/controllers/taint-eviction.ts";
import { clusterWithNodes, eventsFor, must, podManifest, type PodOptions } from "../../../support/scheduler-builders.ts";

const maintenance: Taint = { key: "maintenance", value: "true", effect: "NoExecute" };

function taintNode(c: Cluster, taint: Taint): void {
  const node = c.get("Node", undefined, "node-1")!;
  must(c.update({ ...node, spec: { ...node.spec, taints: [...(node.spec?.taints ?? []), taint] } }));
}

function untaintNode(c: Cluster, key: string): void {
  const node = c.get("Node", undefined, "node-1")!;
  must(c.update({ ...node, spec: { ...node.spec, taints: (node.spec?.taints ?? []).filter((t) => t.key !== key) } }));
}

function runningPod(name: string, o: PodOptions = {}): { c: Cluster; podName: string } {
  const c = clusterWithNodes([{ name: "node-1" }]);
  must(c.apply(podManifest(name, { nodeName: "node-1", ...o })));
  c.advance(1000);
  return { c, podName: name };
}

const isMarked = (c: Cluster, name: string) => {
  const p = c.get("Pod", "default", name);
  return !p || !!p.metadata.deletionTimestamp;
};

describe("minTolerationMs (getMinTolerationTime)", () => {
  it.each([
    ["an untolerated taint", [], undefined],
    ["a toleration without tolerationSeconds", [{ key: "maintenance", operator: "Exists" as const }], -1],
    ["tolerationSeconds 30", [{ key: "maintenance", operator: "Exists" as const, tolerationSeconds: 30 }], 30_000],
    ["the shortest of several", [{ operator: "Exists" as const, tolerationSeconds: 60 }, { key: "maintenance", operator: "Exists" as const, tolerationSeconds: 20 }], 20_000],
    ["tolerationSeconds 0 evicts at once", [{ key: "maintenance", operator: "Exists" as const, tolerationSeconds: 0 }], 0],
    ["a negative tolerationSeconds evicts at once", [{ key: "maintenance", operator: "Exists" as const, tolerationSeconds: -5 }], 0],
  ])("%s", (_name, tolerations, expected) => {
    expect(minTolerationMs([maintenance], tolerations)).toBe(expected);
  });
});

describe("NoExecute taint eviction", () => {
  it("deletes a pod that does not tolerate the taint at once, with the event and DisruptionTarget condition", () => {
    const { c, podName } = runningPod("web-xyz");
    // The kubelet may stop and remove the pod within the same tick: watch what was written.
    const writes: Pod[] = [];
    c.store.watch((ev) => {
      if (ev.kind === "Pod" && ev.type === "MODIFIED") writes.push(ev.object as Pod);
    });
    taintNode(c, maintenance);
    c.tick();
    expect(isMarked(c, podName)).toBe(true);
    const deleted = writes.find((p) => p.metadata.deletionTimestamp);
    expect(deleted?.status?.conditions?.find((x) => x.type === "DisruptionTarget")).toMatchObject({
      status: "True",
      reason: "DeletionByTaintManager",
      message: "Taint manager: deleting due to NoExecute taint",
    });
    const [ev] = eventsFor(c, podName, "TaintManagerEviction");
    expect(ev).toMatchObject({ type: "Normal", message: "Marking for deletion Pod default/web-xyz" });
  });

  it("keeps a pod that tolerates the taint without tolerationSeconds forever", () => {
    const { c, podName } = runningPod("web", { tolerations: [{ key: "maintenance", operator: "Exists", effect: "NoExecute" }] });
    taintNode(c, maintenance);
    c.advance(60 * 60 * 1000);
    expect(isMarked(c, podName)).toBe(false);
  });

  it("deletes a pod tolerating for tolerationSeconds that long after the taint", () => {
    const { c, podName } = runningPod("web", { tolerations: [{ key: "maintenance", operator: "Exists", effect: "NoExecute", tolerationSeconds: 30 }] });
    taintNode(c, maintenance);
    c.advance(29_000);
    expect(isMarked(c, podName)).toBe(false);
    c.advance(1_100);
    expect(isMarked(c, podName)).toBe(true);
    expect(eventsFor(c, podName, "TaintManagerEviction").map((e) => e.message)).toEqual(["Marking for deletion Pod default/web"]);
  });

  it("cancels the eviction when the taint goes away in time", () => {
    const { c, podName } = runningPod("web", { tolerations: [{ key: "maintenance", operator: "Exists", effect: "NoExecute", tolerationSeconds: 30 }] });
    taintNode(c, maintenance);
    c.advance(10_000);
    untaintNode(c, "maintenance");
    c.advance(60_000);
    expect(isMarked(c, podName)).toBe(false);
    expect(eventsFor(c, podName, "TaintManagerEviction").map((e) => e.message)).toEqual(["Cancelling deletion of Pod default/web"]);
  });

  it("ignores NoSchedule and PreferNoSchedule taints", () => {
    const { c, podName } = runningPod("web");
    taintNode(c, { key: "a", effect: "NoSchedule" });
    taintNode(c, { key: "b", effect: "PreferNoSchedule" });
    c.advance(10_000);
    expect(isMarked(c, podName)).toBe(false);
  });
});
