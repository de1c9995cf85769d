import { describe, expect, it } from "vitest";
import { podMatchesNodeSelectorAndAffinity, preferredAffinityScore, type PodSchedulingSpec } from "../../../shared/k8s/node-affinity.ts";
import type { NodeSelectorTerm } from "../../../shared/k8s/schema/pod.ts";

const node = (name: string, labels: Record<string, string>) => ({ metadata: { name, labels } });
const gpuNode = node("node-1", { "kubernetes.io/hostname": "node-1", gpu: "true", zone: "a", cores: "16" });
const required = (...nodeSelectorTerms: NodeSelectorTerm[]): PodSchedulingSpec => ({
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms } } },
});
const expr = (key: string, operator: "In" | "NotIn" | "Exists" | "DoesNotExist" | "Gt" | "Lt", values?: string[]): NodeSelectorTerm => ({
  matchExpressions: [{ key, operator, ...(values ? { values } : {}) }],
});

describe("nodeSelector", () => {
  it.each([
    [{}, true],
    [{ gpu: "true" }, true],
    [{ gpu: "true", zone: "a" }, true],
    [{ gpu: "false" }, false],
    [{ gpu: "true", zone: "b" }, false],
    [{ missing: "x" }, false],
  ])("%j on a gpu node in zone a ⇒ %s", (nodeSelector, expected) => {
    expect(podMatchesNodeSelectorAndAffinity({ nodeSelector }, gpuNode)).toBe(expected);
  });
});

describe("required node affinity operators", () => {
  it.each<[string, NodeSelectorTerm, boolean]>([
    ["In with a listed value", expr("zone", "In", ["a", "b"]), true],
    ["In without the value", expr("zone", "In", ["b", "c"]), false],
    ["In on a missing label", expr("rack", "In", ["r1"]), false],
    ["NotIn with a listed value", expr("zone", "NotIn", ["a"]), false],
    ["NotIn without the value", expr("zone", "NotIn", ["b"]), true],
    ["NotIn on a missing label", expr("rack", "NotIn", ["r1"]), true],
    ["Exists on a present label", expr("gpu", "Exists"), true],
    ["Exists on a missing label", expr("rack", "Exists"), false],
    ["DoesNotExist on a present label", expr("gpu", "DoesNotExist"), false],
    ["DoesNotExist on a missing label", expr("rack", "DoesNotExist"), true],
    ["Gt below the value", expr("cores", "Gt", ["8"]), true],
    ["Gt equal to the value", expr("cores", "Gt", ["16"]), false],
    ["Lt above the value", expr("cores", "Lt", ["32"]), true],
    ["Lt on a non-numeric label", expr("zone", "Lt", ["32"]), false],
    ["Gt on a missing label", expr("rack", "Gt", ["1"]), false],
    ["Gt with two values is invalid and matches nothing", expr("cores", "Gt", ["1", "2"]), false],
    ["In without values is invalid and matches nothing", expr("zone", "In", []), false],
    ["Exists with values is invalid and matches nothing", expr("gpu", "Exists", ["true"]), false],
    ["matchFields metadata.name In", { matchFields: [{ key: "metadata.name", operator: "In", values: ["node-1"] }] }, true],
    ["matchFields metadata.name In another node", { matchFields: [{ key: "metadata.name", operator: "In", values: ["node-2"] }] }, false],
    ["matchFields metadata.name NotIn", { matchFields: [{ key: "metadata.name", operator: "NotIn", values: ["node-1"] }] }, false],
    ["matchFields with two values is invalid", { matchFields: [{ key: "metadata.name", operator: "In", values: ["node-1", "node-2"] }] }, false],
    ["matchFields with Exists is invalid", { matchFields: [{ key: "metadata.name", operator: "Exists" }] }, false],
    [
      "matchExpressions and matchFields in one term are ANDed",
      { matchExpressions: [{ key: "gpu", operator: "Exists" }], matchFields: [{ key: "metadata.name", operator: "In", values: ["node-2"] }] },
      false,
    ],
    [
      "expressions in one term are ANDed",
      { matchExpressions: [{ key: "gpu", operator: "Exists" }, { key: "zone", operator: "In", values: ["b"] }] },
      false,
    ],
  ])("%s", (_name, term, expected) => {
    expect(podMatchesNodeSelectorAndAffinity(required(term), gpuNode)).toBe(expected);
  });

  it("terms are ORed", () => {
    expect(podMatchesNodeSelectorAndAffinity(required(expr("zone", "In", ["b"]), expr("gpu", "Exists")), gpuNode)).toBe(true);
  });

  it("an empty term list matches no node", () => {
    expect(podMatchesNodeSelectorAndAffinity(required(), gpuNode)).toBe(false);
  });

  it("an empty term is skipped, so alone it matches no node", () => {
    expect(podMatchesNodeSelectorAndAffinity(required({}), gpuNode)).toBe(false);
    expect(podMatchesNodeSelectorAndAffinity(required({}, expr("gpu", "Exists")), gpuNode)).toBe(true);
  });

  it("an invalid term does not stop another term from matching", () => {
    expect(podMatchesNodeSelectorAndAffinity(required(expr("zone", "In", []), expr("gpu", "Exists")), gpuNode)).toBe(true);
  });

  it("nodeSelector and affinity must both match", () => {
    expect(podMatchesNodeSelectorAndAffinity({ nodeSelector: { zone: "b" }, ...required(expr("gpu", "Exists")) }, gpuNode)).toBe(false);
    expect(podMatchesNodeSelectorAndAffinity({ nodeSelector: { zone: "a" }, ...required(expr("gpu", "Exists")) }, gpuNode)).toBe(true);
  });
});

describe("preferredAffinityScore", () => {
  const spec: PodSchedulingSpec = {
    affinity: {
      nodeAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 10, preference: expr("gpu", "Exists") },
          { weight: 5, preference: expr("zone", "In", ["a"]) },
          { weight: 80, preference: expr("zone", "In", ["b"]) },
          { weight: 0, preference: expr("gpu", "Exists") },
          { weight: 50, preference: {} },
        ],
      },
    },
  };
  it("sums the weights of the matching terms, skipping weight 0 and empty terms", () => {
    expect(preferredAffinityScore(spec, gpuNode)).toBe(15);
    expect(preferredAffinityScore(spec, node("node-2", { zone: "b" }))).toBe(80);
    expect(preferredAffinityScore(spec, node("node-3", {}))).toBe(0);
  });
  it("is 0 without preferences", () => {
    expect(preferredAffinityScore({}, gpuNode)).toBe(0);
  });
});
