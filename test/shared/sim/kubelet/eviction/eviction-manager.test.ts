import { describe, expect, it } from "vitest";
import { createCluster, type Cluster } from "../../../../../shared/sim/cluster.ts";
import { monitoringPhaseMs } from "../../../../../shared/sim/kubelet/eviction-manager.ts";
import { advanceWithHeartbeats, Mi } from "../../../../support/eviction-builders.ts";

/** The node's first eviction pass comes at its monitoring phase (nodes are spread over the 10 s period). */
const FIRST_PASS_MS = monitoringPhaseMs("node-1");

/**
 * Scenarios through the public Cluster API. Pressure comes from what the system (outside pods)
 * uses, so these hold whatever the pods' simulated usage is.
 */
function nodeUnderMemoryPressure(systemMemoryBytes: number): Cluster {
  return createCluster({
    freeze: true,
    nodes: [{ name: "node-1", memory: "1Gi", systemMemoryBytes }],
    objects: [
      { apiVersion: "v1", kind: "Pod", metadata: { name: "best-effort" }, spec: { nodeName: "node-1", containers: [{ name: "app", image: "nginx" }] } },
      {
        apiVersion: "v1", kind: "Pod", metadata: { name: "guaranteed" },
        spec: { nodeName: "node-1", containers: [{ name: "app", image: "nginx", resources: { requests: { cpu: "100m", memory: "100Mi" }, limits: { cpu: "100m", memory: "100Mi" } } }] },
      },
    ],
  });
}

const condition = (c: Cluster, type: string) => c.get("Node", undefined, "node-1")?.status?.conditions?.find((x) => x.type === type);
const events = (c: Cluster, reason: string) => c.list("Event", { namespace: "default" }).filter((e) => e.reason === reason);

describe("eviction manager", () => {
  it("reports no pressure on a healthy node, with the kubelet's wording", () => {
    const c = nodeUnderMemoryPressure(400 * Mi);
    c.advance(1_000);
    expect(condition(c, "MemoryPressure")).toMatchObject({ status: "False", reason: "KubeletHasSufficientMemory", message: "kubelet has sufficient memory available" });
    expect(condition(c, "DiskPressure")).toMatchObject({ status: "False", reason: "KubeletHasNoDiskPressure", message: "kubelet has no disk pressure" });
    expect(condition(c, "PIDPressure")).toMatchObject({ status: "False", reason: "KubeletHasSufficientPID" });
    expect(c.get("Pod", "default", "best-effort")?.status?.phase).not.toBe("Failed");
  });

  it("under memory pressure sets MemoryPressure, taints the node and evicts one pod per pass", () => {
    const c = nodeUnderMemoryPressure(1000 * Mi); // 1Gi − 1000Mi = 24Mi available < 100Mi
    c.advance(FIRST_PASS_MS + 500);
    expect(condition(c, "MemoryPressure")).toMatchObject({ status: "True", reason: "KubeletHasInsufficientMemory", message: "kubelet has insufficient memory available" });
    const evicted = c.get("Pod", "default", "best-effort")!;
    expect(evicted.status).toMatchObject({ phase: "Failed", reason: "Evicted" });
    // Available is at most 24Mi: the pods' own usage at the pass counts too.
    expect(evicted.status?.message).toMatch(/^The node was low on resource: memory\. Threshold quantity: 100Mi, available: (\d|1\d|2[0-4])Mi\. /);
    expect(evicted.status?.conditions?.[0]).toMatchObject({ type: "DisruptionTarget", status: "True", reason: "TerminationByKubelet", message: evicted.status?.message });
    expect(c.get("Pod", "default", "guaranteed")?.status?.phase).not.toBe("Failed");
    expect(events(c, "Evicted")[0]).toMatchObject({ type: "Warning", message: evicted.status?.message, source: { component: "kubelet", host: "node-1" } });
    expect(events(c, "EvictionThresholdMet")[0]).toMatchObject({ type: "Warning", message: "Attempting to reclaim memory" });
    expect(c.get("Node", undefined, "node-1")?.spec?.taints).toContainEqual(expect.objectContaining({ key: "node.kubernetes.io/memory-pressure", effect: "NoSchedule" }));

    c.advance(1_000); // podCleanupPollFreq: the next pass follows the cleanup at once
    expect(c.get("Pod", "default", "guaranteed")?.status).toMatchObject({ phase: "Failed", reason: "Evicted" });
  });

  it("does nothing while the node's kubelet is stopped", () => {
    const c = nodeUnderMemoryPressure(1000 * Mi);
    c.setKubeletRunning("node-1", false);
    c.advance(30_000);
    expect(c.get("Pod", "default", "best-effort")?.status?.phase).not.toBe("Failed");
    expect(condition(c, "MemoryPressure")?.status).not.toBe("True");
  });

  it("clears MemoryPressure only after the 5 minute transition period", () => {
    const c = nodeUnderMemoryPressure(1000 * Mi);
    c.advance(FIRST_PASS_MS + 1_000);
    c.state.nodes["node-1"].systemMemoryBytes = 400 * Mi; // the hog outside pods goes away
    advanceWithHeartbeats(c, 4 * 60_000);
    expect(condition(c, "MemoryPressure")?.status).toBe("True");
    advanceWithHeartbeats(c, 70_000);
    expect(condition(c, "MemoryPressure")).toMatchObject({ status: "False", reason: "KubeletHasSufficientMemory" });
    c.advance(1_000);
    expect(c.get("Node", undefined, "node-1")?.spec?.taints ?? []).not.toContainEqual(expect.objectContaining({ key: "node.kubernetes.io/memory-pressure" }));
    expect(events(c, "NodeHasSufficientMemory").length).toBeGreaterThan(0);
  });

  it("is deterministic across a save and restore", async () => {
    const { restoreCluster } = await import("../../../../../shared/sim/cluster.ts");
    const a = nodeUnderMemoryPressure(1000 * Mi);
    a.advance(500);
    const b = restoreCluster(a.toJSON());
    a.advance(20_000);
    b.advance(20_000);
    expect(b.hash()).toBe(a.hash());
  });
});
