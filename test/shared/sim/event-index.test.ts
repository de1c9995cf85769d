import { describe, expect, it } from "vitest";
import { createCluster, restoreCluster, type Cluster, type KubeEvent, type Stored } from "../../../shared/index.ts";
import { eventKeysFor, eventKeysNaming, eventsFor } from "../../../shared/sim/event-index.ts";

const cm = (name: string, namespace = "default") => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace } });

/** What the index must agree with: every stored Event of `namespace` about `uid`, by name. */
function scanned(c: Cluster, namespace: string, uid: string): string[] {
  return c
    .list("Event")
    .filter((e) => e.metadata.namespace === namespace && e.involvedObject.uid === uid)
    .map((e) => e.metadata.name!)
    .sort();
}

const names = (evs: Stored<KubeEvent>[]) => evs.map((e) => e.metadata.name!);

function clusterWithEvents(): Cluster {
  const c = createCluster({ freeze: true });
  c.create(cm("a"));
  c.create(cm("b"));
  c.create(cm("a", "kube-system"));
  for (const [ns, name] of [["default", "a"], ["default", "b"], ["kube-system", "a"]]) {
    const obj = c.get("ConfigMap", ns, name)!;
    c.engine.recordEvent(obj, "Normal", "First", `first about ${name}`, { component: "test" });
    c.engine.recordEvent(obj, "Warning", "Second", `second about ${name}`, { component: "test" });
  }
  return c;
}

describe("event index (events by involvedObject)", () => {
  it("finds the events of one object in its namespace, sorted by name, as a scan would", () => {
    const c = clusterWithEvents();
    const a = c.get("ConfigMap", "default", "a")!;
    const found = eventsFor(c.store, "default", a.metadata.uid);
    expect(found.map((e) => e.reason).sort()).toEqual(["First", "Second"]);
    expect(names(found)).toEqual(scanned(c, "default", a.metadata.uid));
  });

  it("leaves out events of the same uid stored in another namespace", () => {
    const c = clusterWithEvents();
    const a = c.get("ConfigMap", "default", "a")!;
    expect(eventsFor(c.store, "kube-system", a.metadata.uid)).toEqual([]);
  });

  it("follows later writes: a new event, an aggregated repeat and a deleted event", () => {
    const c = clusterWithEvents();
    const a = c.get("ConfigMap", "default", "a")!;
    const uid = a.metadata.uid;
    eventsFor(c.store, "default", uid); // build the index before the writes
    c.advance(1000);
    c.engine.recordEvent(a, "Normal", "Third", "third", { component: "test" });
    c.engine.recordEvent(a, "Normal", "First", "first about a", { component: "test" });
    expect(eventsFor(c.store, "default", uid).find((e) => e.reason === "First")!.count).toBe(2);
    expect(names(eventsFor(c.store, "default", uid))).toEqual(scanned(c, "default", uid));
    const victim = eventsFor(c.store, "default", uid)[0];
    expect(c.delete({ kind: "Event", namespace: "default", name: victim.metadata.name! }).ok).toBe(true);
    expect(names(eventsFor(c.store, "default", uid))).not.toContain(victim.metadata.name);
    expect(names(eventsFor(c.store, "default", uid))).toEqual(scanned(c, "default", uid));
  });

  it("is rebuilt from the stored events after a restore", () => {
    const c = clusterWithEvents();
    const uid = c.get("ConfigMap", "default", "b")!.metadata.uid;
    const restored = restoreCluster(JSON.stringify(c.toJSON()));
    expect(names(eventsFor(restored.store, "default", uid))).toEqual(scanned(c, "default", uid));
  });

  it("indexes involvedObject.name too, across namespaces", () => {
    const c = clusterWithEvents();
    expect([...eventKeysNaming(c.store, "a")].sort()).toEqual(
      c.list("Event").filter((e) => e.involvedObject.name === "a").map((e) => `${e.metadata.namespace}/${e.metadata.name}`).sort(),
    );
    expect(eventKeysNaming(c.store, "nothing").size).toBe(0);
    expect(eventKeysFor(c.store, "no-such-uid").size).toBe(0);
  });
});
