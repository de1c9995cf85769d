import { describe, expect, it } from "vitest";
import type { Stored } from "../../../../shared/k8s/kinds.ts";
import type { Pod, PodTemplateSpec } from "../../../../shared/k8s/schema/pod.ts";
import { admit } from "../../../../shared/sim/api/admission.ts";
import { createCluster, type Cluster } from "../../../../shared/sim/cluster.ts";

/**
 * The ReplicaSet controller's pods are admitted in full once per template and then from a
 * cache: every pod must come out exactly as full admission makes it.
 */

function replicaSet(name: string, replicas: number, template: PodTemplateSpec) {
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name, namespace: "default" },
    spec: { replicas, selector: { matchLabels: template.metadata?.labels ?? {} }, template },
  };
}

/** Pods as the store received them (before the scheduler and kubelet touch them). */
function recordCreatedPods(c: Cluster): Stored<Pod>[] {
  const created: Stored<Pod>[] = [];
  c.store.watch((ev) => {
    if (ev.kind === "Pod" && ev.type === "ADDED") created.push(ev.object as Stored<Pod>);
  });
  return created;
}

/** What createPodFromTemplate sends to the API server for `pod`, admitted in full now. */
function fullAdmission(c: Cluster, pod: Stored<Pod>, template: PodTemplateSpec) {
  const tm = template.metadata ?? {};
  const body = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      generateName: pod.metadata.generateName,
      name: pod.metadata.name,
      namespace: pod.metadata.namespace,
      ...(tm.labels ? { labels: { ...tm.labels } } : {}),
      ...(tm.annotations ? { annotations: { ...tm.annotations } } : {}),
      ownerReferences: pod.metadata.ownerReferences,
    },
    spec: template.spec,
  };
  return admit("Pod", body, undefined, c.store);
}

function withoutServerFields(pod: Stored<Pod>) {
  const { uid: _u, resourceVersion: _r, creationTimestamp: _c, ...metadata } = pod.metadata;
  return { ...pod, metadata };
}

const templates: [string, PodTemplateSpec][] = [
  ["one nginx container", { metadata: { labels: { app: "a" } }, spec: { containers: [{ name: "web", image: "nginx:1.25" }] } }],
  [
    "probes, ports, resources and env",
    {
      metadata: { labels: { app: "b", tier: "web" }, annotations: { note: "x" } },
      spec: {
        containers: [
          {
            name: "web",
            image: "nginx:1.25",
            ports: [{ containerPort: 80, name: "http" }],
            env: [{ name: "MODE", value: "prod" }],
            resources: { requests: { cpu: "100m", memory: "64Mi" }, limits: { memory: "128Mi" } },
            readinessProbe: { httpGet: { path: "/", port: "http" } },
            livenessProbe: { tcpSocket: { port: 80 }, initialDelaySeconds: 5 },
          },
        ],
      },
    },
  ],
  [
    "init containers, volumes, tolerations and a security context",
    {
      metadata: { labels: { app: "c" } },
      spec: {
        initContainers: [{ name: "init", image: "busybox:1.36", command: ["sh", "-c", "true"] }],
        containers: [{ name: "web", image: "nginx:1.25", volumeMounts: [{ name: "data", mountPath: "/data" }] }],
        volumes: [{ name: "data", emptyDir: {} }],
        tolerations: [{ key: "dedicated", operator: "Equal", value: "web", effect: "NoSchedule" }],
        securityContext: { runAsNonRoot: true, runAsUser: 1000 },
        restartPolicy: "Always",
      },
    },
  ],
  ["a system priority class", { metadata: { labels: { app: "d" } }, spec: { priorityClassName: "system-cluster-critical", containers: [{ name: "web", image: "nginx:1.25" }] } }],
];

describe("cached admission of template pods", () => {
  it.each(templates)("gives every pod of a ReplicaSet (%s) exactly what full admission gives", (_name, template) => {
    const c = createCluster({ freeze: true, objects: [replicaSet("rs", 5, template)] });
    const created = recordCreatedPods(c);
    c.tick();
    expect(created).toHaveLength(5);
    for (const pod of created) {
      const full = fullAdmission(c, pod, template);
      expect(full.ok).toBe(true);
      if (full.ok) expect(withoutServerFields(pod)).toEqual(full.value);
    }
  });

  it("follows a new globalDefault PriorityClass (admission reads the classes)", () => {
    const template: PodTemplateSpec = { metadata: { labels: { app: "p" } }, spec: { containers: [{ name: "web", image: "nginx:1.25" }] } };
    const c = createCluster({ freeze: true, objects: [replicaSet("rs", 1, template)] });
    const created = recordCreatedPods(c);
    c.tick();
    c.apply({ apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name: "high" }, value: 1000, globalDefault: true });
    const rs = c.get("ReplicaSet", "default", "rs")!;
    c.apply({ ...rs, spec: { ...rs.spec, replicas: 2 } });
    c.tick();
    expect(created.map((p) => p.spec.priority)).toEqual([0, 1000]);
    const full = fullAdmission(c, created[1], template);
    expect(full.ok && withoutServerFields(created[1])).toEqual(full.ok && full.value);
  });

  it("never caches a rejection: each pod gets its own error message", () => {
    const template: PodTemplateSpec = { metadata: { labels: { app: "q" } }, spec: { priorityClassName: "missing", containers: [{ name: "web", image: "nginx:1.25" }] } };
    const c = createCluster({ freeze: true, objects: [replicaSet("rs", 2, template)] });
    c.tick();
    c.advance(10_000); // the controller retries after a failure
    const failures = c.list("Event").filter((e) => e.reason === "FailedCreate");
    expect(failures.length).toBeGreaterThanOrEqual(2);
    for (const f of failures) expect(f.message).toMatch(/^Error creating: pods "rs-[a-z0-9]{5}" is forbidden: no PriorityClass with name missing was found$/);
    expect(new Set(failures.map((f) => f.message)).size).toBe(failures.length);
    expect(c.list("Pod")).toHaveLength(0);
  });
});
