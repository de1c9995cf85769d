import { describe, expect, it } from "vitest";
import { executeJsonPath } from "../../../shared/kubectl/jsonpath.ts";
import { jsonPatch, mergePatch, strategicMergePatch } from "../../../shared/kubectl/patch.ts";

const POD = {
  metadata: { name: "web-0", labels: { app: "web" } },
  spec: { containers: [{ name: "web", image: "nginx" }, { name: "sidecar", image: "envoy" }] },
  status: { conditions: [{ type: "Ready", status: "False" }, { type: "PodScheduled", status: "True" }], podIP: "10.244.0.5" },
};

describe("JSONPath templates as kubectl -o jsonpath evaluates them", () => {
  it.each([
    ["{.status.podIP}", "10.244.0.5"],
    ["{.spec.containers[*].name}", "web sidecar"],
    ["{.spec.containers[-1].image}", "envoy"],
    ["{.spec.containers[0:1].name}", "web"],
    ['{.status.conditions[?(@.type=="Ready")].status}', "False"],
    ["{.metadata.labels}", '{"app":"web"}'],
    ["{..image}", "nginx envoy"],
    ["{.missing}", ""],
    ["ip={.status.podIP}", "ip=10.244.0.5"],
    ['{range .spec.containers[*]}{.name}:{.image}{"\\n"}{end}', "web:nginx\nsidecar:envoy\n"],
    ["{.metadata['name']}", "web-0"],
  ])("%s", (template, out) => {
    expect(executeJsonPath(template, POD)).toEqual({ ok: true, value: out });
  });

  it("reports an unclosed action like kubectl", () => {
    expect(executeJsonPath("{.status", POD)).toEqual({ ok: false, error: "error parsing jsonpath {.status, unclosed action" });
  });
});

describe("patch types", () => {
  it("merge patch replaces lists and deletes with null", () => {
    expect(mergePatch({ a: 1, b: [1, 2], c: { d: 1 } }, { a: null, b: [3], c: { e: 2 } })).toEqual({ b: [3], c: { d: 1, e: 2 } });
  });

  it("strategic merge patch merges containers by name and honours $patch: delete", () => {
    const out = strategicMergePatch(POD, { spec: { containers: [{ name: "web", image: "nginx:1.26" }, { name: "sidecar", $patch: "delete" }, { name: "new", image: "busybox" }] } });
    expect((out as typeof POD).spec.containers).toEqual([{ name: "web", image: "nginx:1.26" }, { name: "new", image: "busybox" }]);
  });

  it.each([
    [[{ op: "replace", path: "/metadata/name", value: "x" }], { ok: true }],
    [[{ op: "add", path: "/spec/containers/-", value: { name: "c" } }], { ok: true }],
    [[{ op: "remove", path: "/metadata/labels/app" }], { ok: true }],
    [[{ op: "replace", path: "/metadata/nope", value: 1 }], { ok: false }],
    [[{ op: "test", path: "/status/podIP", value: "1.2.3.4" }], { ok: false }],
  ])("json patch %j", (ops, expected) => {
    expect(jsonPatch(POD, ops).ok).toBe(expected.ok);
  });

  it("json patch leaves its input untouched", () => {
    const before = JSON.stringify(POD);
    jsonPatch(POD, [{ op: "remove", path: "/spec/containers/0" }]);
    expect(JSON.stringify(POD)).toBe(before);
  });
});
