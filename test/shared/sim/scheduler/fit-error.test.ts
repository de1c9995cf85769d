import { describe, expect, it } from "vitest";
import { fitErrorMessage, reasonsHistogram } from "../../../../shared/sim/scheduler/fit-error.ts";
import { numFeasibleNodesToFind } from "../../../../shared/sim/scheduler/schedule-one.ts";
import { backoffDurationMs } from "../../../../shared/sim/scheduler/queue.ts";

const statuses = (...reasons: string[][]) => new Map(reasons.map((r, i) => [`node-${i}`, { reasons: r }]));

describe("FitError message", () => {
  it("counts each reason over the nodes and sorts the entries as strings", () => {
    const m = statuses(["Insufficient memory"], ["node(s) had untolerated taint {dedicated: gpu}"], ["Insufficient memory"]);
    expect(fitErrorMessage({ numAllNodes: 3, nodeToStatus: m })).toBe("0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient memory.");
  });

  it("sorts counts as text, so 10 comes before 2, as Go's sort.Strings does", () => {
    const m = statuses(...Array.from({ length: 10 }, () => ["Insufficient cpu"]), ["Insufficient memory"], ["Insufficient memory"]);
    expect(reasonsHistogram(m)).toEqual(["10 Insufficient cpu", "2 Insufficient memory"]);
  });

  it("counts every reason a node gave (one node can lack both cpu and memory)", () => {
    expect(reasonsHistogram(statuses(["Insufficient cpu", "Insufficient memory"]))).toEqual(["1 Insufficient cpu", "1 Insufficient memory"]);
  });

  it("appends the PostFilter message after the filter summary", () => {
    const m = statuses(["Insufficient cpu"]);
    expect(fitErrorMessage({ numAllNodes: 1, nodeToStatus: m, postFilterMsg: "preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod." })).toBe(
      "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.",
    );
  });

  it("uses a PreFilter message instead of the per-node summary", () => {
    expect(fitErrorMessage({ numAllNodes: 2, nodeToStatus: new Map(), preFilterMsg: "pod affinity terms conflict" })).toBe("0/2 nodes are available: pod affinity terms conflict.");
  });
});

describe("numFeasibleNodesToFind (adaptive percentageOfNodesToScore)", () => {
  it.each([
    [1, 1],
    [99, 99],
    [100, 100],
    [200, 100],
    [1000, 420],
    [5000, 500],
    [6000, 300],
    [10000, 500],
  ])("%i nodes ⇒ %i", (nodes, expected) => {
    expect(numFeasibleNodesToFind(nodes)).toBe(expected);
  });
});

describe("pod backoff", () => {
  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [4, 8000],
    [5, 10000],
    [20, 10000],
  ])("after %i attempts waits %i ms", (attempts, ms) => {
    expect(backoffDurationMs(attempts)).toBe(ms);
  });
});
