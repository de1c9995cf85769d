import { describe, expect, it } from "vitest";
import { tokenize } from "../../../shared/kubectl/tokenize.ts";
import { runFilter } from "../../../shared/kubectl/pipeline.ts";

describe("tokenize splits a terminal line like a POSIX shell", () => {
  it.each([
    ["kubectl get pods", [["kubectl", "get", "pods"]]],
    ["get  pods\t-n shop", [["get", "pods", "-n", "shop"]]],
    ["get po -o jsonpath='{.items[*].metadata.name}'", [["get", "po", "-o", "jsonpath={.items[*].metadata.name}"]]],
    [`annotate po x note="a b"`, [["annotate", "po", "x", "note=a b"]]],
    [`x "a\\"b" 'c\\d'`, [["x", 'a"b', "c\\d"]]],
    ["x a\\ b", [["x", "a b"]]],
    ["x ''", [["x", ""]]],
    ["get po | grep web | wc -l", [["get", "po"], ["grep", "web"], ["wc", "-l"]]],
    ["x 'a|b'", [["x", "a|b"]]],
  ])("%s", (line, stages) => {
    expect(tokenize(line)).toEqual({ ok: true, stages });
  });

  it.each([
    ["x 'open", "unexpected EOF while looking for matching `''"],
    ['x "open', "unexpected EOF while looking for matching `\"'"],
    ["| grep", "syntax error near unexpected token `|'"],
    ["get po |", "syntax error: unexpected end of file"],
  ])("%s is a shell syntax error", (line, error) => {
    expect(tokenize(line)).toEqual({ ok: false, error });
  });
});

describe("pipeline filters read stdout like the coreutils they are named after", () => {
  const input = "NAME   READY\nweb-1  1/1\nweb-2  0/1\ndb-0   1/1\n";
  it.each([
    [["grep", "web"], "web-1  1/1\nweb-2  0/1\n", 0],
    [["grep", "-v", "web"], "NAME   READY\ndb-0   1/1\n", 0],
    [["grep", "-i", "name"], "NAME   READY\n", 0],
    [["grep", "-E", "web-(1|2)"], "web-1  1/1\nweb-2  0/1\n", 0],
    [["grep", "-c", "1/1"], "2\n", 0],
    [["grep", "nothing"], "", 1],
    [["head", "-n", "2"], "NAME   READY\nweb-1  1/1\n", 0],
    [["head", "-1"], "NAME   READY\n", 0],
    [["tail", "-n", "1"], "db-0   1/1\n", 0],
    [["tail", "-2"], "web-2  0/1\ndb-0   1/1\n", 0],
    [["wc", "-l"], "4\n", 0],
  ])("%j", (stage, stdout, exitCode) => {
    expect(runFilter(stage as string[], input)).toEqual({ stdout, stderr: "", exitCode });
  });

  it("answers an unknown program like bash", () => {
    expect(runFilter(["awk", "{print $1}"], input)).toEqual({ stdout: "", stderr: "bash: awk: command not found\n", exitCode: 127 });
  });

  it("matches a catastrophic pattern literally instead of hanging", () => {
    expect(runFilter(["grep", "-E", "(a+)+$"], "a".repeat(40) + "b\n").exitCode).toBe(1);
  });
});
