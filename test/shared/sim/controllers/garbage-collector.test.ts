import { describe, expect, it } from "vitest";
import { bareCluster, deployment } from "../../../support/workloads-builders.ts";

describe("garbage collector", () => {
  it("deleting a Deployment deletes its ReplicaSets and their pods", () => {
    const c = bareCluster();
    c.apply(deployment("web", { replicas: 3 }));
    c.tick(3);
    expect(c.list("Pod")).toHaveLength(3);
    c.delete({ kind: "Deployment", namespace: "default", name: "web" });
    c.tick(3);
    expect(c.list("ReplicaSet")).toHaveLength(0);
    expect(c.list("Pod")).toHaveLength(0);
  });

  it("orphan propagation keeps the dependents", () => {
    const c = bareCluster();
    c.apply(deployment("web", { replicas: 2 }));
    c.tick(3);
    c.delete({ kind: "Deployment", namespace: "default", name: "web" }, { propagationPolicy: "Orphan" });
    c.tick(3);
    expect(c.list("ReplicaSet")).toHaveLength(1);
    expect(c.list("ReplicaSet")[0].metadata.ownerReferences).toBeUndefined();
    expect(c.list("Pod")).toHaveLength(2);
  });

  it("deletes an object created with a reference to an owner that does not exist", () => {
    const c = bareCluster();
    c.apply({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "cfg", ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: "ghost", uid: "0000-gone" }] },
      data: { a: "b" },
    });
    c.tick(1);
    expect(c.get("ConfigMap", "default", "cfg")).toBeUndefined();
  });

  it("drops only the dangling reference while another owner remains", () => {
    const c = bareCluster();
    c.apply({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "owner" } });
    const owner = c.get("ConfigMap", "default", "owner")!;
    c.apply({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: {
        name: "cfg",
        ownerReferences: [
          { apiVersion: "v1", kind: "ConfigMap", name: "owner", uid: owner.metadata.uid },
          { apiVersion: "apps/v1", kind: "Deployment", name: "ghost", uid: "0000-gone" },
        ],
      },
    });
    c.tick(1);
    expect(c.get("ConfigMap", "default", "cfg")!.metadata.ownerReferences?.map((r) => r.name)).toEqual(["owner"]);
  });
});
