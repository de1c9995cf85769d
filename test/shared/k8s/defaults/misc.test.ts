import { describe, expect, it } from "vitest";
import { defaultObject } from "../../../../shared/k8s/defaults/index.ts";

describe("Secret, Namespace and PriorityClass defaulting", () => {
  it("merges stringData into data as base64 and defaults type Opaque", () => {
    const s = defaultObject("Secret", { apiVersion: "v1", kind: "Secret", metadata: { name: "db" }, data: { user: "YWRtaW4=" }, stringData: { password: "s3cr3t", note: "é" } });
    expect(s).toEqual({ apiVersion: "v1", kind: "Secret", metadata: { name: "db" }, type: "Opaque", data: { user: "YWRtaW4=", password: "czNjcjN0", note: "w6k=" } });
  });

  it("stringData wins over data for the same key", () => {
    const s = defaultObject("Secret", { apiVersion: "v1", kind: "Secret", metadata: { name: "db" }, data: { k: "b2xk" }, stringData: { k: "new" } });
    expect(s.data).toEqual({ k: "bmV3" });
  });

  it("labels a Namespace with its name and makes it Active", () => {
    const ns = defaultObject("Namespace", { apiVersion: "v1", kind: "Namespace", metadata: { name: "shop", labels: { team: "a" } } });
    expect(ns.metadata.labels).toEqual({ team: "a", "kubernetes.io/metadata.name": "shop" });
    expect(ns.status).toEqual({ phase: "Active" });
  });

  it("PriorityClass preemptionPolicy defaults to PreemptLowerPriority", () => {
    const pc = defaultObject("PriorityClass", { apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name: "high" }, value: 1000 });
    expect(pc.preemptionPolicy).toBe("PreemptLowerPriority");
  });
});
