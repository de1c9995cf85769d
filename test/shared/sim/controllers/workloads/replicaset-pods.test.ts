import { describe, expect, it } from "vitest";
import type { Cluster } from "../../../../../shared/sim/cluster.ts";
import { bareCluster, finishTerminating, makePodsReady, replicaSet, setPodPhase } from "../../../../support/workloads-builders.ts";

/**
 * The ReplicaSet controller keeps each ReplicaSet's pod counts up to date from watch events
 * (replicaset-pods.ts). Dropping that index before every tick forces a full recount from the
 * store on every sync, which is what the real controller does: both runs must stay identical.
 */

type Step = (c: Cluster) => void;

const manifest = replicaSet("web", 4);
const steps: [number, Step][] = [
  [0, (c) => c.apply({ ...manifest, spec: { ...manifest.spec, minReadySeconds: 3 } })],
  [2, (c) => makePodsReady(c, (p) => p.metadata.name < "web-m")],
  [5, (c) => makePodsReady(c)],
  [8, (c) => {
    // Relabel one pod: it is released, and a replacement is created.
    const pod = c.list("Pod").find((p) => !p.metadata.deletionTimestamp)!;
    c.update({ ...pod, metadata: { ...pod.metadata, labels: { app: "other" } } });
  }],
  [12, (c) => {
    // A matching orphan is adopted.
    c.apply({ apiVersion: "v1", kind: "Pod", metadata: { name: "stray", namespace: "default", labels: { app: "web" } }, spec: { containers: [{ name: "app", image: "nginx:1.25" }] } });
  }],
  [16, (c) => {
    const rs = c.get("ReplicaSet", "default", "web")!;
    c.apply({ ...rs, spec: { ...rs.spec, replicas: 7 } });
  }],
  [20, (c) => makePodsReady(c)],
  [25, (c) => setPodPhase(c, c.list("Pod", { labelSelector: "app=web" })[1], "Failed")],
  [30, (c) => {
    const rs = c.get("ReplicaSet", "default", "web")!;
    c.apply({ ...rs, spec: { ...rs.spec, replicas: 2, template: { ...rs.spec.template!, metadata: { labels: { app: "web", v: "2" } } } } });
  }],
  [34, (c) => finishTerminating(c)],
  [40, (c) => c.delete({ kind: "ReplicaSet", namespace: "default", name: "web" })],
];

function run(recountEveryTick: boolean): string[] {
  const c = bareCluster();
  const hashes: string[] = [];
  for (let tick = 0; tick < 120; tick++) {
    for (const [at, step] of steps) if (at === tick) step(c);
    if (recountEveryTick) c.store.derived.delete("replicaset-pods");
    c.tick();
    hashes.push(c.hash());
  }
  return hashes;
}

describe("ReplicaSet pod counts kept from watch events", () => {
  it("give the same cluster, tick by tick, as recounting every pod on every sync", () => {
    const incremental = run(false);
    const recounted = run(true);
    expect(incremental).toEqual(recounted);
    // The scenario really moved: many distinct states.
    expect(new Set(incremental).size).toBeGreaterThan(20);
  });
});
