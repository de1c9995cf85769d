import { describe, expect, it } from "vitest";
import type { Cluster } from "../../../../shared/sim/cluster.ts";
import { targetNodeName } from "../../../../shared/sim/controllers/workloads/daemonset-util.ts";
import { bareCluster, events } from "../../../support/workloads-builders.ts";

function daemonSet(tolerations?: unknown[], extra: Record<string, unknown> = {}) {
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name: "agent", namespace: "kube-system" },
    spec: {
      selector: { matchLabels: { app: "agent" } },
      template: {
        metadata: { labels: { app: "agent" } },
        spec: { containers: [{ name: "agent", image: "busybox" }], ...(tolerations ? { tolerations } : {}), ...extra },
      },
    },
  };
}

const nodesWithPods = (c: Cluster) =>
  c
    .list("Pod", { namespace: "kube-system" })
    .filter((p) => !p.metadata.deletionTimestamp)
    .map((p) => targetNodeName(p))
    .sort();

describe("DaemonSet controller", () => {
  it("runs one pod per node, pinned by node affinity for the default scheduler", () => {
    const c = bareCluster({ nodes: [{ name: "n1" }, { name: "n2" }] });
    c.apply(daemonSet());
    c.tick(2);
    expect(nodesWithPods(c)).toEqual(["n1", "n2"]);
    const pod = c.list("Pod", { namespace: "kube-system" })[0];
    expect(pod.metadata.name).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod.metadata.labels).toMatchObject({ app: "agent", "pod-template-generation": "1" });
    expect(pod.metadata.labels?.["controller-revision-hash"]).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms).toEqual([
      { matchFields: [{ key: "metadata.name", operator: "In", values: [targetNodeName(pod)] }] },
    ]);
    expect(pod.spec.tolerations?.map((t) => `${t.key}:${t.effect}`)).toEqual([
      "node.kubernetes.io/not-ready:NoExecute",
      "node.kubernetes.io/unreachable:NoExecute",
      "node.kubernetes.io/disk-pressure:NoSchedule",
      "node.kubernetes.io/memory-pressure:NoSchedule",
      "node.kubernetes.io/pid-pressure:NoSchedule",
      "node.kubernetes.io/unschedulable:NoSchedule",
    ]);
    expect(events(c, "SuccessfulCreate")).toHaveLength(2);
    expect(c.get("DaemonSet", "kube-system", "agent")!.status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberMisscheduled: 0, updatedNumberScheduled: 2 });
  });

  it("skips a tainted node until a toleration is added; cordoned nodes still get a daemon", () => {
    const c = bareCluster({
      nodes: [{ name: "n1" }, { name: "gpu", taints: [{ key: "gpu", value: "true", effect: "NoSchedule" }] }, { name: "cordoned", unschedulable: true }],
    });
    c.apply(daemonSet());
    c.tick(2);
    expect(nodesWithPods(c)).toEqual(["cordoned", "n1"]);
    expect(c.get("DaemonSet", "kube-system", "agent")!.status?.desiredNumberScheduled).toBe(2);
    c.apply(daemonSet([{ key: "gpu", operator: "Exists", effect: "NoSchedule" }]));
    c.tick(3);
    expect(new Set(nodesWithPods(c))).toEqual(new Set(["cordoned", "gpu", "n1"]));
  });

  it("follows node changes: new nodes get a pod, nodes that stop matching the nodeSelector lose it", () => {
    const c = bareCluster({ nodes: [{ name: "n1", labels: { disk: "ssd" } }] });
    c.apply(daemonSet(undefined, { nodeSelector: { disk: "ssd" } }));
    c.tick(2);
    expect(nodesWithPods(c)).toEqual(["n1"]);
    const n1 = c.get("Node", undefined, "n1")!;
    c.store.update("Node", { ...n1, metadata: { ...n1.metadata, labels: { ...n1.metadata.labels, disk: "hdd" } } });
    c.tick(2);
    expect(nodesWithPods(c)).toEqual([]);
    expect(events(c, "SuccessfulDelete")).toHaveLength(1);
  });

  it("evicts from a node with an untolerated NoExecute taint", () => {
    const c = bareCluster({ nodes: [{ name: "n1" }] });
    c.apply(daemonSet());
    c.tick(2);
    const n1 = c.get("Node", undefined, "n1")!;
    c.store.update("Node", { ...n1, spec: { ...n1.spec, taints: [{ key: "maintenance", effect: "NoExecute" }] } });
    c.tick(2);
    expect(nodesWithPods(c)).toEqual([]);
  });

  it("adds the network-unavailable toleration for hostNetwork daemons", () => {
    const c = bareCluster({ nodes: [{ name: "n1", taints: [{ key: "node.kubernetes.io/network-unavailable", effect: "NoSchedule" }] }] });
    c.apply(daemonSet(undefined, { hostNetwork: true }));
    c.tick(2);
    expect(nodesWithPods(c)).toEqual(["n1"]);
  });
});
