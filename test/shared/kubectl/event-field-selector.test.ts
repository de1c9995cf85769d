import { describe, expect, it } from "vitest";
import { createCluster, runKubectl, type Cluster, type KubeEvent } from "../../../shared/index.ts";

const cm = (name: string, namespace = "default") => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace } });

function clusterWithEvents(): Cluster {
  const c = createCluster({ freeze: true });
  for (const [ns, name] of [["default", "a"], ["default", "b"], ["kube-system", "a"]]) {
    c.create(cm(name, ns));
    const obj = c.get("ConfigMap", ns, name)!;
    c.engine.recordEvent(obj, "Normal", "First", `first about ${name}`, { component: "test" });
    c.engine.recordEvent(obj, "Warning", "Second", `second about ${name}`, { component: "test" });
  }
  return c;
}

/** `event/<name>` lines, as a full scan of the stored Events would select them. */
function expected(c: Cluster, keep: (e: KubeEvent) => boolean, ns?: string): string {
  const evs = c.list("Event").filter((e) => (ns === undefined || e.metadata.namespace === ns) && keep(e));
  evs.sort((x, y) => (`${x.metadata.namespace}/${x.metadata.name}` < `${y.metadata.namespace}/${y.metadata.name}` ? -1 : 1));
  return evs.map((e) => `event/${e.metadata.name}\n`).join("");
}

describe("kubectl get events --field-selector involvedObject.* (answered from the event index)", () => {
  it("selects by involvedObject.name in the current namespace only", () => {
    const c = clusterWithEvents();
    const r = runKubectl(c, "get events --field-selector involvedObject.name=a -o name");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(expected(c, (e) => e.involvedObject.name === "a", "default"));
    expect(r.stdout.split("\n").filter(Boolean)).toHaveLength(2);
  });

  it("selects by involvedObject.name in every namespace with -A", () => {
    const c = clusterWithEvents();
    const r = runKubectl(c, "get events -A --field-selector involvedObject.name=a -o name");
    expect(r.stdout).toBe(expected(c, (e) => e.involvedObject.name === "a"));
    expect(r.stdout.split("\n").filter(Boolean)).toHaveLength(4);
  });

  it("combines involvedObject.uid with the other field requirements", () => {
    const c = clusterWithEvents();
    const uid = c.get("ConfigMap", "default", "b")!.metadata.uid;
    const r = runKubectl(c, `get events --field-selector involvedObject.uid=${uid},reason=Second -o name`);
    expect(r.stdout).toBe(expected(c, (e) => e.involvedObject.uid === uid && e.reason === "Second", "default"));
    expect(r.stdout.split("\n").filter(Boolean)).toHaveLength(1);
  });

  it("sees events recorded after the index was built", () => {
    const c = clusterWithEvents();
    runKubectl(c, "get events --field-selector involvedObject.name=b");
    c.advance(1000);
    c.engine.recordEvent(c.get("ConfigMap", "default", "b")!, "Normal", "Later", "later", { component: "test" });
    const r = runKubectl(c, "get events --field-selector involvedObject.name=b,reason=Later -o name");
    expect(r.stdout.split("\n").filter(Boolean)).toHaveLength(1);
  });
});
