import { describe, expect, it } from "vitest";
import { qosClass } from "../../../shared/k8s/qos.ts";
import { container, pod, resources } from "../../support/admission-builders.ts";

const guaranteed = resources({ cpu: "100m", memory: "100Mi" }, { cpu: "100m", memory: "100Mi" });
const burstable = resources({ cpu: "100m", memory: "100Mi" });

describe("qosClass (ported from pkg/apis/core/v1/helper/qos/qos_test.go)", () => {
  it.each([
    ["best-effort-best-effort", [container({ name: "a" }), container({ name: "b" })], [], "BestEffort"],
    ["best-effort", [container()], [], "BestEffort"],
    ["best-effort-burstable", [container({ name: "a" }), container({ name: "b", resources: resources({ cpu: "1" }) })], [], "Burstable"],
    ["best-effort-guaranteed", [container({ name: "a" }), container({ name: "b", resources: guaranteed })], [], "Burstable"],
    ["burstable-cpu-guaranteed-memory", [container({ resources: resources({ cpu: "1", memory: "100G" }, { memory: "100G" }) })], [], "Burstable"],
    ["burstable-no-limits", [container({ resources: burstable })], [], "Burstable"],
    ["burstable-guaranteed", [container({ name: "a", resources: resources({ cpu: "1", memory: "100G" }, { cpu: "2", memory: "100G" }) }), container({ name: "b", resources: guaranteed })], [], "Burstable"],
    ["burstable-unbounded-but-requests-match-limits", [container({ name: "a", resources: guaranteed }), container({ name: "b", resources: resources({ cpu: "100m", memory: "100Mi" }, { cpu: "100m" }) })], [], "Burstable"],
    ["burstable-1", [container({ resources: resources({ cpu: "10", memory: "10Mi" }, { cpu: "20", memory: "10Mi" }) })], [], "Burstable"],
    ["guaranteed", [container({ resources: guaranteed })], [], "Guaranteed"],
    ["guaranteed-guaranteed", [container({ name: "a", resources: guaranteed }), container({ name: "b", resources: guaranteed })], [], "Guaranteed"],
    ["best-effort-hugepages", [container({ resources: resources({ "hugepages-2Mi": "1Gi" }, { "hugepages-2Mi": "1Gi" }) })], [], "BestEffort"],
    ["guaranteed-with-gpu", [container({ resources: resources({ cpu: "1", memory: "1Gi" }, { cpu: "1", memory: "1Gi", "nvidia.com/gpu": "2" }) })], [], "Guaranteed"],
    ["burstable-hugepages", [container({ resources: resources({ cpu: "10", "hugepages-2Mi": "1Gi" }, { cpu: "20", "hugepages-2Mi": "1Gi" }) })], [], "Burstable"],
    ["init container guaranteed + guaranteed", [container({ resources: guaranteed })], [container({ name: "init", resources: guaranteed })], "Guaranteed"],
    ["init container burstable makes the pod burstable", [container({ resources: guaranteed })], [container({ name: "init", resources: burstable })], "Burstable"],
    ["init container alone gives requests", [container()], [container({ name: "init", resources: burstable })], "Burstable"],
    ["zero quantities count as unset", [container({ resources: resources({ cpu: "0", memory: "0" }, { cpu: "0", memory: "0" }) })], [], "BestEffort"],
    ["limits only: requests default to limits", [container({ resources: resources(undefined, { cpu: "500m", memory: "128Mi" }) })], [], "Guaranteed"],
    ["equal values in different spellings", [container({ resources: resources({ cpu: "0.5", memory: "1Gi" }, { cpu: "500m", memory: "1024Mi" }) })], [], "Guaranteed"],
  ] as const)("%s ⇒ %s", (_name, containers, initContainers, want) => {
    const p = pod("p", { containers: [...containers], ...(initContainers.length ? { initContainers: [...initContainers] } : {}) });
    expect(qosClass(p)).toBe(want);
  });
});
