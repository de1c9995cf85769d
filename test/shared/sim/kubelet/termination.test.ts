import { describe, expect, it } from "vitest";
import { killPod } from "../../../../shared/sim/kubelet/kubelet.ts";
import { restoreCluster } from "../../../../shared/sim/cluster.ts";
import { applyOk, boundPod, cs, eventLines, kubeletCluster, NODE, pod } from "../../../support/kubelet-builders.ts";

describe("graceful deletion", () => {
  it("stops the containers (Killing `Stopping container web`) and removes the pod and its runtime state", () => {
    const c = kubeletCluster();
    applyOk(c, boundPod("web"));
    c.advance(2000);
    const uid = pod(c, "web").metadata.uid;
    c.delete({ kind: "Pod", namespace: "default", name: "web" });
    expect(c.get("Pod", "default", "web")?.metadata.deletionTimestamp).toBeDefined();
    c.advance(500);
    expect(c.get("Pod", "default", "web")).toBeUndefined();
    expect(c.state.pods[uid]).toBeUndefined();
    const events = c.list("Event", { namespace: "default" }).map((e) => `${e.reason}: ${e.message}`);
    expect(events).toContain("Killing: Stopping container web");
  });

  it("a shell container that ignores SIGTERM takes the whole grace period", () => {
    const c = kubeletCluster();
    applyOk(c, boundPod("sleeper", { image: "busybox:1.36", command: ["sleep", "3600"] }, { terminationGracePeriodSeconds: 5 }));
    c.advance(1000);
    c.delete({ kind: "Pod", namespace: "default", name: "sleeper" });
    c.advance(4000);
    expect(c.get("Pod", "default", "sleeper")).toBeDefined();
    c.advance(1500);
    expect(c.get("Pod", "default", "sleeper")).toBeUndefined();
  });

  it("a pod on a node whose kubelet is down stays Terminating", () => {
    const c = kubeletCluster();
    applyOk(c, boundPod("web"));
    c.advance(2000);
    c.setKubeletRunning(NODE, false);
    c.delete({ kind: "Pod", namespace: "default", name: "web" });
    c.advance(60_000);
    expect(c.get("Pod", "default", "web")?.metadata.deletionTimestamp).toBeDefined();
    c.setKubeletRunning(NODE, true);
    c.advance(1000);
    expect(c.get("Pod", "default", "web")).toBeUndefined();
  });

  it("a force delete (grace 0) frees the runtime state", () => {
    const c = kubeletCluster();
    applyOk(c, boundPod("web"));
    c.advance(2000);
    const uid = pod(c, "web").metadata.uid;
    c.delete({ kind: "Pod", namespace: "default", name: "web" }, { gracePeriodSeconds: 0 });
    c.advance(200);
    expect(c.state.pods[uid]).toBeUndefined();
  });
});

describe("killPod (what the eviction manager calls)", () => {
  it("kills the containers and leaves the pod Failed with the given reason and message", () => {
    const c = kubeletCluster();
    applyOk(c, boundPod("web"));
    c.advance(2000);
    expect(killPod(c.engine, "default/web", "Evicted", "The node was low on resource: memory.")).toBe(true);
    const p = pod(c, "web");
    expect(p.status).toMatchObject({ phase: "Failed", reason: "Evicted", message: "The node was low on resource: memory." });
    expect(cs(c, "web")?.state).toHaveProperty("terminated");
    c.advance(60_000);
    expect(pod(c, "web").status?.phase).toBe("Failed");
    expect(killPod(c.engine, "default/web", "Evicted", "again")).toBe(false);
  });
});

describe("activeDeadlineSeconds", () => {
  it("fails the pod with DeadlineExceeded", () => {
    const c = kubeletCluster();
    applyOk(c, boundPod("web", {}, { activeDeadlineSeconds: 10 }));
    c.advance(11_000);
    expect(pod(c, "web").status).toMatchObject({ phase: "Failed", reason: "DeadlineExceeded", message: "Pod was active on the node longer than the specified deadline" });
  });
});

describe("the node heartbeat", () => {
  it("stamps lastHeartbeatMs every 10 s without writing the Node, and posts Ready", () => {
    const c = kubeletCluster();
    c.advance(1000);
    const node = c.get("Node", undefined, NODE)!;
    expect(node.status?.conditions?.find((x) => x.type === "Ready")).toMatchObject({ status: "True", reason: "KubeletReady", message: "kubelet is posting ready status" });
    const rv = node.metadata.resourceVersion;
    const first = c.state.nodes[NODE].lastHeartbeatMs;
    c.advance(25_000);
    expect(c.state.nodes[NODE].lastHeartbeatMs - first).toBe(20_000);
    expect(c.get("Node", undefined, NODE)!.metadata.resourceVersion).toBe(rv);
  });

  it("stops while the kubelet is down; does nothing for its pods; posts Ready again when it returns", () => {
    const c = kubeletCluster();
    c.setKubeletRunning(NODE, false);
    applyOk(c, boundPod("web"));
    c.advance(30_000);
    expect(pod(c, "web").status?.containerStatuses).toBeUndefined();
    expect(pod(c, "web").status?.podIP).toBeUndefined();
    const beat = c.state.nodes[NODE].lastHeartbeatMs;
    c.advance(30_000);
    expect(c.state.nodes[NODE].lastHeartbeatMs).toBe(beat);
    // Someone (node lifecycle) marks it Unknown meanwhile.
    const node = c.get("Node", undefined, NODE)!;
    c.engine.store.updateStatus("Node", NODE, {
      ...node.status,
      conditions: [
        ...(node.status?.conditions ?? []).filter((x) => x.type !== "Ready"),
        { type: "Ready", status: "Unknown", reason: "NodeStatusUnknown", message: "Kubelet stopped posting node status." },
      ],
    });
    c.setKubeletRunning(NODE, true);
    c.advance(3000);
    expect(c.get("Node", undefined, NODE)!.status?.conditions?.find((x) => x.type === "Ready")).toMatchObject({ status: "True", reason: "KubeletReady" });
    expect(pod(c, "web").status?.phase).toBe("Running");
  });
});

describe("determinism", () => {
  it("a restored cluster continues exactly like the original", () => {
    const mk = () => {
      const c = kubeletCluster({ seed: 7 });
      applyOk(c, boundPod("bb", { image: "busybox:1.36" }));
      applyOk(c, boundPod("web", { readinessProbe: { httpGet: { path: "/nope", port: 80 } } }));
      return c;
    };
    const a = mk();
    a.advance(15_000);
    const b = restoreCluster(a.toJSON(), { freeze: true });
    a.advance(60_000);
    b.advance(60_000);
    expect(b.hash()).toBe(a.hash());
    expect(eventLines(b, "bb")).toEqual(eventLines(a, "bb"));
  });
});
