import { describe, expect, it } from "vitest";
import { admitPodUnderPressure } from "../../../../../shared/sim/kubelet/eviction/admit.ts";
import { pod, resources } from "../../../../support/eviction-builders.ts";

const nodeWith = (...trueConditions: string[]) => ({
  status: { conditions: ["MemoryPressure", "DiskPressure", "PIDPressure"].map((type) => ({ type, status: trueConditions.includes(type) ? ("True" as const) : ("False" as const) })) },
});
const bestEffort = pod("be", 0);
const burstable = pod("bu", 0, resources("100m", "64Mi"));
const tolerating = { ...bestEffort, spec: { ...bestEffort.spec, tolerations: [{ key: "node.kubernetes.io/memory-pressure", operator: "Exists" as const, effect: "NoSchedule" as const }] } };
const critical = pod("crit", 2_000_000_000);

describe("admitPodUnderPressure (managerImpl.Admit)", () => {
  it.each([
    ["no pressure admits BestEffort", nodeWith(), bestEffort, { admit: true }],
    ["MemoryPressure admits Burstable", nodeWith("MemoryPressure"), burstable, { admit: true }],
    ["MemoryPressure refuses BestEffort", nodeWith("MemoryPressure"), bestEffort, { admit: false, reason: "Evicted", message: "The node had condition: [MemoryPressure]. " }],
    ["MemoryPressure admits BestEffort tolerating the memory-pressure taint", nodeWith("MemoryPressure"), tolerating, { admit: true }],
    ["DiskPressure refuses every pod", nodeWith("DiskPressure"), burstable, { admit: false, reason: "Evicted", message: "The node had condition: [DiskPressure]. " }],
    ["both list every condition", nodeWith("MemoryPressure", "DiskPressure"), burstable, { admit: false, reason: "Evicted", message: "The node had condition: [MemoryPressure DiskPressure]. " }],
    ["critical pods are always admitted", nodeWith("MemoryPressure", "DiskPressure"), critical, { admit: true }],
  ])("%s", (_name, node, p, expected) => {
    expect(admitPodUnderPressure(node, p)).toEqual(expected);
  });
});
