import { describe, expect, it } from "vitest";
import { createSession } from "../../../shared/game/session.ts";
import { clusterView, newViewMemo } from "../../../shared/protocol/view.ts";
import { FIX_LINE, tinyLevel } from "../../support/server-builders.ts";

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
});
