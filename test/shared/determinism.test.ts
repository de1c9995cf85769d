import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createCluster, restoreCluster, type Cluster } from "../../shared/index.ts";
import { webDeployment, webService } from "../bench/clusters.ts";

/** A seeded scenario with every kind of work: scheduling, pulls, probes, a rollout, a scale-down, a delete. */
function play(seed: number, atTick?: (tick: number, c: Cluster) => Cluster): Cluster {
  let c = createCluster({
    seed,
    nodes: [{ name: "node-1" }, { name: "node-2" }, { name: "node-3", taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }] }],
    objects: [webDeployment(6), webService()],
  });
  const commands: [number, (c: Cluster) => unknown][] = [
    [50, (c) => c.apply({ ...webDeployment(6), spec: { ...webDeployment(6).spec, replicas: 9 } })],
    [200, (c) => {
      const d = webDeployment(9);
      d.spec.template.spec.containers[0].image = "nginx:1.26";
      return c.apply(d);
    }],
    [400, (c) => c.apply({ apiVersion: "v1", kind: "ConfigMap", metadata: { generateName: "cfg-" }, data: { a: "b" } })],
    [600, (c) => c.apply(webDeployment(4))],
    [800, (c) => c.delete({ kind: "Service", namespace: "default", name: "web" })],
  ];
  for (let t = 1; t <= 1200; t++) {
    for (const [at, cmd] of commands) if (at === t) cmd(c);
    c.tick();
    if (atTick) c = atTick(t, c);
  }
  return c;
}

describe("determinism", () => {
  beforeEach(() => {
    vi.spyOn(Math, "random").mockImplementation(() => {
      throw new Error("Math.random used in the simulator");
    });
    vi.spyOn(Date, "now").mockImplementation(() => {
      throw new Error("Date.now used in the simulator");
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it("replays the same seed and command log to the same hash", () => {
    const a = play(1234);
    const b = play(1234);
    expect(a.hash()).toBe(b.hash());
    expect(a.list("Pod").length).toBeGreaterThan(0);
  });

  it("a different seed gives a different cluster", () => {
    expect(play(1).hash()).not.toBe(play(2).hash());
  });

  it("a cluster saved and restored mid-run ends in the same state as one never interrupted", () => {
    const straight = play(77);
    const resumed = play(77, (t, c) => (t % 300 === 0 ? restoreCluster(JSON.stringify(c.toJSON())) : c));
    expect(resumed.hash()).toBe(straight.hash());
  });
});
