import { describe, expect, it } from "vitest";
import { clusterWithNodes, must, nodeOf, podManifest } from "../../../support/scheduler-builders.ts";
import type { Cluster } from "../../../../shared/sim/cluster.ts";

function placements(c: Cluster): Map<string, number> {
  const per = new Map<string, number>();
  for (const p of c.list("Pod")) if (p.spec.nodeName) per.set(p.spec.nodeName, (per.get(p.spec.nodeName) ?? 0) + 1);
  return per;
}

const nodes = (n: number, extra: object = {}) => Array.from({ length: n }, (_, i) => ({ name: `node-${String(i + 1).padStart(3, "0")}`, cpu: "32", memory: "64Gi", ...extra }));

describe("scoring", () => {
  it("spreads 3,000 pods over 100 nodes (LeastAllocated prefers the emptiest node)", () => {
    const c = clusterWithNodes(nodes(100));
    for (let i = 0; i < 3000; i++) must(c.create(podManifest(`web-${i}`, { cpu: "100m", memory: "128Mi" })));
    c.advance(100);
    const per = placements(c);
    expect(per.size).toBe(100);
    expect(Math.min(...per.values())).toBeGreaterThanOrEqual(28);
    expect(Math.max(...per.values())).toBeLessThanOrEqual(32);
  });

  it("places the same pods on the same nodes for the same seed, and differently for another", () => {
    const run = (seed: number) => {
      const c = clusterWithNodes(nodes(5), seed);
      for (let i = 0; i < 20; i++) must(c.create(podManifest(`web-${i}`)));
      c.advance(100);
      return c.list("Pod").map((p) => `${p.metadata.name}@${p.spec.nodeName}`);
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });

  it("avoids a node with an untolerated PreferNoSchedule taint", () => {
    const c = clusterWithNodes([
      { name: "node-1", taints: [{ key: "spot", value: "true", effect: "PreferNoSchedule" }] },
      { name: "node-2" },
    ]);
    for (let i = 0; i < 6; i++) must(c.create(podManifest(`web-${i}`)));
    c.advance(100);
    expect(placements(c).get("node-2")).toBe(6);
  });

  it("a toleration for the PreferNoSchedule taint removes the penalty", () => {
    const c = clusterWithNodes([
      { name: "node-1", taints: [{ key: "spot", value: "true", effect: "PreferNoSchedule" }] },
      { name: "node-2" },
    ]);
    for (let i = 0; i < 10; i++) must(c.create(podManifest(`web-${i}`, { cpu: "500m", tolerations: [{ key: "spot", operator: "Exists", effect: "PreferNoSchedule" }] })));
    c.advance(100);
    expect(placements(c).get("node-1")).toBeGreaterThan(0);
  });

  it("prefers nodes matching preferred node affinity", () => {
    const c = clusterWithNodes([{ name: "node-1", labels: { disk: "ssd" } }, { name: "node-2" }, { name: "node-3" }]);
    const affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: "disk", operator: "In" as const, values: ["ssd"] }] } }] } };
    for (let i = 0; i < 3; i++) must(c.create(podManifest(`db-${i}`, { affinity })));
    c.advance(100);
    expect(placements(c).get("node-1")).toBe(3);
  });

  it("required node affinity restricts the nodes", () => {
    const c = clusterWithNodes([{ name: "node-1", labels: { zone: "a" } }, { name: "node-2", labels: { zone: "b" } }]);
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "zone", operator: "In" as const, values: ["b"] }] }] } } };
    for (let i = 0; i < 4; i++) must(c.create(podManifest(`web-${i}`, { affinity })));
    c.advance(100);
    expect(placements(c)).toEqual(new Map([["node-2", 4]]));
  });

  it("a DaemonSet-style pod pinned with matchFields only looks at its node", () => {
    const c = clusterWithNodes([{ name: "node-1", cpu: "1" }, { name: "node-2" }, { name: "node-3" }]);
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In" as const, values: ["node-1"] }] }] } } };
    must(c.create(podManifest("agent", { cpu: "2", affinity })));
    c.advance(100);
    expect(nodeOf(c, "agent")).toBeUndefined();
    expect(c.get("Pod", "default", "agent")?.status?.conditions?.find((x) => x.type === "PodScheduled")?.message).toBe(
      // The other nodes were never filtered, so preemption's dry run looks at them too.
      "0/3 nodes are available: 1 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
    );
  });
});
