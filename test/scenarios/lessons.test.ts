import { describe, expect, it } from "vitest";
import { createCluster, type Cluster, type Stored, type Pod } from "../../shared/index.ts";
import { endpointsForService } from "../../shared/sim/controllers/endpointslice.ts";
import { printPodRow } from "../../shared/k8s/printers/pod-row.ts";

/**
 * The simulator-core issue's lessons, played through the public Cluster API as a player's
 * kubectl would drive it. Each reads as the incident it teaches.
 */
const Mi = 1024 * 1024;

const checkoutImage = {
  "shop/checkout:1.4": {
    startupMs: 2000,
    ports: [8080],
    http: { "/healthz": { status: 200 }, "/ready": { status: 200 } },
    memory: { startBytes: 60 * Mi },
  },
};

function deployment(name: string, container: Record<string, unknown>, replicas = 2) {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "default" },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, ...container }] } },
    },
  };
}

const service = (name: string, port = 80, targetPort: number | string = 8080) => ({
  apiVersion: "v1",
  kind: "Service",
  metadata: { name, namespace: "default" },
  spec: { selector: { app: name }, ports: [{ port, targetPort }] },
});

const pods = (c: Cluster, app: string) => c.list("Pod", { namespace: "default", labelSelector: `app=${app}` });
const statusOf = (c: Cluster, p: Stored<Pod>) => printPodRow(p, new Date(c.nowMs)).STATUS;
const events = (c: Cluster, reason: string) => c.list("Event").filter((e) => e.reason === reason);

describe("a readiness probe on the wrong path", () => {
  const broken = deployment("checkout", {
    image: "shop/checkout:1.4",
    ports: [{ containerPort: 8080 }],
    readinessProbe: { httpGet: { path: "/readyz", port: 8080 }, periodSeconds: 5 },
  });

  it("never gives the Service ready endpoints, and says why in the events", () => {
    const c = createCluster({ seed: 1, nodes: [{ name: "node-1" }, { name: "node-2" }], images: checkoutImage, objects: [broken, service("checkout")] });
    c.advance(90_000);
    for (const p of pods(c, "checkout")) {
      expect(p.status?.phase).toBe("Running");
      expect(printPodRow(p, new Date(c.nowMs)).READY).toBe("0/1");
    }
    const eps = endpointsForService(c.store, "default/checkout");
    expect(eps.ready).toEqual([]);
    expect(eps.notReady).toHaveLength(2);
    const unhealthy = events(c, "Unhealthy");
    expect(unhealthy.length).toBeGreaterThan(0);
    const notFound = unhealthy.find((e) => e.message === "Readiness probe failed: HTTP probe failed with statuscode: 404");
    expect(notFound?.type).toBe("Warning");
    expect(notFound?.count).toBeGreaterThan(5);
    // Readiness never restarts anything.
    for (const p of pods(c, "checkout")) expect(p.status?.containerStatuses?.[0].restartCount).toBe(0);
  });

  it("fixing the path rolls out pods that become ready endpoints within a minute", () => {
    const c = createCluster({ seed: 1, nodes: [{ name: "node-1" }, { name: "node-2" }], images: checkoutImage, objects: [broken, service("checkout")] });
    c.advance(60_000);
    const fixed = deployment("checkout", {
      image: "shop/checkout:1.4",
      ports: [{ containerPort: 8080 }],
      readinessProbe: { httpGet: { path: "/ready", port: 8080 }, periodSeconds: 5 },
    });
    expect(c.apply(fixed).ok).toBe(true);
    const ready = c.runUntil(() => endpointsForService(c.store, "default/checkout").ready.length === 2, 60_000);
    expect(ready).toBe(true);
    c.advance(1000);
    expect(c.get("Deployment", "default", "checkout")?.status).toMatchObject({ availableReplicas: 2, updatedReplicas: 2 });
  });
});

describe("a liveness probe too aggressive for a slow starter", () => {
  const slowImage = {
    "shop/ledger:2.0": { startupMs: 60_000, ports: [8080], http: { "/healthz": { status: 200 } }, memory: { startBytes: 100 * Mi } },
  };
  const liveness = { httpGet: { path: "/healthz", port: 8080 }, periodSeconds: 10, failureThreshold: 3 };

  it("kills the container before it finishes starting, into CrashLoopBackOff", () => {
    const c = createCluster({
      seed: 2,
      nodes: [{ name: "node-1" }],
      images: slowImage,
      objects: [deployment("ledger", { image: "shop/ledger:2.0", livenessProbe: liveness }, 1)],
    });
    c.advance(6 * 60_000);
    const [p] = pods(c, "ledger");
    expect(p.status?.containerStatuses?.[0].restartCount).toBeGreaterThanOrEqual(3);
    expect(events(c, "Killing").some((e) => e.message === "Container ledger failed liveness probe, will be restarted")).toBe(true);
    expect(events(c, "Unhealthy")[0].message).toMatch(/^Liveness probe failed: Get "http:\/\/10\.244\.\d+\.\d+:8080\/healthz": dial tcp 10\.244\.\d+\.\d+:8080: connect: connection refused$/);
    // Somewhere in its life it sits in back-off, as kubectl shows it.
    const seen = new Set<string>();
    c.runUntil(() => {
      seen.add(statusOf(c, pods(c, "ledger")[0]));
      return seen.has("CrashLoopBackOff");
    }, 10 * 60_000);
    expect(seen.has("CrashLoopBackOff")).toBe(true);
  });

  it("a startupProbe holds liveness back until the app is up, and the pod becomes Ready without restarts", () => {
    const startupProbe = { httpGet: { path: "/healthz", port: 8080 }, periodSeconds: 10, failureThreshold: 30 };
    const c = createCluster({
      seed: 2,
      nodes: [{ name: "node-1" }],
      images: slowImage,
      objects: [deployment("ledger", { image: "shop/ledger:2.0", livenessProbe: liveness, startupProbe }, 1)],
    });
    c.advance(3 * 60_000);
    const [p] = pods(c, "ledger");
    expect(p.status?.containerStatuses?.[0]).toMatchObject({ restartCount: 0, ready: true, started: true });
    expect(statusOf(c, p)).toBe("Running");
  });
});

describe("node-pressure eviction", () => {
  it("evicts the pod using more than it requested before a BestEffort pod that uses little", () => {
    const c = createCluster({
      seed: 3,
      nodes: [{ name: "node-1", memory: "2Gi", systemMemoryBytes: 200 * Mi }],
      images: {
        "shop/reports:1.0": { memory: { startBytes: 200 * Mi, growthBytesPerSec: 20 * Mi, maxBytes: 1700 * Mi } },
        "shop/sidecar:1.0": { memory: { startBytes: 50 * Mi } },
      },
      objects: [
        deployment("reports", { image: "shop/reports:1.0", resources: { requests: { memory: "100Mi" } } }, 1),
        deployment("sidecar", { image: "shop/sidecar:1.0" }, 1),
      ],
    });
    const evicted = () => c.list("Pod").filter((p) => p.status?.reason === "Evicted");
    expect(c.runUntil(() => evicted().length > 0, 5 * 60_000)).toBe(true);
    const [first] = evicted();
    expect(first.metadata.labels?.app).toBe("reports");
    expect(first.status?.phase).toBe("Failed");
    expect(first.status?.message).toMatch(/^The node was low on resource: memory\. Threshold quantity: 100Mi, available: \d+(Ki|Mi)\. Container reports was using \d+(Ki|Mi), request is 100Mi, has larger consumption of memory\. $/);
    // As on a real 1.30 cluster, once the kubelet has killed the containers kubectl's STATUS shows
    // their termination (Error, 137) rather than the pod's reason; describe shows Reason: Evicted.
    expect(["Evicted", "Error", "ContainerStatusUnknown"]).toContain(statusOf(c, first));
    const node = c.get("Node", undefined, "node-1")!;
    expect(node.status?.conditions?.find((x) => x.type === "MemoryPressure")).toMatchObject({ status: "True", reason: "KubeletHasInsufficientMemory" });
    // The BestEffort sidecar was not the first victim, and the ReplicaSet replaces the evicted pod.
    expect(evicted().every((p) => p.metadata.labels?.app === "reports")).toBe(true);
    c.advance(2000);
    expect(pods(c, "reports").some((p) => p.status?.phase !== "Failed")).toBe(true);
  });
});

describe("scheduling onto a tainted node", () => {
  it("a pod that tolerates nothing stays Pending with the real FailedScheduling message", () => {
    const c = createCluster({
      seed: 4,
      nodes: [
        { name: "gpu-1", taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }] },
        { name: "small-1", memory: "1Gi" },
        { name: "small-2", memory: "1Gi" },
      ],
      objects: [
        {
          apiVersion: "v1",
          kind: "Pod",
          metadata: { name: "trainer", namespace: "default" },
          spec: { containers: [{ name: "trainer", image: "nginx:1.25", resources: { requests: { memory: "4Gi" } } }] },
        },
      ],
    });
    c.advance(5000);
    const pod = c.get("Pod", "default", "trainer")!;
    expect(pod.status?.phase).toBe("Pending");
    expect(pod.spec.nodeName).toBeUndefined();
    const failed = events(c, "FailedScheduling");
    expect(failed[0].message).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient memory. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
    );
    expect(pod.status?.conditions?.find((x) => x.type === "PodScheduled")).toMatchObject({ status: "False", reason: "Unschedulable" });
  });
});
