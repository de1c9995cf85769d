import { describe, expect, it } from "vitest";
import { defaultObject } from "../../../../shared/k8s/defaults/index.ts";
import { canonicalResourceQuantity, imageTag } from "../../../../shared/k8s/defaults/pod.ts";
import { container, pod, resources } from "../../../support/admission-builders.ts";

const defaulted = (spec: Parameters<typeof pod>[1] = {}) => defaultObject("Pod", pod("p", spec)).spec;

describe("Pod defaulting (pkg/apis/core/v1/defaults.go)", () => {
  it("fills the PodSpec defaults", () => {
    const spec = defaulted();
    expect(spec).toMatchObject({
      restartPolicy: "Always",
      dnsPolicy: "ClusterFirst",
      terminationGracePeriodSeconds: 30,
      schedulerName: "default-scheduler",
      enableServiceLinks: true,
      securityContext: {},
    });
  });

  it("keeps what the user set", () => {
    const spec = defaulted({ restartPolicy: "Never", dnsPolicy: "Default", terminationGracePeriodSeconds: 0, enableServiceLinks: false });
    expect(spec).toMatchObject({ restartPolicy: "Never", dnsPolicy: "Default", terminationGracePeriodSeconds: 0, enableServiceLinks: false });
  });

  it.each([
    ["nginx", "Always"],
    ["nginx:latest", "Always"],
    ["nginx:1.25", "IfNotPresent"],
    ["registry.local:5000/team/app", "Always"],
    ["registry.local:5000/team/app:v2", "IfNotPresent"],
    ["nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "IfNotPresent"],
  ])("image %s ⇒ imagePullPolicy %s", (image, policy) => {
    expect(defaulted({ containers: [container({ image })] }).containers[0].imagePullPolicy).toBe(policy);
  });

  it("imageTag reads the tag after the last path segment", () => {
    expect(imageTag("localhost:5000/app")).toBe("latest");
    expect(imageTag("app:1")).toBe("1");
  });

  it("defaults container termination message, port protocol and probes", () => {
    const c = defaulted({
      containers: [container({ ports: [{ containerPort: 80 }], livenessProbe: { httpGet: { port: 80 } }, readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5 } })],
    }).containers[0];
    expect(c.terminationMessagePath).toBe("/dev/termination-log");
    expect(c.terminationMessagePolicy).toBe("File");
    expect(c.ports![0].protocol).toBe("TCP");
    expect(c.livenessProbe).toEqual({ httpGet: { port: 80, path: "/", scheme: "HTTP" }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(c.readinessProbe).toMatchObject({ periodSeconds: 5, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 });
  });

  it("defaults missing requests to limits, per resource", () => {
    const c = defaulted({ containers: [container({ resources: resources({ cpu: "100m" }, { cpu: "500m", memory: "256Mi" }) })] }).containers[0];
    expect(c.resources).toEqual({ requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "500m", memory: "256Mi" } });
  });

  it("defaults requests of init containers too", () => {
    const spec = defaulted({ initContainers: [container({ name: "init", resources: resources(undefined, { memory: "64Mi" }) })] });
    expect(spec.initContainers![0].resources!.requests).toEqual({ memory: "64Mi" });
  });

  it("adds the DefaultTolerationSeconds tolerations and the default service account", () => {
    const spec = defaulted();
    expect(spec.tolerations).toEqual([
      { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
      { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
    ]);
    expect(spec.serviceAccountName).toBe("default");
  });

  it.each([
    ["an explicit not-ready toleration", [{ key: "node.kubernetes.io/not-ready", operator: "Exists" as const, effect: "NoExecute" as const, tolerationSeconds: 10 }], 2],
    ["a toleration of everything", [{ operator: "Exists" as const }], 1],
    ["a NoSchedule toleration only", [{ key: "node.kubernetes.io/not-ready", operator: "Exists" as const, effect: "NoSchedule" as const }], 3],
  ])("with %s the plugin adds only what is missing", (_what, tolerations, count) => {
    expect(defaulted({ tolerations }).tolerations).toHaveLength(count);
  });

  it("defaults volumes without a source to emptyDir", () => {
    expect(defaulted({ volumes: [{ name: "scratch" }] }).volumes![0]).toEqual({ name: "scratch", emptyDir: {} });
  });

  it("never modifies its input", () => {
    const input = Object.freeze(pod("p"));
    expect(() => defaultObject("Pod", input)).not.toThrow();
    expect(input.spec.restartPolicy).toBeUndefined();
  });
});

describe("quantities are stored in canonical form", () => {
  it.each([
    ["0.5", "500m"],
    ["1000m", "1"],
    ["1.5Gi", "1536Mi"],
    ["1024Mi", "1Gi"],
    ["128Mi", "128Mi"],
    ["0.0001", "1m"],
    [2, "2"],
    ["100M", "100M"],
  ] as const)("%s ⇒ %s", (input, want) => {
    expect(canonicalResourceQuantity(input)).toBe(want);
  });
});
