import { describe, expect, it } from "vitest";
import { createCluster, restoreCluster } from "../../../shared/index.ts";

const cm = (name: string, data: Record<string, string> = { a: "1" }, namespace = "default") => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, namespace },
  data,
});

describe("the object store (API server + etcd)", () => {
  it("assigns uid, resourceVersion and creationTimestamp on create", () => {
    const c = createCluster({ freeze: true });
    const r = c.create(cm("app"));
    expect(r.ok).toBe(true);
    const got = c.get("ConfigMap", "default", "app")!;
    expect(got.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number(got.metadata.resourceVersion)).toBeGreaterThan(0);
    expect(got.metadata.creationTimestamp).toBe("2025-01-01T09:00:00Z");
  });

  it("bumps resourceVersion on every write and generation only when the spec changes", () => {
    const c = createCluster({ freeze: true });
    const dep = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", labels: { app: "web" } },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: "web" } },
        template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.25" }] } },
      },
    };
    expect(c.apply(dep).ok).toBe(true);
    const v1 = c.get("Deployment", "default", "web")!;
    expect(v1.metadata.generation).toBe(1);
    c.apply({ ...dep, metadata: { ...dep.metadata, labels: { app: "web", tier: "front" } } });
    const v2 = c.get("Deployment", "default", "web")!;
    expect(v2.metadata.generation).toBe(1);
    expect(Number(v2.metadata.resourceVersion)).toBeGreaterThan(Number(v1.metadata.resourceVersion));
    c.apply({ ...dep, spec: { ...dep.spec, replicas: 2 } });
    expect(c.get("Deployment", "default", "web")!.metadata.generation).toBe(2);
    expect(c.get("Deployment", "default", "web")!.metadata.uid).toBe(v1.metadata.uid);
  });

  it("refuses a second create of the same name and a missing namespace, leaving the cluster unchanged", () => {
    const c = createCluster({ freeze: true });
    c.create(cm("app"));
    const before = c.hash();
    const dup = c.create(cm("app"));
    expect(dup).toEqual({ ok: false, error: expect.objectContaining({ reason: "AlreadyExists", message: 'configmaps "app" already exists' }) });
    const noNs = c.create(cm("app", {}, "shop"));
    expect(noNs).toEqual({ ok: false, error: expect.objectContaining({ reason: "NotFound", message: 'namespaces "shop" not found' }) });
    expect(c.hash()).toBe(before);
  });

  it("names unknown kinds the way the API server does", () => {
    const c = createCluster();
    const r = c.apply({ apiVersion: "v1", kind: "Pdo", metadata: { name: "x" } });
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ reason: "BadRequest", message: 'no matches for kind "Pdo" in version "v1"' }) });
    const r2 = c.apply({ apiVersion: "apps/v1", kind: "Pod", metadata: { name: "x" } });
    expect(r2.ok).toBe(false);
  });

  it("generates names from generateName with the Kubernetes suffix alphabet", () => {
    const c = createCluster();
    const r = c.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { generateName: "cfg-" } });
    expect(r.ok && r.value.metadata.name).toMatch(/^cfg-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it("reports an unchanged apply as unchanged", () => {
    const c = createCluster();
    expect(c.apply(cm("app"))).toMatchObject({ ok: true, value: { created: true } });
    const again = c.apply(cm("app"));
    expect(again).toMatchObject({ ok: true, value: { created: false, unchanged: true } });
    const changed = c.apply(cm("app", { a: "2" }));
    expect(changed).toMatchObject({ ok: true, value: { created: false, unchanged: false } });
  });

  it("deletes at once, then answers NotFound", () => {
    const c = createCluster();
    c.create(cm("app"));
    expect(c.delete({ kind: "ConfigMap", namespace: "default", name: "app" }).ok).toBe(true);
    expect(c.get("ConfigMap", "default", "app")).toBeUndefined();
    expect(c.delete({ kind: "ConfigMap", namespace: "default", name: "app" })).toEqual({
      ok: false,
      error: expect.objectContaining({ message: 'configmaps "app" not found' }),
    });
  });

  it("refuses to delete the system namespaces", () => {
    const c = createCluster();
    const r = c.delete({ kind: "Namespace", name: "kube-system" });
    expect(r.ok).toBe(false);
  });

  it("empties a terminating namespace, then removes it", () => {
    const c = createCluster({ freeze: true });
    c.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } });
    c.create(cm("a", {}, "shop"));
    c.create(cm("b", {}, "shop"));
    c.delete({ kind: "Namespace", name: "shop" });
    expect(c.get("Namespace", undefined, "shop")?.status).toEqual({ phase: "Terminating" });
    const refused = c.create(cm("c", {}, "shop"));
    expect(refused.ok).toBe(false);
    c.advance(5000);
    expect(c.get("Namespace", undefined, "shop")).toBeUndefined();
    expect(c.list("ConfigMap", { namespace: "shop" })).toEqual([]);
  });

  it("lists sorted, filtered by namespace, label selector and field selector", () => {
    const c = createCluster();
    c.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } });
    c.create({ ...cm("b"), metadata: { name: "b", namespace: "default", labels: { tier: "db" } } });
    c.create({ ...cm("a"), metadata: { name: "a", namespace: "default", labels: { tier: "web" } } });
    c.create({ ...cm("z"), metadata: { name: "z", namespace: "shop", labels: { tier: "web" } } });
    expect(c.list("ConfigMap").map((o) => o.metadata.name)).toEqual(["a", "b", "z"]);
    expect(c.list("ConfigMap", { namespace: "default" }).map((o) => o.metadata.name)).toEqual(["a", "b"]);
    expect(c.list("ConfigMap", { labelSelector: "tier=web" }).map((o) => o.metadata.name)).toEqual(["a", "z"]);
    expect(c.list("ConfigMap", { fieldSelector: "metadata.name!=a" }).map((o) => o.metadata.name)).toEqual(["b", "z"]);
  });
});

describe("events", () => {
  it("aggregates repeats into count and lastTimestamp, like the event correlator", () => {
    const c = createCluster();
    c.create(cm("app"));
    const obj = c.get("ConfigMap", "default", "app")!;
    c.engine.recordEvent(obj, "Warning", "Odd", "something odd", { component: "test" });
    c.advance(2000);
    c.engine.recordEvent(obj, "Warning", "Odd", "something odd", { component: "test" });
    c.engine.recordEvent(obj, "Normal", "Other", "different", { component: "test" });
    const events = c.list("Event");
    expect(events).toHaveLength(2);
    const odd = events.find((e) => e.reason === "Odd")!;
    expect(odd).toMatchObject({
      count: 2,
      firstTimestamp: "2025-01-01T09:00:00Z",
      lastTimestamp: "2025-01-01T09:00:02Z",
      involvedObject: { kind: "ConfigMap", name: "app", namespace: "default" },
    });
    expect(odd.metadata.name).toMatch(/^app\.[0-9a-f]+$/);
  });
});

describe("state", () => {
  it("serialises to JSON and restores to the same hash, continuing identically", () => {
    const a = createCluster({ seed: 9, nodes: [{ name: "node-1" }] });
    a.create(cm("app"));
    a.advance(3000);
    const b = restoreCluster(JSON.stringify(a.toJSON()));
    expect(b.hash()).toBe(a.hash());
    a.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { generateName: "x-" } });
    b.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { generateName: "x-" } });
    a.advance(5000);
    b.advance(5000);
    expect(b.hash()).toBe(a.hash());
  });

  it("changes the hash when anything changes", () => {
    const a = createCluster({ seed: 1 });
    const h0 = a.hash();
    a.tick();
    expect(a.hash()).not.toBe(h0);
  });
});

describe("event TTL", () => {
  it("drops an event an hour after it last happened, keeps one that repeats", () => {
    const c = createCluster();
    c.create(cm("app"));
    const obj = c.get("ConfigMap", "default", "app")!;
    c.engine.recordEvent(obj, "Normal", "Once", "only once", { component: "test" });
    c.engine.recordEvent(obj, "Normal", "Again", "repeats", { component: "test" });
    c.advance(40 * 60_000);
    c.engine.recordEvent(obj, "Normal", "Again", "repeats", { component: "test" });
    c.advance(21 * 60_000);
    expect(c.list("Event").map((e) => e.reason)).toEqual(["Again"]);
    c.advance(40 * 60_000);
    expect(c.list("Event")).toEqual([]);
  });
});
