import { describe, expect, it } from "vitest";
import { createCluster, restoreCluster, type Cluster } from "../../../../shared/sim/cluster.ts";
import { blockRange, newCidrSet } from "../../../../shared/sim/controllers/node-ipam.ts";

const podCIDRs = (c: Cluster) => Object.fromEntries(c.list("Node").map((n) => [n.metadata.name, n.spec?.podCIDR]));
const nodeManifest = (name: string, podCIDR?: string) => ({
  apiVersion: "v1",
  kind: "Node",
  metadata: { name },
  spec: podCIDR ? { podCIDR, podCIDRs: [podCIDR] } : {},
});
const names = (...n: string[]) => n.map((name) => ({ name }));
const cidrEvents = (c: Cluster) => c.list("Event").filter((e) => e.reason === "CIDRNotAvailable");

describe("node IPAM range allocator", () => {
  it("gives nodes the /24 blocks of the cluster CIDR in the order they registered", () => {
    const c = createCluster({ freeze: true, nodes: names("cp", "worker-1", "worker-2") });
    c.tick();
    expect(podCIDRs(c)).toEqual({ cp: "10.244.0.0/24", "worker-1": "10.244.1.0/24", "worker-2": "10.244.2.0/24" });
    expect(c.get("Node", undefined, "worker-2")!.spec!.podCIDRs).toEqual(["10.244.2.0/24"]);
  });

  it("honours --node-cidr-mask-size", () => {
    const c = createCluster({ freeze: true, config: { clusterCIDR: "10.10.0.0/16", nodeCIDRMaskSize: 26 }, nodes: names("a", "b") });
    c.tick();
    expect(podCIDRs(c)).toEqual({ a: "10.10.0.0/26", b: "10.10.0.64/26" });
  });

  it("keeps a podCIDR a node came with and never hands that block out again", () => {
    const c = createCluster({ freeze: true });
    c.create(nodeManifest("old", "10.244.0.0/24"));
    c.create(nodeManifest("new"));
    c.tick();
    expect(podCIDRs(c)).toEqual({ old: "10.244.0.0/24", new: "10.244.1.0/24" });
  });

  it("keeps out-of-range and overlapping podCIDRs as they are, silently (the networking fault)", () => {
    const c = createCluster({ freeze: true });
    c.create(nodeManifest("stray", "10.245.7.0/24"));
    c.create(nodeManifest("first", "10.244.0.0/24"));
    c.create(nodeManifest("twin", "10.244.0.0/24"));
    c.create(nodeManifest("fresh"));
    c.tick(3);
    expect(podCIDRs(c)).toEqual({ stray: "10.245.7.0/24", first: "10.244.0.0/24", twin: "10.244.0.0/24", fresh: "10.244.1.0/24" });
    expect(c.list("Event").filter((e) => e.source.component === "cidrAllocator")).toEqual([]);
  });

  it("does not reuse a freed block before the rest of the range (nextCandidate rotation)", () => {
    const c = createCluster({ freeze: true, config: { clusterCIDR: "10.244.0.0/22" }, nodes: names("a", "b", "c") });
    c.tick();
    c.delete({ kind: "Node", name: "b" });
    c.create(nodeManifest("d"));
    c.tick();
    expect(c.get("Node", undefined, "d")!.spec!.podCIDR).toBe("10.244.3.0/24");
    c.create(nodeManifest("e"));
    c.tick();
    // The search wraps around and finds b's old block.
    expect(c.get("Node", undefined, "e")!.spec!.podCIDR).toBe("10.244.1.0/24");
  });

  it("records CIDRNotAvailable on a node when the range is exhausted, and serves it once a block is freed", () => {
    const c = createCluster({ freeze: true, config: { clusterCIDR: "10.244.0.0/23" }, nodes: names("a", "b", "c") });
    c.tick();
    expect(podCIDRs(c)).toEqual({ a: "10.244.0.0/24", b: "10.244.1.0/24", c: undefined });
    const [ev] = cidrEvents(c);
    expect(ev).toMatchObject({
      type: "Normal",
      reason: "CIDRNotAvailable",
      message: "Node c status is now: CIDRNotAvailable",
      source: { component: "cidrAllocator" },
      involvedObject: { kind: "Node", name: "c" },
    });
    expect(c.get("Node", undefined, "c")!.status!.conditions ?? []).not.toContainEqual(expect.objectContaining({ type: "NetworkUnavailable" }));

    c.delete({ kind: "Node", name: "a" });
    c.tick();
    expect(c.get("Node", undefined, "c")!.spec!.podCIDR).toBe("10.244.0.0/24");
  });

  it("retries on every update of a waiting node, counting the repeated event", () => {
    const c = createCluster({ freeze: true, config: { clusterCIDR: "10.244.0.0/24" }, nodes: names("a", "b") });
    c.tick();
    const b = c.get("Node", undefined, "b")!;
    c.store.update("Node", { ...b, metadata: { ...b.metadata, labels: { ...b.metadata.labels, touched: "yes" } } });
    c.tick();
    expect(cidrEvents(c).map((e) => e.count)).toEqual([2]);
  });

  it("never allocates blocks that overlap the Service CIDR (filterOutServiceRange)", () => {
    const c = createCluster({ freeze: true, config: { clusterCIDR: "10.0.0.0/16", serviceCIDR: "10.0.0.0/23" }, nodes: names("a") });
    c.tick();
    expect(podCIDRs(c)).toEqual({ a: "10.0.2.0/24" });
  });

  it("rebuilds its allocation state from the nodes after a restore", () => {
    const make = () => {
      const c = createCluster({ freeze: true, config: { clusterCIDR: "10.244.0.0/22" }, nodes: names("a", "b", "c") });
      c.tick();
      c.delete({ kind: "Node", name: "a" });
      return c;
    };
    const original = make();
    const restored = restoreCluster(make().toJSON(), { freeze: true });
    for (const c of [original, restored]) {
      c.create(nodeManifest("d"));
      c.create(nodeManifest("e"));
      c.tick();
    }
    expect(podCIDRs(restored)).toEqual(podCIDRs(original));
    expect(podCIDRs(original)).toMatchObject({ d: "10.244.3.0/24", e: "10.244.0.0/24" });
  });
});

describe("blockRange (cidrset getBeginningAndEndIndices)", () => {
  const set = newCidrSet("10.244.0.0/16", 24);
  it.each<[string, [number, number] | undefined]>([
    ["10.244.0.0/24", [0, 0]],
    ["10.244.5.0/24", [5, 5]],
    ["10.244.5.128/25", [5, 5]],
    ["10.244.4.0/23", [4, 5]],
    ["10.244.0.0/16", [0, 255]],
    ["10.0.0.0/8", [0, 255]],
    ["10.245.0.0/24", undefined],
    ["not-a-cidr", undefined],
  ])("%s ⇒ %j", (cidr, expected) => {
    expect(blockRange(set, cidr)).toEqual(expected);
  });
});
