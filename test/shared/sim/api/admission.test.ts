import { describe, expect, it } from "vitest";
import { createCluster } from "../../../../shared/sim/cluster.ts";
import type { Stored } from "../../../../shared/k8s/kinds.ts";
import { deployment, job, pod, service } from "../../../support/admission-builders.ts";

const newCluster = () => createCluster({ freeze: true, nodes: [{ name: "node-1" }] });

/** A request that fails must leave the cluster exactly as it was. */
function expectRejected(manifest: unknown, reason: string, message: string) {
  const cluster = newCluster();
  const before = cluster.hash();
  const r = cluster.apply(manifest);
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.reason).toBe(reason);
  expect(r.error.message).toBe(message);
  expect(cluster.hash()).toBe(before);
}

describe("rejected manifests leave the cluster unchanged", () => {
  it.each([
    ["a malformed manifest", "not an object", "BadRequest", "the object provided is not a JSON/YAML object"],
    ["an unknown kind", { apiVersion: "v1", kind: "Deploymnet", metadata: { name: "x" } }, "BadRequest", 'no matches for kind "Deploymnet" in version "v1"'],
    [
      "an unknown field",
      { ...deployment(), spec: { ...deployment().spec, replica: 3 } },
      "BadRequest",
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"',
    ],
    [
      "several unknown fields, all listed",
      { ...deployment(), spec: { ...deployment().spec, replica: 3, template: { ...deployment().spec.template, spec: { containers: [{ name: "a", image: "x", imagePullPolcy: "Always" }] } } } },
      "BadRequest",
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica", unknown field "spec.template.spec.containers[0].imagePullPolcy"',
    ],
    [
      "a field of the wrong type",
      { ...deployment(), spec: { ...deployment().spec, replicas: "3" } },
      "BadRequest",
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    ],
    [
      "a list item of the wrong type",
      pod("p", { containers: [{ name: "a", image: "x", args: [1 as unknown as string] }] }),
      "BadRequest",
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field Container.spec.containers.args of type string',
    ],
    [
      "a fractional integer",
      { ...deployment(), spec: { ...deployment().spec, replicas: 1.5 } },
      "BadRequest",
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32',
    ],
    [
      "an unparsable quantity",
      pod("p", { containers: [{ name: "a", image: "x", resources: { limits: { memory: "1GB" } } }] }),
      "BadRequest",
      "Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ],
    [
      "a selector that does not match the template",
      deployment("web", { selector: { matchLabels: { app: "api" } } }),
      "Invalid",
      'Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ],
    ["negative replicas", deployment("web", { replicas: -1 }), "Invalid", 'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
    [
      "a missing field and a bad enum, reported together",
      pod("p", { restartPolicy: "Sometimes" as never, containers: [{ image: "x" } as never] }),
      "Invalid",
      'Pod "p" is invalid: [spec.containers[0].name: Required value, spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"]',
    ],
    ["an unknown PriorityClass", pod("x", { priorityClassName: "foo" }), "Forbidden", 'pods "x" is forbidden: no PriorityClass with name foo was found'],
    [
      "a requested NodePort out of range",
      service("web", { type: "NodePort", ports: [{ port: 80, nodePort: 80 }] }),
      "Invalid",
      'Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ],
  ])("%s", (_what, manifest, reason, message) => {
    expectRejected(manifest, reason, message);
  });

  it("a NodePort already in use is refused, and the random generator is not advanced", () => {
    const cluster = newCluster();
    expect(cluster.apply(service("a", { type: "NodePort", ports: [{ port: 80, nodePort: 30080 }] })).ok).toBe(true);
    const before = cluster.hash();
    const r = cluster.apply(service("b", { type: "NodePort", ports: [{ port: 80, nodePort: 30080 }] }));
    expect(r.ok ? "" : r.error.message).toBe('Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated');
    expect(cluster.hash()).toBe(before);
  });
});

describe("admitted objects are stored defaulted", () => {
  it("a Pod gets defaults, priority 0 and its QoS class", () => {
    const cluster = newCluster();
    const r = cluster.apply(pod("p", { containers: [{ name: "a", image: "nginx", resources: { limits: { cpu: "0.5", memory: "128Mi" } } }] }));
    expect(r.ok).toBe(true);
    const p = cluster.get("Pod", "default", "p")!;
    expect(p.spec).toMatchObject({ restartPolicy: "Always", priority: 0, preemptionPolicy: "PreemptLowerPriority", serviceAccountName: "default" });
    expect(p.spec.containers[0].resources).toEqual({ limits: { cpu: "500m", memory: "128Mi" }, requests: { cpu: "500m", memory: "128Mi" } });
    expect(p.status).toEqual({ phase: "Pending", qosClass: "Guaranteed" });
  });

  it("priority comes from the named or the globalDefault PriorityClass", () => {
    const cluster = newCluster();
    cluster.apply({ apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name: "high" }, value: 1000 });
    cluster.apply({ apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name: "normal" }, value: 10, globalDefault: true });
    cluster.apply(pod("a", { priorityClassName: "high" }));
    cluster.apply(pod("b"));
    cluster.apply(pod("c", { priorityClassName: "system-node-critical" }));
    expect(cluster.get("Pod", "default", "a")!.spec.priority).toBe(1000);
    expect(cluster.get("Pod", "default", "b")!.spec).toMatchObject({ priorityClassName: "normal", priority: 10 });
    expect(cluster.get("Pod", "default", "c")!.spec.priority).toBe(2000001000);
  });

  it("a Job's generated selector uses the Job's own uid", () => {
    const cluster = newCluster();
    const r = cluster.apply(job("pi"));
    expect(r.ok).toBe(true);
    const j = cluster.get("Job", "default", "pi")!;
    const uid = j.metadata.uid;
    expect(j.spec.selector).toEqual({ matchLabels: { "batch.kubernetes.io/controller-uid": uid } });
    expect(j.spec.template.metadata!.labels).toMatchObject({ "controller-uid": uid, "job-name": "pi", "batch.kubernetes.io/job-name": "pi" });
  });

  it("a Job with a hand-written selector needs manualSelector", () => {
    const r = newCluster().apply(job("pi", { selector: { matchLabels: { app: "pi" } } }));
    expect(r.ok ? "" : r.error.message).toMatch(/^Job\.batch "pi" is invalid: .*spec\.selector: Invalid value: v1\.LabelSelector\{.*\}: `selector` not auto-generated/);
  });

  it("a Service gets a ClusterIP from the service CIDR and keeps it when re-applied", () => {
    const cluster = newCluster();
    const first = cluster.apply(service("web", { type: "NodePort" }));
    expect(first.ok).toBe(true);
    const svc = (first as { value: { object: Stored<import("../../../../shared/k8s/schema/service.ts").Service> } }).value.object;
    expect(svc.spec.clusterIP).toMatch(/^10\.(9[6-9]|1[01]\d)\./);
    expect(svc.spec.ports![0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(cluster.apply(service("web", { type: "NodePort" })).ok).toBe(true);
    const again = cluster.get("Service", "default", "web")!;
    expect(again.spec.clusterIP).toBe(svc.spec.clusterIP);
    expect(again.spec.ports![0].nodePort).toBe(svc.spec.ports![0].nodePort);
  });

  it("re-applying a Pod manifest with a new image is allowed, other changes are not", () => {
    const cluster = newCluster();
    cluster.apply(pod("p"));
    expect(cluster.apply(pod("p", { containers: [{ name: "app", image: "nginx:1.26" }] })).ok).toBe(true);
    const r = cluster.apply(pod("p", { restartPolicy: "Never" }));
    expect(r.ok ? "" : r.error.message).toMatch(/^Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than/);
  });

  it("Secrets store stringData as base64 data; Namespaces get their name label", () => {
    const cluster = newCluster();
    cluster.apply({ apiVersion: "v1", kind: "Secret", metadata: { name: "db" }, stringData: { password: "hunter2" } });
    expect(cluster.get("Secret", "default", "db")).toMatchObject({ type: "Opaque", data: { password: "aHVudGVyMg==" } });
    expect(cluster.get("Secret", "default", "db")!.stringData).toBeUndefined();
    expect(cluster.get("Namespace", undefined, "default")!.metadata.labels).toEqual({ "kubernetes.io/metadata.name": "default" });
  });

  it("null fields count as absent, as in Go", () => {
    const d = deployment();
    const r = newCluster().apply({ ...d, spec: { ...d.spec, replicas: null } });
    expect(r.ok && (r.value.object as Stored<typeof d>).spec.replicas).toBe(1);
  });
});
