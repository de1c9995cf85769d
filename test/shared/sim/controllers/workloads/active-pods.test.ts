import { describe, expect, it } from "vitest";
import type { Pod } from "../../../../../shared/k8s/schema/pod.ts";
import { formatTimestamp } from "../../../../../shared/k8s/time.ts";
import { getPodsToDelete, rankPodsForDeletion } from "../../../../../shared/sim/controllers/workloads/active-pods.ts";

const NOW = 1_700_000_000_000;
const ts = (agoMs: number) => formatTimestamp(NOW - agoMs);

interface P {
  name: string;
  node?: string;
  phase?: "Pending" | "Running" | "Unknown";
  ready?: boolean;
  readyAgoMs?: number;
  createdAgoMs?: number;
  restarts?: number;
  cost?: string;
}

function pod(p: P): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: p.name,
      uid: `uid-${p.name}`,
      creationTimestamp: ts(p.createdAgoMs ?? 3_600_000),
      ...(p.cost ? { annotations: { "controller.kubernetes.io/pod-deletion-cost": p.cost } } : {}),
    },
    spec: { containers: [{ name: "c" }], ...(p.node ? { nodeName: p.node } : {}) },
    status: {
      phase: p.phase ?? "Running",
      conditions: [{ type: "Ready", status: p.ready === false ? "False" : "True", lastTransitionTime: ts(p.readyAgoMs ?? 3_600_000) }],
      containerStatuses: [{ name: "c", ready: true, restartCount: p.restarts ?? 0, image: "", imageID: "" }],
    },
  };
}

describe("ActivePods deletion order (controller_utils.go)", () => {
  it.each<[string, P, P]>([
    ["unscheduled before scheduled", { name: "a", node: "n1" }, { name: "b" }],
    ["Pending before Running", { name: "a", node: "n1" }, { name: "b", node: "n2", phase: "Pending" }],
    ["Unknown before Running", { name: "a", node: "n1" }, { name: "b", node: "n2", phase: "Unknown" }],
    ["not ready before ready", { name: "a", node: "n1" }, { name: "b", node: "n2", ready: false }],
    ["lower deletion cost first", { name: "a", node: "n1", cost: "10" }, { name: "b", node: "n2", cost: "-5" }],
    ["ready for less time first", { name: "a", node: "n1", readyAgoMs: 3_600_000 }, { name: "b", node: "n2", readyAgoMs: 10_000 }],
    ["more restarts first", { name: "a", node: "n1", restarts: 0 }, { name: "b", node: "n2", restarts: 4 }],
    ["newer first", { name: "a", node: "n1", createdAgoMs: 7_200_000, readyAgoMs: 60_000 }, { name: "b", node: "n2", createdAgoMs: 60_000, readyAgoMs: 60_000 }],
  ])("%s", (_rule, keep, remove) => {
    const order = rankPodsForDeletion([pod(keep), pod(remove)], [], NOW).map((p) => p.metadata.name);
    expect(order[0]).toBe(remove.name);
    expect(rankPodsForDeletion([pod(remove), pod(keep)], [], NOW)[0].metadata.name).toBe(remove.name);
  });

  it("prefers pods doubled up on a node with related pods", () => {
    const lonely = pod({ name: "a", node: "n1" });
    const crowded = pod({ name: "b", node: "n2" });
    const sibling = pod({ name: "c", node: "n2" });
    expect(getPodsToDelete([lonely, crowded], [lonely, crowded, sibling], 1, NOW).map((p) => p.metadata.name)).toEqual(["b"]);
  });

  it("returns every pod when asked for at least as many as exist", () => {
    expect(getPodsToDelete([pod({ name: "a" })], [], 3, NOW)).toHaveLength(1);
    expect(getPodsToDelete([pod({ name: "a" })], [], 0, NOW)).toHaveLength(0);
  });
});
