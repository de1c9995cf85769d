import { describe, expect, it } from "vitest";
import {
  compileSelector, formatLabelSelector, formatRequirement, formatSelector, isValidLabelKey, isValidLabelValue,
  labelSelectorAsRequirements, lexSelector, matchesSelector, newRequirement, parseSelector, selectorFromSet,
  type LabelRequirement, type LabelSelector, type SelectorOperator, type SelectorToken,
} from "../../../shared/k8s/labels.ts";

// Tables ported from apimachinery pkg/labels/selector_test.go, apis/meta/v1/helpers_test.go and
// api/validate/content/kube_test.go. Go's sets.NewString(...).List() is sorted and deduplicated.

const req = (key: string, operator: SelectorOperator, values: string[] = []): LabelRequirement =>
  newRequirement(key, operator, [...new Set(values)].sort());
const parseError = (s: string): string => {
  try { parseSelector(s); } catch (e) { return (e as Error).message; }
  throw new Error(`expected ${JSON.stringify(s)} to fail`);
};

describe("parseSelector (TestSelectorParse, TestDeterministicParse)", () => {
  it.each(["x=a,y=b,z=c", "", "x!=a,y=b", "x=", "x= ", "x=,z= ", "x= ,z= ", "!x", "x>1", "x>1,z<5"])(
    "parses %j and prints it back without spaces", (s) => {
      expect(formatSelector(parseSelector(s))).toBe(s.replaceAll(" ", ""));
    });
  it.each(["x=a||y=b", "x==a==b", "!x=a", "x<a"])("rejects %j", (s) => {
    expect(() => parseSelector(s)).toThrow();
  });
  it("sorts requirements by key so equal selectors print the same", () => {
    expect(formatSelector(parseSelector("x=a,a=x"))).toBe(formatSelector(parseSelector("a=x,x=a")));
    expect(formatSelector(parseSelector("x=a,a=x"))).toBe("a=x,x=a");
  });
});

describe("lexSelector (TestLexer, TestLexerSequence)", () => {
  it.each<[string, SelectorToken]>([
    ["", "EOS"], [",", ","], ["notin", "notin"], ["in", "in"], ["=", "="], ["==", "=="], [">", ">"], ["<", "<"],
    ["!", "!"], ["!=", "!="], ["(", "("], [")", ")"], ["~", "ID"], ["||", "ID"],
  ])("lexes %j as the longest token %s", (s, tok) => {
    expect(lexSelector(s)[0]).toEqual({ tok, lit: s });
  });
  it.each<[string, SelectorToken[]]>([
    ["key in ( value )", ["ID", "in", "(", "ID", ")"]],
    ["key notin ( value )", ["ID", "notin", "(", "ID", ")"]],
    ["key in ( value1, value2 )", ["ID", "in", "(", "ID", ",", "ID", ")"]],
    ["key", ["ID"]],
    ["!key", ["!", "ID"]],
    ["()", ["(", ")"]],
    ["x in (),y", ["ID", "in", "(", ")", ",", "ID"]],
    ["== != (), = notin", ["==", "!=", "(", ")", ",", "=", "notin"]],
    ["key>2", ["ID", ">", "ID"]],
    ["key<1", ["ID", "<", "ID"]],
  ])("lexes %j", (s, toks) => {
    expect(lexSelector(s).map((i) => i.tok)).toEqual([...toks, "EOS"]);
  });
});

describe("matching parsed selectors (TestSelectorMatches, TestEverything)", () => {
  const labelset = { foo: "bar", baz: "blah" };
  it.each<[string, Record<string, string>, boolean]>([
    ["", { x: "y" }, true], ["x=y", { x: "y" }, true], ["x=y,z=w", { x: "y", z: "w" }, true],
    ["x!=y,z!=w", { x: "z", z: "a" }, true], ["notin=in", { notin: "in" }, true], ["x", { x: "z" }, true],
    ["!x", { y: "z" }, true], ["x>1", { x: "2" }, true], ["x<1", { x: "0" }, true],
    ["x=z", {}, false], ["x=y", { x: "z" }, false], ["x=y,z=w", { x: "w", z: "w" }, false],
    ["x!=y,z!=w", { x: "z", z: "w" }, false], ["x", { y: "z" }, false], ["!x", { x: "z" }, false],
    ["x>1", { x: "0" }, false], ["x<1", { x: "2" }, false],
    ["foo=bar", labelset, true], ["baz=blah", labelset, true], ["foo=bar,baz=blah", labelset, true],
    ["foo=blah", labelset, false], ["baz=bar", labelset, false], ["foo=bar,foobar=bar,baz=blah", labelset, false],
  ])("%j against %j matches: %s", (sel, labels, want) => {
    expect(matchesSelector(sel, labels)).toBe(want);
    expect(compileSelector(sel)(labels)).toBe(want);
  });
});

describe("selectorFromSet (TestSetMatches, TestNilMapIsValid, TestSetIsEmpty)", () => {
  const labelset = { foo: "bar", baz: "blah" };
  it.each<Record<string, string>>([{}, { foo: "bar" }, { baz: "blah" }, { foo: "bar", baz: "blah" }])("%j matches its superset", (set) => {
    expect(matchesSelector(selectorFromSet(set), labelset)).toBe(true);
  });
  it("treats a nil or empty set as Everything", () => {
    expect(selectorFromSet(undefined)).toEqual([]);
    expect(selectorFromSet({})).toEqual([]);
    expect(formatSelector(selectorFromSet({ b: "2", a: "1" }))).toBe("a=1,b=2");
  });
});

describe("newRequirement (TestRequirementConstructor)", () => {
  it.each<[string, SelectorOperator, string[], boolean]>([
    ["x", "in", [], false], ["x", "notin", [], false], ["x", "in", ["foo"], true], ["x", "notin", ["foo"], true],
    ["x", "exists", [], true], ["x", "!", [], true], ["1foo", "in", ["bar"], true], ["1234", "in", ["bar"], true],
    ["y", "gt", ["1"], true], ["z", "lt", ["6"], true], ["foo", "gt", ["bar"], false], ["barz", "lt", ["blah"], false],
    ["a".repeat(254), "exists", [], false], // breaks the rule that a key is at most 253 bytes
  ])("newRequirement(%j, %s, %j) valid: %s", (key, op, values, ok) => {
    if (ok) expect(newRequirement(key, op, values)).toEqual({ key, operator: op, values });
    else expect(() => newRequirement(key, op, values)).toThrow();
  });
  it.each<[string, SelectorOperator, string[], string]>([
    ["x1", "in", [], "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty"],
    ["x5", "=", ["bar", "foo"], `values: Invalid value: []string{"bar", "foo"}: exact-match compatibility requires one single value`],
    ["x13", "gt", [], "values: Invalid value: []string{}: for 'Gt', 'Lt' operators, exactly one value is required"],
    ["x14", "gt", ["bar"], `values[0]: Invalid value: "bar": for 'Gt', 'Lt' operators, the value must be an integer`],
    ["x17", "=", ["a b"], `values[0][x17]: Invalid value: "a b": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`],
    ["x18", "unsupportedOp" as SelectorOperator, [], `operator: Unsupported value: "unsupportedOp": supported values: "in", "notin", "=", "==", "!=", "gt", "lt", "exists", "!"`],
  ])("newRequirement(%j, %s, %j) fails with Kubernetes' field error", (key, op, values, message) => {
    expect(() => newRequirement(key, op, values)).toThrow(message);
  });
  it("aggregates several problems in brackets", () => {
    expect(() => newRequirement("x16", "=", ["a".repeat(64), "-b"])).toThrow(/^\[values: Invalid value: \[\]string\{"a{64}", "-b"\}: exact-match compatibility requires one single value, values\[0\]\[x16\]: Invalid value: "a{64}": must be no more than 63 bytes, values\[1\]\[x16\]: Invalid value: "-b": a valid label must be/);
  });
});

describe("formatSelector (TestToString, TestSafeSort)", () => {
  it.each<[LabelRequirement[], string]>([
    [[req("x", "in", ["abc", "def"]), req("y", "notin", ["jkl"]), req("z", "exists")], "x in (abc,def),y notin (jkl),z"],
    [[req("x", "notin", ["abc", "def"]), req("y", "!=", ["jkl"]), req("z", "!")], "x notin (abc,def),y!=jkl,!z"],
    [[req("x", "notin", ["abc"]), req("y", "in", ["jkl", "mno"]), req("z", "notin", [""])], "x notin (abc),y in (jkl,mno),z notin ()"],
    [[req("x", "=", ["abc"]), req("y", "==", ["jkl"]), req("z", "!=", ["a"]), req("z", "exists")], "x=abc,y==jkl,z!=a,z"],
    [[req("x", "gt", ["2"]), req("y", "lt", ["8"]), req("z", "exists")], "x>2,y<8,z"],
    [[], ""],
  ])("prints %j as %j", (reqs, want) => {
    expect(formatSelector(reqs)).toBe(want);
  });
  it("sorts values only on output, keeping duplicates and the input untouched", () => {
    const r: LabelRequirement = { key: "x", operator: "in", values: ["foo", "bar", "foo", "bar"] };
    expect(formatRequirement(r)).toBe("x in (bar,bar,foo,foo)");
    expect(r.values).toEqual(["foo", "bar", "foo", "bar"]);
  });
});

describe("matching requirements (TestRequirementSelectorMatching)", () => {
  it.each<[Record<string, string>, LabelRequirement[], boolean]>([
    [{ x: "foo", y: "baz" }, [req("x", "in", ["foo"]), req("y", "notin", ["alpha"])], true],
    [{ x: "foo", y: "baz" }, [req("x", "in", ["foo"]), req("y", "in", ["alpha"])], false],
    [{ y: "" }, [req("x", "notin", [""]), req("y", "exists")], true],
    [{ y: "" }, [req("x", "!"), req("y", "exists")], true],
    [{ y: "" }, [req("x", "notin", [""]), req("y", "!")], false],
    [{ y: "baz" }, [req("x", "in", [""])], false],
    [{ z: "2" }, [req("z", "gt", ["1"])], true],
    [{ z: "v2" }, [req("z", "gt", ["1"])], false],
  ])("%j against %j matches: %s", (labels, reqs, want) => {
    expect(matchesSelector(reqs, labels)).toBe(want);
  });
  it("does not match a zero-value requirement", () => {
    expect(matchesSelector([{ key: "", operator: "" as SelectorOperator, values: [] }], { x: "foo" })).toBe(false);
  });
});

describe("parseSelector output (TestSetSelectorParser)", () => {
  it.each<[string, LabelRequirement[]]>([
    ["", []],
    ["\rx", [req("x", "exists")]],
    ["this-is-a-dns.domain.com/key-with-dash", [req("this-is-a-dns.domain.com/key-with-dash", "exists")]],
    ["this-is-another-dns.domain.com/key-with-dash in (so,what)", [req("this-is-another-dns.domain.com/key-with-dash", "in", ["so", "what"])]],
    ["0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)", [req("0.1.2.domain/99", "notin", ["10.10.100.1", "tick.tack.clock"])]],
    ["foo  in\t (abc)", [req("foo", "in", ["abc"])]],
    ["x notin\n (abc)", [req("x", "notin", ["abc"])]],
    ["x  notin\t\t\t(abc,def)", [req("x", "notin", ["abc", "def"])]],
    ["x in (abc,def)", [req("x", "in", ["abc", "def"])]],
    ["x in (abc,)", [req("x", "in", ["abc", ""])]],
    ["x in ()", [req("x", "in", [""])]],
    ["x notin (abc,,def),bar,z in (),w", [req("bar", "exists"), req("w", "exists"), req("x", "notin", ["abc", "", "def"]), req("z", "in", [""])]],
    ["x,y in (a)", [req("x", "exists"), req("y", "in", ["a"])]],
    ["x=a", [req("x", "=", ["a"])]],
    ["x>1", [req("x", "gt", ["1"])]],
    ["x<7", [req("x", "lt", ["7"])]],
    ["x=a,y!=b", [req("x", "=", ["a"]), req("y", "!=", ["b"])]],
    ["x=a,y!=b,z in (h,i,j)", [req("x", "=", ["a"]), req("y", "!=", ["b"]), req("z", "in", ["h", "i", "j"])]],
    ["x notin ( )", [req("x", "notin", [""])]],
    ["x notin (, a)", [req("x", "notin", ["", "a"])]],
    ["a ", [req("a", "exists")]],
    ["a in (x,y,notin, z,in)", [req("a", "in", ["in", "notin", "x", "y", "z"])]],
  ])("parses %j", (s, want) => {
    expect(parseSelector(s)).toEqual(want);
  });
  it.each<[string, string]>([
    ["x=a||y=b", `unable to parse requirement: values[0][x]: Invalid value: "a||y": a valid label must be`],
    ["x,,y", "found ',', expected: identifier after ','"],
    [",x,y", "found ',', expected: !, identifier, or 'end of string'"],
    ["x nott in (y)", "unable to parse requirement: found 'nott', expected: in, notin, =, ==, !=, gt, lt"],
    ["a in (xyz),", "found '', expected: identifier after ','"],
    ["a in (xyz)b notin ()", "found 'b', expected: ',' or 'end of string'"],
    ["a in (xyz abc)", "unable to parse requirement: found 'abc', expected: ',' or ')'"],
    ["a notin(", "unable to parse requirement: found '', expected: ',', ')' or identifier"],
    ["a (", "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"],
    ["(", "found '(', expected: !, identifier, or 'end of string'"],
    ["x==a==b", "found '==', expected: ',' or 'end of string'"],
    ["!x=a", "found '=', expected: ',' or 'end of string'"],
    ["x in a", "unable to parse requirement: found 'a' expected: '('"],
    ["x=(", "unable to parse requirement: found '(', expected: identifier"],
    ["!=x", "found '!=', expected: !, identifier, or 'end of string'"], // "!=" is one token
    ["! =x", "unable to parse requirement: found '=', expected: identifier"],
    ["a/b/c", `unable to parse requirement: <nil>: Invalid value: "a/b/c": a valid label key must consist of alphanumeric characters`],
  ])("rejects %j with Kubernetes' message", (s, message) => {
    expect(parseError(s).startsWith(message)).toBe(true);
  });
});

describe("labelSelectorAsRequirements and formatLabelSelector (TestLabelSelectorAsSelector)", () => {
  const matchLabels = { foo: "bar" };
  const matchExpressions: LabelSelector["matchExpressions"] = [{ key: "baz", operator: "In", values: ["qux", "norf"] }];
  it.each<[LabelSelector | null | undefined, string]>([
    [{ matchLabels }, "foo=bar"],
    [{ matchExpressions }, "baz in (norf,qux)"],
    [{ matchLabels, matchExpressions }, "baz in (norf,qux),foo=bar"],
    [{ matchLabels: { b: "2", a: "1" }, matchExpressions: [{ key: "a", operator: "Exists" }, { key: "c", operator: "DoesNotExist" }] }, "a=1,a,b=2,!c"],
  ])("converts %j to %j", (sel, want) => {
    expect(formatSelector(labelSelectorAsRequirements(sel) as LabelRequirement[])).toBe(want);
    expect(formatLabelSelector(sel)).toBe(want);
  });
  it("selects nothing for null, everything for {}", () => {
    expect(labelSelectorAsRequirements(null)).toBe("nothing");
    expect(labelSelectorAsRequirements(undefined)).toBe("nothing");
    expect(labelSelectorAsRequirements({})).toEqual([]);
    expect(matchesSelector(null, { a: "b" })).toBe(false);
    expect(matchesSelector(undefined, {})).toBe(false);
    expect(matchesSelector({}, { a: "b" })).toBe(true);
    expect(matchesSelector({ matchLabels: {}, matchExpressions: [] }, undefined)).toBe(true);
  });
  it("does not modify its input", () => {
    const sel: LabelSelector = { matchLabels: { foo: "bar" }, matchExpressions: [{ key: "baz", operator: "In", values: ["qux", "norf"] }] };
    const copy = structuredClone(sel);
    labelSelectorAsRequirements(sel);
    expect(sel).toEqual(copy);
  });
  it.each<[LabelSelector, string]>([
    [{ matchExpressions: [{ key: "baz", operator: "Exists", values: ["qux", "norf"] }] }, `values: Invalid value: []string{"qux", "norf"}: values set must be empty for exists and does not exist`],
    [{ matchExpressions: [{ key: "baz", operator: "In" }] }, "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty"],
    [{ matchExpressions: [{ key: "baz", operator: "Gt" as "In", values: ["1"] }] }, `"Gt" is not a valid pod selector operator`],
    [{ matchLabels: { "a/b/c": "x" } }, `key: Invalid value: "a/b/c": a valid label key must consist`],
  ])("rejects %j", (sel, message) => {
    expect(() => labelSelectorAsRequirements(sel)).toThrow(message);
    expect(formatLabelSelector(sel)).toBe("<error>");
    expect(() => compileSelector(sel)).toThrow(message);
  });
  it.each<[LabelSelector | null | undefined, string]>([[null, "<none>"], [undefined, "<none>"], [{}, "<none>"], [{ matchLabels: {} }, "<none>"]])(
    "formats %j as %j like FormatLabelSelector", (sel, want) => {
      expect(formatLabelSelector(sel)).toBe(want);
    });
});

describe("label key and value validation (TestIsLabelKey, TestIsLabelValue)", () => {
  it.each(["simple", "now-with-dashes", "1-starts-with-num", "1234", "simple/simple", "now-with-dashes/simple",
    "now-with-dashes/now-with-dashes", "now.with.dots/simple", "now-with.dashes-and.dots/simple", "1-num.2-num/3-num",
    "1234/5678", "1.2.3.4/5678", "Uppercase_Is_OK_123", "example.com/Uppercase_Is_OK_123", "requests.storage-foo",
    "a".repeat(63), `${"a".repeat(253)}/${"b".repeat(63)}`])("accepts key %j", (key) => {
    expect(isValidLabelKey(key)).toEqual([]);
  });
  it.each(["nospecialchars%^=@", "cantendwithadash-", "-cantstartwithadash-", "only/one/slash", "Example.com/abc",
    "example_com/abc", "example.com/", "/simple", "a".repeat(64), `${"a".repeat(254)}/abc`])("rejects key %j", (key) => {
    expect(isValidLabelKey(key).length).toBeGreaterThan(0);
  });
  it.each(["simple", "now-with-dashes", "1-starts-with-num", "end-with-num-1", "1234", "a".repeat(63), ""])("accepts value %j", (v) => {
    expect(isValidLabelValue(v)).toEqual([]);
  });
  it.each(["nospecialchars%^=@", "Tama-nui-te-rā.is.Māori.sun", "\\backslashes\\are\\bad", "-starts-with-dash",
    "ends-with-dash-", ".starts.with.dot", "ends.with.dot.", "a".repeat(64)])("rejects value %j", (v) => {
    expect(isValidLabelValue(v).length).toBeGreaterThan(0);
  });
  it("words its messages as Kubernetes does", () => {
    expect(isValidLabelKey("example.com/")).toEqual([
      "name part must be non-empty",
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]);
    expect(isValidLabelKey("/simple")).toEqual(["prefix part must be non-empty"]);
    expect(isValidLabelKey("Example.com/abc")).toEqual([
      "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
    expect(isValidLabelValue("a".repeat(64))[0]).toBe("must be no more than 63 bytes");
    expect(isValidLabelValue("é".repeat(32))[0]).toBe("must be no more than 63 bytes"); // 64 UTF-8 bytes
  });
});

describe("compileSelector", () => {
  it("is reusable and reads only own label values", () => {
    const m = compileSelector("app=web,tier in (a,b,c,d,e,f),!canary");
    expect(m({ app: "web", tier: "e" })).toBe(true);
    expect(m({ app: "web", tier: "z" })).toBe(false);
    expect(m({ app: "web", tier: "a", canary: "" })).toBe(false);
    expect(m(undefined)).toBe(false);
    expect(compileSelector("constructor")({})).toBe(false);
    expect(compileSelector("!constructor")({})).toBe(true);
    expect(compileSelector("")(undefined)).toBe(true);
  });
  it("compares gt/lt as int64, ignoring non-integer label values", () => {
    expect(matchesSelector("x>9", { x: "10" })).toBe(true);
    expect(matchesSelector("x<5", { x: "-3" })).toBe(true);
    expect(() => parseSelector("x<-1")).toThrow(/values\[0\]\[x\]: Invalid value: "-1"/); // still a label value
    expect(matchesSelector("x>1", { x: "1.5" })).toBe(false);
    expect(matchesSelector("x>1", { x: "99999999999999999999" })).toBe(false); // overflows int64
    expect(matchesSelector("x>1", {})).toBe(false);
  });
});
