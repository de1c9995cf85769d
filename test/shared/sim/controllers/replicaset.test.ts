import { describe, expect, it } from "vitest";
import { replicaSetController } from "../../../../shared/sim/controllers/replicaset.ts";
import { bareCluster, events, makePodsReady, replicaSet, setPodPhase } from "../../../support/workloads-builders.ts";

const RS_POD = /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/;

describe("ReplicaSet controller", () => {
  it("creates the missing pods, named <rs>-<5 random chars>, owned by the ReplicaSet", () => {
    const c = bareCluster();
    c.apply(replicaSet("web", 3));
    c.tick(2);
    const rs = c.get("ReplicaSet", "default", "web")!;
    const pods = c.list("Pod");
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(RS_POD);
      expect(p.metadata.generateName).toBe("web-");
      expect(p.metadata.labels).toEqual({ app: "web" });
      expect(p.metadata.ownerReferences).toEqual([
        { apiVersion: "apps/v1", kind: "ReplicaSet", name: "web", uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true },
      ]);
    }
    expect(events(c, "SuccessfulCreate").sort()).toEqual(pods.map((p) => `ReplicaSet/web SuccessfulCreate: Created pod: ${p.metadata.name}`).sort());
    expect(rs.status).toMatchObject({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
  });

  it("reports ready and available replicas, availability waiting for minReadySeconds", () => {
    const c = bareCluster();
    const manifest = replicaSet("web", 2);
    c.apply({ ...manifest, spec: { ...manifest.spec, minReadySeconds: 5 } });
    c.tick(2);
    makePodsReady(c);
    c.tick(2);
    expect(c.get("ReplicaSet", "default", "web")!.status).toMatchObject({ replicas: 2, readyReplicas: 2 });
    expect(c.get("ReplicaSet", "default", "web")!.status?.availableReplicas).toBeUndefined();
    c.advance(6000);
    expect(c.get("ReplicaSet", "default", "web")!.status).toMatchObject({ readyReplicas: 2, availableReplicas: 2 });
  });

  it("scales down deleting unscheduled and not-ready pods before ready ones", () => {
    const c = bareCluster();
    c.apply(replicaSet("web", 3));
    c.tick(2);
    const [first] = c.list("Pod");
    makePodsReady(c, (p) => p.metadata.name === first.metadata.name);
    c.apply(replicaSet("web", 1));
    c.tick(2);
    expect(c.list("Pod").map((p) => p.metadata.name)).toEqual([first.metadata.name]);
    expect(events(c, "SuccessfulDelete")).toHaveLength(2);
  });

  it("replaces a Failed (e.g. Evicted) pod: it no longer counts as active", () => {
    const c = bareCluster();
    c.apply(replicaSet("web", 2));
    c.tick(2);
    setPodPhase(c, c.list("Pod")[0], "Failed");
    c.tick(2);
    const pods = c.list("Pod");
    expect(pods).toHaveLength(3);
    expect(pods.filter((p) => p.status?.phase !== "Failed")).toHaveLength(2);
  });

  it("adopts matching orphans and releases pods whose labels stop matching", () => {
    const c = bareCluster();
    c.apply({ apiVersion: "v1", kind: "Pod", metadata: { name: "stray", labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx" }] } });
    c.apply(replicaSet("web", 2));
    c.tick(2);
    expect(c.get("Pod", "default", "stray")!.metadata.ownerReferences?.[0].name).toBe("web");
    expect(c.list("Pod")).toHaveLength(2);
    const stray = c.get("Pod", "default", "stray")!;
    c.store.update("Pod", { ...stray, metadata: { ...stray.metadata, labels: { app: "debug" } } });
    c.tick(2);
    expect(c.get("Pod", "default", "stray")!.metadata.ownerReferences).toBeUndefined();
    expect(c.list("Pod", { labelSelector: "app=web" })).toHaveLength(2);
  });

  it("creates at most 500 pods per sync (burstReplicas)", () => {
    const c = bareCluster();
    c.apply(replicaSet("web", 700));
    c.tick(1);
    expect(c.list("Pod")).toHaveLength(500);
    c.tick(2);
    expect(c.list("Pod")).toHaveLength(700);
  });

  it("records FailedCreate with the API error when the namespace is terminating", () => {
    const c = bareCluster();
    c.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } });
    const rs = replicaSet("web", 2);
    c.apply({ ...rs, metadata: { ...rs.metadata, namespace: "shop" }, spec: { ...rs.spec, replicas: 0 } });
    c.tick(1);
    c.store.update("ReplicaSet", { ...c.get("ReplicaSet", "shop", "web")!, spec: { ...rs.spec, replicas: 2 } });
    c.delete({ kind: "Namespace", name: "shop" });
    // Sync before the namespace controller empties the namespace on the next tick.
    replicaSetController.sync("shop/web", c.engine);
    const failed = events(c, "FailedCreate");
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(failed[0]).toMatch(/^ReplicaSet\/web FailedCreate: Error creating: pods "web-\w{5}" is forbidden: unable to create new content in namespace shop because it is being terminated$/);
  });
});
