import { describe, expect, it } from "vitest";
import { defaultObject } from "../../../../shared/k8s/defaults/index.ts";
import { generateJobSelector } from "../../../../shared/k8s/defaults/workloads.ts";
import { deployment, job } from "../../../support/admission-builders.ts";

describe("Deployment defaulting (pkg/apis/apps/v1/defaults.go)", () => {
  it("defaults replicas, strategy, revisionHistoryLimit, progressDeadlineSeconds and the template", () => {
    const d = defaultObject("Deployment", deployment());
    expect(d.spec).toMatchObject({
      replicas: 1,
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
    expect(d.spec.template.spec).toMatchObject({ restartPolicy: "Always", dnsPolicy: "ClusterFirst" });
  });

  it("fills only the missing half of rollingUpdate", () => {
    const d = defaultObject("Deployment", deployment("web", { strategy: { rollingUpdate: { maxSurge: 1 } } }));
    expect(d.spec.strategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%", maxSurge: 1 } });
  });

  it("adds no rollingUpdate to a Recreate strategy", () => {
    expect(defaultObject("Deployment", deployment("web", { strategy: { type: "Recreate" } })).spec.strategy).toEqual({ type: "Recreate" });
  });

  it("keeps replicas: 0", () => {
    expect(defaultObject("Deployment", deployment("web", { replicas: 0 })).spec.replicas).toBe(0);
  });

  it("does not default requests to limits in templates (SetDefaults_Pod applies to Pods only)", () => {
    const d = defaultObject("Deployment", deployment("web", {}, { containers: [{ name: "a", image: "x:1", resources: { limits: { cpu: "1" } } }] }));
    expect(d.spec.template.spec.containers[0].resources).toEqual({ limits: { cpu: "1" } });
  });
});

describe("ReplicaSet and DaemonSet defaulting", () => {
  it("ReplicaSet replicas default to 1", () => {
    const rs = { apiVersion: "apps/v1" as const, kind: "ReplicaSet" as const, metadata: { name: "r" }, spec: { selector: { matchLabels: { a: "b" } } } };
    expect(defaultObject("ReplicaSet", rs).spec.replicas).toBe(1);
  });

  it("DaemonSet: RollingUpdate with maxUnavailable 1 and maxSurge 0, revisionHistoryLimit 10", () => {
    const d = deployment("agent");
    const ds = { apiVersion: "apps/v1" as const, kind: "DaemonSet" as const, metadata: d.metadata, spec: { selector: d.spec.selector, template: d.spec.template } };
    expect(defaultObject("DaemonSet", ds).spec).toMatchObject({
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
    });
  });
});

describe("Job defaulting (pkg/apis/batch/v1/defaults.go)", () => {
  it.each([
    ["neither completions nor parallelism", {}, { completions: 1, parallelism: 1 }],
    ["parallelism only (a work queue)", { parallelism: 3 }, { completions: undefined, parallelism: 3 }],
    ["completions only", { completions: 5 }, { completions: 5, parallelism: 1 }],
  ])("%s", (_what, spec, want) => {
    const j = defaultObject("Job", job("pi", spec));
    expect({ completions: j.spec.completions, parallelism: j.spec.parallelism }).toEqual(want);
  });

  it("defaults backoffLimit 6, completionMode NonIndexed, suspend false", () => {
    expect(defaultObject("Job", job()).spec).toMatchObject({ backoffLimit: 6, completionMode: "NonIndexed", suspend: false });
  });

  it("generateSelector labels the template and selects the controller uid", () => {
    const j = generateJobSelector(defaultObject("Job", job("pi")), "uid-1");
    expect(j.spec.selector).toEqual({ matchLabels: { "batch.kubernetes.io/controller-uid": "uid-1" } });
    expect(j.spec.template.metadata!.labels).toEqual({
      "batch.kubernetes.io/controller-uid": "uid-1",
      "batch.kubernetes.io/job-name": "pi",
      "controller-uid": "uid-1",
      "job-name": "pi",
    });
  });

  it("generateSelector leaves a manualSelector Job alone", () => {
    const j = job("pi", { manualSelector: true, selector: { matchLabels: { a: "b" } } });
    expect(generateJobSelector(j, "uid-1")).toBe(j);
  });
});
