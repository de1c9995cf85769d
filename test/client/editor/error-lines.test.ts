import { describe, expect, it } from "vitest";
import { diagnose, fieldErrors, parseFieldPath } from "../../../client/editor/error-lines.ts";

const YAML = `# crashloop-edit: deployment.apps/orders -n default
apiVersion: apps/v1
kind: Deployment
spec:
  replicas: -1
  template:
    spec:
      containers:
        - name: orders
          image: ""
`;

const lineOf = (text: string, offset: number) => text.slice(0, offset).split("\n").length;

describe("inline errors in kubectl edit's buffer", () => {
  it.each([
    ["spec.replicas", ["spec", "replicas"]],
    ["spec.template.spec.containers[0].image", ["spec", "template", "spec", "containers", 0, "image"]],
    ["metadata.labels[app.kubernetes.io/name]", ["metadata", "labels[app", "kubernetes", "io/name]"]],
  ])("field path %s", (path, parts) => {
    expect(parseFieldPath(path)).toEqual(parts);
  });

  it("reads the field errors of an Invalid answer", () => {
    const stderr = 'error: deployments.apps "orders" is invalid\n* spec.replicas: Invalid value: -1: must be greater than or equal to 0\n* spec.template.spec.containers[0].image: Required value\nerror: Edit cancelled, no valid changes were saved.\n';
    expect(fieldErrors(stderr)).toEqual([
      { path: "spec.replicas", message: "Invalid value: -1: must be greater than or equal to 0" },
      { path: "spec.template.spec.containers[0].image", message: "Required value" },
    ]);
  });

  it("puts each server error on the line of its field", () => {
    const d = diagnose(YAML, "* spec.replicas: Invalid value: -1\n* spec.template.spec.containers[0].image: Required value\n");
    expect(d.map((x) => lineOf(YAML, x.from))).toEqual([5, 10]);
  });

  it("falls back to the nearest existing parent, then to the first line", () => {
    const d = diagnose(YAML, "* spec.strategy.type: Unsupported value\n* status.x: nope\n");
    expect(d.map((x) => lineOf(YAML, x.from))).toEqual([4, 1]);
  });

  it("reports YAML syntax errors while typing", () => {
    const d = diagnose("spec:\n  replicas: [1\n");
    expect(d.length).toBeGreaterThan(0);
  });
});
