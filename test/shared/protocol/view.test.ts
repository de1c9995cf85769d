import { describe, expect, it } from "vitest";
import { createSession } from "../../../shared/game/session.ts";
import { createCluster } from "../../../shared/sim/cluster.ts";
import { clusterView, newViewMemo, VIEW_MAX_LINK_NODES, VIEW_MAX_RING_NODES, VIEW_USAGE_SAMPLE_MS } from "../../../shared/protocol/view.ts";
import { FIX_LINE, tinyLevel } from "../../support/server-builders.ts";

const nodesNamed = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `node-${String(i + 1).padStart(2, "0")}` }));

describe("the slim cluster view", () => {
  it("shows nodes, pods with kubectl's STATUS, Services with their endpoint counts, and no object internals", () => {
    const s = createSession(tinyLevel(), { seed: 1 });
    const v = clusterView(s.cluster);
    expect(v.nodes).toEqual([expect.objectContaining({ name: "node-1", ready: "True", unschedulable: false })]);
    expect(v.pods).toEqual([expect.objectContaining({ namespace: "default", status: "Running", ready: "1/1", node: "node-1", restarts: 0, owner: expect.stringMatching(/^ReplicaSet\/web-/) })]);
    expect(v.services).toContainEqual(expect.objectContaining({ key: "default/web", readyEndpoints: 0 }));
    expect(v.traffic).toBeUndefined();
    expect(JSON.stringify(v)).not.toMatch(/selector|wbe|managedFields|spec/);
  });

  it("counts the endpoints once the Service selects the pod", () => {
    const s = createSession(tinyLevel(), { seed: 1 });
    s.run(FIX_LINE, { player: "p" });
    s.tick(10);
    expect(clusterView(s.cluster).services.find((x) => x.name === "web")?.readyEndpoints).toBe(1);
  });

  it("returns the very same view object while nothing changed, and a new one after a change", () => {
    const s = createSession(tinyLevel(), { seed: 1 });
    const memo = newViewMemo();
    const first = clusterView(s.cluster, memo);
    s.tick(5);
    expect(clusterView(s.cluster, memo)).toBe(first);
    s.run("kubectl scale deployment web --replicas=2", { player: "p" });
    s.tick(5);
    const after = clusterView(s.cluster, memo);
    expect(after).not.toBe(first);
    expect(after.pods).toHaveLength(2);
    expect(after.pods).toContain(first.pods[0]);
  });

  it("lists the pods behind each Service with their readiness, sorted, once the Service selects them", () => {
    const s = createSession(tinyLevel(), { seed: 1 });
    expect(clusterView(s.cluster).services.find((x) => x.name === "web")?.endpoints).toEqual([]);
    s.run(FIX_LINE, { player: "p" });
    s.tick(10);
    const v = clusterView(s.cluster);
    expect(v.services.find((x) => x.name === "web")?.endpoints).toEqual([{ pod: v.pods[0].key, ready: true }]);
  });

  it("gives each node its memory and disk use and capacity in whole MiB", () => {
    const s = createSession(tinyLevel(), { seed: 1 });
    const [n] = clusterView(s.cluster).nodes;
    expect(n.memoryCapacityMi).toBe(4096);
    expect(n.memoryUsedMi).toBeGreaterThan(400);
    expect(n.memoryUsedMi).toBeLessThan(n.memoryCapacityMi);
    for (const x of [n.memoryUsedMi, n.memoryCapacityMi, n.diskUsedMi, n.diskCapacityMi]) expect(Number.isInteger(x)).toBe(true);
  });

  it("re-reads usage once per sample period and keeps the same view object when no bar moved", () => {
    const s = createSession(tinyLevel(), { seed: 1 });
    const memo = newViewMemo();
    const first = clusterView(s.cluster, memo);
    s.tick(Math.ceil((2 * VIEW_USAGE_SAMPLE_MS) / s.cluster.state.msPerTick));
    const later = clusterView(s.cluster, memo);
    expect(later.nodes[0].memoryUsedMi).toBe(first.nodes[0].memoryUsedMi);
    expect(later).toBe(first);
  });

  it.each([
    [3, 3],
    [VIEW_MAX_LINK_NODES, (VIEW_MAX_LINK_NODES * (VIEW_MAX_LINK_NODES - 1)) / 2],
    [VIEW_MAX_LINK_NODES + 2, VIEW_MAX_LINK_NODES + 2],
    [VIEW_MAX_RING_NODES + 1, 0],
  ])("with %i nodes sends %i overlay links (every pair, then a ring by name, then none)", (n, links) => {
    const c = createCluster({ seed: 1, nodes: nodesNamed(n) });
    expect(clusterView(c).links).toHaveLength(links);
  });

  it("links a larger cluster's nodes in a ring by name, each pair keyed a|b", () => {
    const c = createCluster({ seed: 1, nodes: nodesNamed(14) });
    c.advance(2_000);
    const links = clusterView(c).links;
    expect(links.map((l) => l.key)).toEqual([...Array.from({ length: 13 }, (_, i) => `node-${String(i + 1).padStart(2, "0")}|node-${String(i + 2).padStart(2, "0")}`), "node-01|node-14"]);
    expect(new Set(links.map((l) => l.health))).toEqual(new Set(["ok"]));
  });
});
