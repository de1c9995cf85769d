import { describe, expect, it } from "vitest";
import {
  findUntoleratedTaint,
  formatTaint,
  isSchedulingTaint,
  parseTaint,
  parseTaints,
  reorganizeTaints,
  toleratesTaint,
  type TolerationLike,
} from "../../../shared/k8s/taints.ts";
import type { Taint } from "../../../shared/k8s/schema/node.ts";

describe("toleratesTaint (ported from toleration_test.go)", () => {
  const sla = "node.kubernetes.io/sla";
  it.each<[string, TolerationLike, Taint, boolean]>([
    ["same key and effect, Exists, taint has no value", { key: "foo", operator: "Exists", effect: "NoSchedule" }, { key: "foo", effect: "NoSchedule" }, true],
    ["same key and effect, Exists, taint has a value", { key: "foo", operator: "Exists", effect: "NoSchedule" }, { key: "foo", value: "bar", effect: "NoSchedule" }, true],
    ["empty key with Exists matches every key", { key: "", operator: "Exists", effect: "NoSchedule" }, { key: "foo", value: "bar", effect: "NoSchedule" }, true],
    ["same key, effect and value with Equal", { key: "foo", operator: "Equal", value: "bar", effect: "NoSchedule" }, { key: "foo", value: "bar", effect: "NoSchedule" }, true],
    ["Equal with different values", { key: "foo", operator: "Equal", value: "value1", effect: "NoSchedule" }, { key: "foo", value: "value2", effect: "NoSchedule" }, false],
    ["Equal with different effects", { key: "foo", operator: "Equal", value: "bar", effect: "NoSchedule" }, { key: "foo", value: "bar", effect: "NoExecute" }, false],
    ["Gt: taint value below the toleration's", { key: sla, operator: "Gt", value: "950", effect: "NoSchedule" }, { key: sla, value: "800", effect: "NoSchedule" }, false],
    ["Gt: taint value above the toleration's", { key: sla, operator: "Gt", value: "750", effect: "NoSchedule" }, { key: sla, value: "950", effect: "NoSchedule" }, true],
    ["Lt: taint value above the toleration's", { key: sla, operator: "Lt", value: "800", effect: "NoSchedule" }, { key: sla, value: "950", effect: "NoSchedule" }, false],
    ["Lt: taint value below the toleration's", { key: sla, operator: "Lt", value: "950", effect: "NoSchedule" }, { key: sla, value: "800", effect: "NoSchedule" }, true],
    ["Gt with equal values", { key: sla, operator: "Gt", value: "950", effect: "NoSchedule" }, { key: sla, value: "950", effect: "NoSchedule" }, false],
    ["Gt with a non-numeric taint value", { key: sla, operator: "Gt", value: "950", effect: "NoSchedule" }, { key: sla, value: "high", effect: "NoSchedule" }, false],
    ["Gt with negative values", { key: "test-key", operator: "Gt", value: "-100", effect: "NoSchedule" }, { key: "test-key", value: "-200", effect: "NoSchedule" }, false],
    ["Gt with large int64 values", { key: "test-key", operator: "Gt", value: "9223372036854775806", effect: "NoSchedule" }, { key: "test-key", value: "100", effect: "NoSchedule" }, false],
    // Beyond the Go table: the defaults the rules in toleration.go spell out.
    ["empty operator means Equal", { key: "foo", value: "bar" }, { key: "foo", value: "bar", effect: "NoExecute" }, true],
    ["empty operator with a different value", { key: "foo", value: "baz" }, { key: "foo", value: "bar", effect: "NoExecute" }, false],
    ["empty effect matches every effect", { key: "foo", operator: "Exists" }, { key: "foo", effect: "PreferNoSchedule" }, true],
    ["empty key and operator Exists and no effect tolerates everything", { operator: "Exists" }, { key: "any", value: "x", effect: "NoExecute" }, true],
    ["different key", { key: "foo", operator: "Exists" }, { key: "bar", effect: "NoSchedule" }, false],
    ["unknown operator", { key: "foo", operator: "Matches", value: "bar" }, { key: "foo", value: "bar", effect: "NoSchedule" }, false],
  ])("%s", (_name, toleration, taint, expected) => {
    expect(toleratesTaint(toleration, taint)).toBe(expected);
  });
});

describe("findUntoleratedTaint", () => {
  const taints: Taint[] = [
    { key: "soft", effect: "PreferNoSchedule" },
    { key: "dedicated", value: "gpu", effect: "NoSchedule" },
    { key: "zone", value: "a", effect: "NoExecute" },
  ];
  it("returns the first untolerated taint in the node's order", () => {
    expect(findUntoleratedTaint(taints, [])).toEqual(taints[0]);
  });
  it("skips taints the inclusion filter leaves out", () => {
    expect(findUntoleratedTaint(taints, [], isSchedulingTaint)).toEqual(taints[1]);
  });
  it("returns undefined when every filtered taint is tolerated", () => {
    const tolerations = [{ key: "dedicated", operator: "Equal" as const, value: "gpu" }, { key: "zone", operator: "Exists" as const }];
    expect(findUntoleratedTaint(taints, tolerations, isSchedulingTaint)).toBeUndefined();
  });
  it("treats a node without taints as tolerated", () => {
    expect(findUntoleratedTaint(undefined, undefined)).toBeUndefined();
  });
});

describe("formatTaint (Taint.ToString)", () => {
  it.each([
    [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }, "dedicated=gpu:NoSchedule"],
    [{ key: "dedicated", effect: "NoExecute" }, "dedicated:NoExecute"],
    [{ key: "dedicated", value: "gpu" }, "dedicated=gpu:"],
    [{ key: "dedicated" }, "dedicated"],
  ])("%j ⇒ %s", (taint, expected) => {
    expect(formatTaint(taint)).toBe(expected);
  });
});

describe("parseTaint (kubectl taint)", () => {
  it.each([
    ["foo=abc:NoSchedule", { key: "foo", value: "abc", effect: "NoSchedule" }],
    ["baz:NoExecute", { key: "baz", value: "", effect: "NoExecute" }],
    ["foobar=:PreferNoSchedule", { key: "foobar", value: "", effect: "PreferNoSchedule" }],
    ["dedicated", { key: "dedicated", value: "", effect: "" }],
    ["example.com/gpu=true:NoSchedule", { key: "example.com/gpu", value: "true", effect: "NoSchedule" }],
  ])("%s parses", (spec, expected) => {
    expect(parseTaint(spec)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["foo=abc=xyz:NoSchedule", "invalid taint spec: foo=abc=xyz:NoSchedule"],
    ["foo=abc:xyz:NoSchedule", "invalid taint spec: foo=abc:xyz:NoSchedule"],
    ["foo=abc:invalid_effect", "invalid taint effect: invalid_effect, unsupported taint effect"],
  ])("%s is rejected with kubectl's message", (spec, message) => {
    expect(parseTaint(spec)).toEqual({ ok: false, error: message });
  });

  it("rejects an invalid key with the qualified-name explanation", () => {
    const r = parseTaint("-bad:NoSchedule");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^invalid taint spec: -bad:NoSchedule, name part must consist of alphanumeric characters/);
  });
});

describe("parseTaints (ported from utils_test.go TestParseTaints)", () => {
  it.each([[""], ["foo=abc"], ["foo=abc=xyz:NoSchedule"], ["foo=abc:xyz:NoSchedule"], ["foo"], ["foo=abc:invalid_effect"], ["foo:invalid_effect-"]])(
    "%j is an error",
    (spec) => {
      expect(parseTaints([spec]).ok).toBe(false);
    },
  );

  it("an add without effect says which spec is invalid", () => {
    expect(parseTaints(["foo"])).toEqual({ ok: false, error: "invalid taint spec: foo" });
  });

  it("`key=value` without effect is read as a key, and `=` is not allowed in keys", () => {
    const r = parseTaints(["foo=abc"]);
    expect(r.ok === false && r.error.startsWith("invalid taint spec: foo=abc, name part must consist of")).toBe(true);
  });

  it("adds and removes", () => {
    const r = parseTaints(["foo=abc:NoSchedule", "baz:NoSchedule", "foobar=:NoSchedule", "foo:NoSchedule-", "qux=:NoSchedule-", "dedicated-"]);
    expect(r).toEqual({
      ok: true,
      value: {
        toAdd: [
          { key: "foo", value: "abc", effect: "NoSchedule" },
          { key: "baz", effect: "NoSchedule" },
          { key: "foobar", effect: "NoSchedule" },
        ],
        toRemove: [{ key: "foo", effect: "NoSchedule" }, { key: "qux", effect: "NoSchedule" }, { key: "dedicated" }],
      },
    });
  });

  it("rejects the same key and effect twice", () => {
    expect(parseTaints(["foo=a:NoSchedule", "foo=b:NoSchedule"])).toEqual({
      ok: false,
      error: "duplicated taints with the same key and effect: {foo b NoSchedule <nil>}",
    });
  });
});

describe("reorganizeTaints (ported from utils_test.go TestReorganizeTaints)", () => {
  const old: Taint[] = [{ key: "foo", value: "bar", effect: "NoSchedule" }];
  it.each<[string, boolean, Taint[], { key: string; effect?: Taint["effect"] }[], Taint[], string, number]>([
    ["no changes with overwrite", true, [], [], old, "modified", 0],
    ["no changes", false, [], [], old, "untainted", 0],
    ["add new taint", false, [{ key: "foo_1", effect: "NoExecute" }], [], [{ key: "foo_1", effect: "NoExecute" }, ...old], "tainted", 0],
    ["delete taint with effect", false, [], [{ key: "foo", effect: "NoSchedule" }], [], "untainted", 0],
    ["delete taint with no effect", false, [], [{ key: "foo" }], [], "untainted", 0],
    ["delete non-existent taint", false, [], [{ key: "foo_1", effect: "NoSchedule" }], old, "untainted", 1],
    ["add new taint and delete old one", false, [{ key: "foo_1", effect: "NoSchedule" }], [{ key: "foo", effect: "NoSchedule" }], [{ key: "foo_1", effect: "NoSchedule" }], "modified", 0],
  ])("%s", (_name, overwrite, add, remove, taints, operation, errorCount) => {
    const r = reorganizeTaints(old, overwrite, add, remove);
    expect(r.taints).toEqual(taints);
    expect(r.operation).toBe(operation);
    expect(r.errors).toHaveLength(errorCount);
  });

  it("names a taint it could not find as kubectl does", () => {
    expect(reorganizeTaints(old, false, [], [{ key: "gpu", effect: "NoExecute" }]).errors).toEqual(['taint "gpu:NoExecute" not found']);
  });
});
