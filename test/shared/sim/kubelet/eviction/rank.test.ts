import { describe, expect, it } from "vitest";
import { rankForDiskPressure, rankForEviction } from "../../../../../shared/sim/kubelet/eviction/rank.ts";
import { Mi, pod, resources } from "../../../../support/eviction-builders.ts";

// Cases ported from pkg/kubelet/eviction/helpers_test.go (lowPriority -1, defaultPriority 0, highPriority 1).
const low = -1;
const high = 1;

describe("rankForEviction (rankMemoryPressure = exceedMemoryRequests, priority, memory)", () => {
  it("puts the pod whose usage exceeds its request first (TestOrderedByExceedsRequestMemory)", () => {
    const below = pod("below-requests", -1, resources("", "200Mi"));
    const exceeds = pod("exceeds-requests", 1, resources("", "100Mi"));
    expect(rankForEviction([
      { pod: below, memoryWorkingSetBytes: 199 * Mi },
      { pod: exceeds, memoryWorkingSetBytes: 101 * Mi },
    ])).toEqual(["exceeds-requests", "below-requests"]);
  });

  it("orders by usage above request when nothing else differs (TestOrderedByMemory)", () => {
    const usage: [string, Record<string, string>, Record<string, string>, number][] = [
      ["best-effort-high", {}, {}, 500],
      ["best-effort-low", {}, {}, 300],
      ["burstable-high", resources("", "100Mi"), resources("", "1Gi"), 800],
      ["burstable-low", resources("", "100Mi"), resources("", "1Gi"), 300],
      ["guaranteed-high", resources("", "1Gi"), resources("", "1Gi"), 800],
      ["guaranteed-low", resources("", "1Gi"), resources("", "1Gi"), 200],
    ];
    const ranked = rankForEviction(usage.map(([n, req, lim, mi]) => ({ pod: pod(n, 0, req, lim), memoryWorkingSetBytes: mi * Mi })));
    expect(ranked).toEqual(["burstable-high", "best-effort-high", "best-effort-low", "burstable-low", "guaranteed-high", "guaranteed-low"]);
  });

  it("orders by exceeding requests, then priority, then usage (TestOrderedByPriorityMemory)", () => {
    const cases: [string, number, string, number][] = [
      ["below-requests-high-priority-low-usage", high, "1Gi", 200],
      ["below-requests-high-priority-high-usage", high, "1Gi", 800],
      ["below-requests-low-priority-low-usage", low, "1Gi", 200],
      ["below-requests-low-priority-high-usage", low, "1Gi", 800],
      ["above-requests-high-priority-low-usage", high, "100Mi", 150],
      ["above-requests-high-priority-high-usage", high, "100Mi", 600],
      ["above-requests-low-priority-low-usage", low, "", 50],
      ["above-requests-low-priority-high-usage", low, "", 500],
    ];
    const ranked = rankForEviction(cases.map(([n, p, req, mi]) => ({ pod: pod(n, p, resources("", req)), memoryWorkingSetBytes: mi * Mi })));
    expect(ranked).toEqual([
      "above-requests-low-priority-high-usage",
      "above-requests-low-priority-low-usage",
      "above-requests-high-priority-high-usage",
      "above-requests-high-priority-low-usage",
      "below-requests-low-priority-high-usage",
      "below-requests-low-priority-low-usage",
      "below-requests-high-priority-high-usage",
      "below-requests-high-priority-low-usage",
    ]);
  });

  it("ranks lower priority first among pods that all exceed or all stay within requests (TestOrderedByPriority)", () => {
    const ranked = rankForEviction([
      { pod: pod("high-priority", 12534, resources("200m", "200Mi"), resources("200m", "200Mi")), memoryWorkingSetBytes: 0 },
      { pod: pod("medium-priority", 1, resources("100m", "100Mi"), resources("200m", "200Mi")), memoryWorkingSetBytes: 0 },
      { pod: pod("low-priority", -134), memoryWorkingSetBytes: 0 },
    ]);
    expect(ranked).toEqual(["low-priority", "medium-priority", "high-priority"]);
  });

  it("counts a BestEffort pod's request as 0, so any usage exceeds it", () => {
    const ranked = rankForEviction([
      { pod: pod("burstable-within", 0, resources("", "500Mi")), memoryWorkingSetBytes: 400 * Mi },
      { pod: pod("best-effort-tiny", 0), memoryWorkingSetBytes: 1 * Mi },
    ]);
    expect(ranked).toEqual(["best-effort-tiny", "burstable-within"]);
  });

  it("treats a limit-only container as requesting its limit (API defaulting)", () => {
    const ranked = rankForEviction([
      { pod: pod("limit-only", 0, {}, resources("", "512Mi")), memoryWorkingSetBytes: 300 * Mi },
      { pod: pod("request-100", 0, resources("", "100Mi")), memoryWorkingSetBytes: 200 * Mi },
    ]);
    expect(ranked).toEqual(["request-100", "limit-only"]);
  });

  it("breaks full ties by name, deterministically", () => {
    const ranked = rankForEviction(["c", "a", "b"].map((n) => ({ pod: pod(n, 0), memoryWorkingSetBytes: 10 * Mi })));
    expect(ranked).toEqual(["a", "b", "c"]);
  });
});

describe("rankForDiskPressure (exceedDiskRequests, priority, disk)", () => {
  it("puts the pod exceeding its ephemeral-storage request first (TestOrderedByExceedsRequestDisk)", () => {
    expect(rankForDiskPressure([
      { pod: pod("below-requests", -1, resources("", "", "200Mi")), ephemeralStorageBytes: 199 * Mi },
      { pod: pod("exceeds-requests", 1, resources("", "", "100Mi")), ephemeralStorageBytes: 101 * Mi },
    ])).toEqual(["exceeds-requests", "below-requests"]);
  });

  it("orders by exceeding requests, then priority, then usage (TestOrderedByPriorityDisk)", () => {
    const cases: [string, number, string, number][] = [
      ["below-requests-high-priority-low-usage", high, "1Gi", 200],
      ["below-requests-high-priority-high-usage", high, "1Gi", 800],
      ["below-requests-low-priority-low-usage", low, "1Gi", 200],
      ["below-requests-low-priority-high-usage", low, "1Gi", 800],
      ["above-requests-high-priority-low-usage", high, "100Mi", 150],
      ["above-requests-high-priority-high-usage", high, "100Mi", 600],
      ["above-requests-low-priority-low-usage", low, "", 50],
      ["above-requests-low-priority-high-usage", low, "", 500],
    ];
    const ranked = rankForDiskPressure(cases.map(([n, p, req, mi]) => ({ pod: pod(n, p, resources("", "", req)), ephemeralStorageBytes: mi * Mi })));
    expect(ranked).toEqual([
      "above-requests-low-priority-high-usage",
      "above-requests-low-priority-low-usage",
      "above-requests-high-priority-high-usage",
      "above-requests-high-priority-low-usage",
      "below-requests-low-priority-high-usage",
      "below-requests-low-priority-low-usage",
      "below-requests-high-priority-high-usage",
      "below-requests-high-priority-low-usage",
    ]);
  });

  it("orders by usage above request (TestOrderedbyDisk)", () => {
    const cases: [string, string, number][] = [
      ["best-effort-high", "", 300],
      ["best-effort-low", "", 100],
      ["burstable-high", "100Mi", 350],
      ["burstable-low", "100Mi", 110],
      ["guaranteed-high", "400Mi", 375],
      ["guaranteed-low", "400Mi", 120],
    ];
    const ranked = rankForDiskPressure(cases.map(([n, req, mi]) => ({ pod: pod(n, 0, resources("", "", req)), ephemeralStorageBytes: mi * Mi })));
    // Kubernetes' disk() order; the full ranking keeps it because the exceeding pods are exactly the top four.
    expect(ranked).toEqual(["best-effort-high", "burstable-high", "best-effort-low", "burstable-low", "guaranteed-high", "guaranteed-low"]);
  });
});
