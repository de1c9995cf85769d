import { describe, expect, it } from "vitest";
import { formatProblem, loadLevel } from "../../../shared/levels/loader.ts";
import { tinyLevelYaml } from "../../support/levels-builders.ts";

describe("loading a level file", () => {
  it("loads a valid multi-document level: the documents after the first are its manifests", () => {
    const r = loadLevel(tinyLevelYaml(), "tiny.yaml");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.cluster.manifests.map((m) => m.kind)).toEqual(["Deployment", "Service", "Service"]);
    expect(r.value.goals[0].id).toBe("web-endpoints");
    expect(r.value.stableWindowSeconds).toBe(30);
    expect(r.value.settle).toEqual({ healthySeconds: 0, seconds: 20 });
  });

  it("gives goals without an id the id g<n>", () => {
    const text = tinyLevelYaml().replace("{ id: web-endpoints, kind", "{ kind");
    const r = loadLevel(text, "tiny.yaml");
    expect(r.ok && r.value.goals[0].id).toBe("g1");
  });

  it("lists every problem at once, each with file, line, path and what was expected", () => {
    const text = tinyLevelYaml()
      .replace("difficulty: 2", "difficulty: 9")
      .replace("category: selectors", "category: selectrs")
      .replace("parTimeSeconds: 120", "parTimeSeconds: 120\nbogus: true")
      .replace("kind: serviceHasReadyEndpoints", "kind: serviceHasEndpoints");
    const r = loadLevel(text, "levels/bad.yaml");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = text.split("\n");
    const at = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    const byPath = Object.fromEntries(r.error.map((p) => [p.path, p]));
    expect(r.error).toHaveLength(4);
    expect(byPath["difficulty"]).toMatchObject({ file: "levels/bad.yaml", line: at("difficulty: 9") });
    expect(byPath["difficulty"].message).toMatch(/<=5|5/);
    expect(byPath["category"]).toMatchObject({ line: at("category: selectrs") });
    expect(byPath["category"].message).toContain('"selectors"');
    expect(byPath[""]).toMatchObject({ line: at("bogus: true"), message: 'unknown field "bogus"' });
    expect(byPath["goals[0].kind"]).toMatchObject({ line: at("serviceHasEndpoints") });
    expect(formatProblem(byPath["difficulty"])).toMatch(/^levels\/bad\.yaml:\d+:\d+: difficulty: /);
  });

  it("points at the line inside a `---` manifest document that the simulator's schema rejects", () => {
    const text = tinyLevelYaml().replace("replicas: 2", "replicas: two").replace("ports: [{ port: 80, targetPort: http }]\n---", "portz: [{ port: 80 }]\n---");
    const r = loadLevel(text, "m.yaml");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = text.split("\n");
    const replicas = r.error.find((p) => p.path.includes("replicas"));
    expect(replicas?.line).toBe(lines.findIndex((l) => l.includes("replicas: two")) + 1);
    expect(replicas?.path).toMatch(/^document 2 \(manifest\)\.spec\.replicas$/);
    const unknown = r.error.find((p) => p.message.includes("portz"));
    expect(unknown?.line).toBe(lines.findIndex((l) => l.includes("portz")) + 1);
  });

  it("reports a missing required field at its parent's line", () => {
    const text = tinyLevelYaml().replace(/solution:\n  - line: .*\n/, "");
    const r = loadLevel(text, "x.yaml");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toEqual([expect.objectContaining({ path: "solution", line: 1 })]);
  });

  it("reports YAML syntax errors with their line", () => {
    const r = loadLevel("id: x\ntitle: [unclosed\n", "y.yaml");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error[0]).toMatchObject({ file: "y.yaml", message: expect.stringMatching(/^YAML: /) });
  });

  it("rejects an unknown fault kind and an unknown manifest kind", () => {
    const text = tinyLevelYaml().replace("kind: patchObject", "kind: breakEverything").replace("kind: Deployment\nmetadata", "kind: StatefulThing\nmetadata");
    const r = loadLevel(text, "z.yaml");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.map((p) => p.path)).toEqual(expect.arrayContaining(["faults[0].kind", "document 2 (manifest).kind"]));
  });
});
