import { describe, expect, it } from "vitest";
import { parseFlags, type FlagSpec } from "../../../shared/kubectl/flags.ts";

const SPECS: FlagSpec[] = [
  { name: "namespace", short: "n", type: "string", usage: "" },
  { name: "all-namespaces", short: "A", type: "bool", usage: "" },
  { name: "watch", short: "w", type: "bool", usage: "" },
  { name: "replicas", type: "int", usage: "" },
  { name: "label-columns", short: "L", type: "stringArray", usage: "" },
  { name: "output", short: "o", type: "string", usage: "" },
];

describe("parseFlags reads flags the way pflag does", () => {
  it.each([
    ["--namespace=shop", { namespace: "shop" }, []],
    ["--namespace shop pods", { namespace: "shop" }, ["pods"]],
    ["-n shop", { namespace: "shop" }, []],
    ["-nshop", { namespace: "shop" }, []],
    ["-n=shop", { namespace: "shop" }, []],
    ["pods -A", { "all-namespaces": true }, ["pods"]],
    ["-Aw", { "all-namespaces": true, watch: true }, []],
    ["-An shop", { "all-namespaces": true, namespace: "shop" }, []],
    ["--all-namespaces=false", { "all-namespaces": false }, []],
    ["--replicas=3 deploy web", { replicas: 3 }, ["deploy", "web"]],
    ["--replicas 3", { replicas: 3 }, []],
    ["-L app -L tier,zone", { "label-columns": ["app", "tier,zone"] }, []],
    ["-o jsonpath={.a}", { output: "jsonpath={.a}" }, []],
    ["--all_namespaces", { "all-namespaces": true }, []],
    ["pod - x", {}, ["pod", "-", "x"]],
  ])("%s", (line, flags, args) => {
    const r = parseFlags(line.split(" "), SPECS);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.fromEntries(r.value.flags)).toEqual(flags);
    expect(r.value.args).toEqual(args);
  });

  it("stops at `--` and remembers where it was", () => {
    const r = parseFlags(["web", "-n", "shop", "--", "ls", "-la"], SPECS);
    expect(r.ok && r.value.args).toEqual(["web", "ls", "-la"]);
    expect(r.ok && r.value.dashAt).toBe(1);
  });

  it.each([
    ["--replica=3", "unknown flag: --replica"],
    ["-x", "unknown shorthand flag: 'x' in -x"],
    ["-Ax", "unknown shorthand flag: 'x' in -Ax"],
    ["-n", "flag needs an argument: 'n' in -n"],
    ["--namespace", "flag needs an argument: --namespace"],
    ["--replicas=abc", 'invalid argument "abc" for "--replicas" flag: strconv.ParseInt: parsing "abc": invalid syntax'],
    ["-A=maybe", 'invalid argument "maybe" for "-A, --all-namespaces" flag: strconv.ParseBool: parsing "maybe": invalid syntax'],
    ["--=x", "unknown flag: --"],
  ])("%s is refused: %s", (line, message) => {
    const r = parseFlags([line], SPECS);
    expect(r).toEqual({ ok: false, error: message });
  });
});
