import { describe, expect, it } from "vitest";
import { synchronize, PRESSURE_TRANSITION_PERIOD_MS, type EvictionCandidate } from "../../../../../shared/sim/kubelet/eviction/synchronize.ts";
import { hardThresholds, observeNode, thresholdBytes } from "../../../../../shared/sim/kubelet/eviction/signals.ts";
import { evictionMessage } from "../../../../../shared/sim/kubelet/eviction/message.ts";
import { Gi, Mi, pod, resources } from "../../../../support/eviction-builders.ts";

const thresholds = hardThresholds({ evictionHardMemoryBytes: 100 * Mi, evictionHardNodefsPercent: 10 });

function candidate(name: string, memoryMi: number, requests: Record<string, string> = {}, priority = 0): EvictionCandidate {
  return { key: `default/${name}`, pod: pod(name, priority, requests), memoryBytes: memoryMi * Mi, diskBytes: 0, containerMemoryBytes: { [name]: memoryMi * Mi } };
}

function observe(memAvailableMi: number, diskAvailableGi = 50) {
  return {
    "memory.available": { capacityBytes: 8 * Gi, availableBytes: memAvailableMi * Mi },
    "nodefs.available": { capacityBytes: 100 * Gi, availableBytes: diskAvailableGi * Gi },
  };
}

describe("synchronize: one eviction pass", () => {
  it("evicts the pod over its request before the BestEffort one, with the kubelet's exact message", () => {
    const r = synchronize({
      nowMs: 0,
      observations: observe(50),
      thresholds,
      memory: { pressureLastObservedMs: {} },
      candidates: [candidate("tiny", 10), candidate("web", 300, resources("", "100Mi"))],
    });
    expect(r.pressure).toEqual({ MemoryPressure: true, DiskPressure: false });
    expect(r.reclaim).toEqual({ signal: "memory.available", resource: "memory" });
    expect(r.evict).toEqual({
      key: "default/web",
      message:
        "The node was low on resource: memory. Threshold quantity: 100Mi, available: 50Mi. " +
        "Container web was using 300Mi, request is 100Mi, has larger consumption of memory. ",
    });
  });

  it("evicts nothing and reports no pressure while memory.available stays above the threshold", () => {
    const r = synchronize({ nowMs: 0, observations: observe(101), thresholds, memory: { pressureLastObservedMs: {} }, candidates: [candidate("a", 10)] });
    expect(r).toEqual({ pressure: { MemoryPressure: false, DiskPressure: false }, memory: { pressureLastObservedMs: {} } });
  });

  it.each([
    [0, true],
    [PRESSURE_TRANSITION_PERIOD_MS - 1, true],
    [PRESSURE_TRANSITION_PERIOD_MS, false],
  ])("keeps MemoryPressure for the transition period after the last observation (%i ms later: %s)", (later, expected) => {
    const r = synchronize({
      nowMs: 1_000_000 + later,
      observations: observe(500),
      thresholds,
      memory: { pressureLastObservedMs: { MemoryPressure: 1_000_000 } },
      candidates: [],
    });
    expect(r.pressure.MemoryPressure).toBe(expected);
    expect(r.evict).toBeUndefined();
  });

  it("never evicts a critical pod (priority ≥ 2000000000) and takes the next in rank", () => {
    const r = synchronize({
      nowMs: 0,
      observations: observe(10),
      thresholds,
      memory: { pressureLastObservedMs: {} },
      candidates: [candidate("critical", 900, {}, 2_000_001_000), candidate("app", 100)],
    });
    expect(r.evict?.key).toBe("default/app");
  });

  it("reclaims memory first when both memory and disk are low (byEvictionPriority)", () => {
    const r = synchronize({ nowMs: 0, observations: observe(10, 1), thresholds, memory: { pressureLastObservedMs: {} }, candidates: [candidate("a", 10)] });
    expect(r.pressure).toEqual({ MemoryPressure: true, DiskPressure: true });
    expect(r.reclaim?.resource).toBe("memory");
  });

  it("evicts by ephemeral storage under disk pressure, with the nodefs threshold in the message", () => {
    const big: EvictionCandidate = { ...candidate("logs", 10), diskBytes: 30 * Gi };
    const small: EvictionCandidate = { ...candidate("quiet", 500), diskBytes: 1 * Gi };
    const r = synchronize({ nowMs: 0, observations: observe(4000, 5), thresholds, memory: { pressureLastObservedMs: {} }, candidates: [small, big] });
    expect(r.pressure).toEqual({ MemoryPressure: false, DiskPressure: true });
    expect(r.evict).toEqual({
      key: "default/logs",
      message: "The node was low on resource: ephemeral-storage. Threshold quantity: 10737418400, available: 5Gi. ",
    });
  });
});

describe("signals", () => {
  it("computes nodefs 10% with Go's float32 percentage, as GetThresholdQuantity does", () => {
    expect(thresholdBytes(thresholds[1], 100 * Gi)).toBe(10737418400);
    expect(thresholdBytes(thresholds[0], 100 * Gi)).toBe(100 * Mi);
  });

  it("observes available = capacity − pods − system, in whole pages", () => {
    const o = observeNode({ memoryCapacityBytes: 8 * Gi, diskCapacityBytes: 100 * Gi, podsMemoryBytes: 1, podsDiskBytes: 0, systemMemoryBytes: 400 * Mi, systemDiskBytes: 8 * Gi });
    expect(o["memory.available"]).toEqual({ capacityBytes: 8 * Gi, availableBytes: 8 * Gi - 400 * Mi - 4096 });
    expect(o["nodefs.available"]).toEqual({ capacityBytes: 100 * Gi, availableBytes: 92 * Gi });
  });
});

describe("evictionMessage (helpers.go evictionMessage)", () => {
  it.each([
    ["a container within its request is not named", { web: 50 * Mi }, resources("", "100Mi"), "The node was low on resource: memory. Threshold quantity: 100Mi, available: 90Mi. "],
    ["a BestEffort container prints request 0", { web: 20 * Mi }, {}, "The node was low on resource: memory. Threshold quantity: 100Mi, available: 90Mi. Container web was using 20Mi, request is 0, has larger consumption of memory. "],
    ["the request prints as Quantity.String()", { web: 200 * Mi }, resources("", "0.1Gi"), "The node was low on resource: memory. Threshold quantity: 100Mi, available: 90Mi. Container web was using 200Mi, request is 107374182400m, has larger consumption of memory. "],
  ])("%s", (_name, usage, requests, expected) => {
    expect(evictionMessage("memory", pod("web", 0, requests), { quantity: "100Mi", available: "90Mi" }, usage)).toBe(expected);
  });
});
