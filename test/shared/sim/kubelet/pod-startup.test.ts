import { describe, expect, it } from "vitest";
import { applyOk, boundPod, condition, cs, eventLines, kubeletCluster, NODE, pod, podEvents, waitingReason } from "../../../support/kubelet-builders.ts";

describe("a pod bound to a node", () => {
  it("pulls its image, starts and becomes Ready, with the kubelet's events in order", () => {
    const c = kubeletCluster();
    applyOk(c, boundPod("web"));
    c.advance(1000);
    expect(pod(c, "web").status?.phase).toBe("Pending");
    expect(waitingReason(c, "web")).toBe("ContainerCreating");
    c.advance(1000);
    const p = pod(c, "web");
    expect(p.status?.phase).toBe("Running");
    expect(eventLines(c, "web")).toEqual([
      'Normal Pulling: Pulling image "nginx:1.25"',
      'Normal Pulled: Successfully pulled image "nginx:1.25" in 1.4s (1.4s including waiting). Image size: 70000000 bytes.',
      "Normal Created: Created container web",
      "Normal Started: Started container web",
    ]);
    expect(podEvents(c, "web").every((e) => e.source.component === "kubelet" && e.source.host === NODE)).toBe(true);
    expect(podEvents(c, "web").map((e) => e.involvedObject.fieldPath)).toEqual(Array(4).fill("spec.containers{web}"));
    expect(p.status?.podIP).toBe("10.244.1.2");
    expect(p.status?.podIPs).toEqual([{ ip: "10.244.1.2" }]);
    expect(p.status?.hostIP).toBe("192.168.10.10");
    expect(p.status?.startTime).toBe("2025-01-01T09:00:00Z");
    expect(p.status?.qosClass).toBe("BestEffort");
    expect(p.status?.conditions?.map((x) => `${x.type}=${x.status}`)).toEqual([
      "PodReadyToStartContainers=True",
      "Initialized=True",
      "Ready=True",
      "ContainersReady=True",
      "PodScheduled=True",
    ]);
    const s = cs(c, "web")!;
    expect(s).toMatchObject({ name: "web", ready: true, started: true, restartCount: 0, image: "docker.io/library/nginx:1.25", lastState: {} });
    expect(s.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(s.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(s.state).toEqual({ running: { startedAt: "2025-01-01T09:00:01Z" } });
  });

  it("gives each pod the next free address of the node's pod CIDR and frees it when the pod goes", () => {
    const c = kubeletCluster();
    applyOk(c, boundPod("a"));
    applyOk(c, boundPod("b"));
    c.advance(2000);
    expect([pod(c, "a").status?.podIP, pod(c, "b").status?.podIP]).toEqual(["10.244.1.2", "10.244.1.3"]);
    c.delete({ kind: "Pod", namespace: "default", name: "a" }, { gracePeriodSeconds: 0 });
    applyOk(c, boundPod("c"));
    c.advance(1000);
    expect(pod(c, "c").status?.podIP).toBe("10.244.1.2");
  });

  it("uses a cached image without pulling: `already present on machine`", () => {
    const c = kubeletCluster({ nodes: [{ name: NODE, images: ["docker.io/library/nginx:1.25"] }] });
    applyOk(c, boundPod("web"));
    c.advance(500);
    expect(eventLines(c, "web")).toEqual([
      'Normal Pulled: Container image "nginx:1.25" already present on machine',
      "Normal Created: Created container web",
      "Normal Started: Started container web",
    ]);
  });

  it("caches what it pulled: a second pod of the same image does not pull", () => {
    const c = kubeletCluster();
    applyOk(c, boundPod("a"));
    c.advance(2000);
    applyOk(c, boundPod("b"));
    c.advance(500);
    expect(eventLines(c, "b")[0]).toBe('Normal Pulled: Container image "nginx:1.25" already present on machine');
    expect(c.state.nodes[NODE].images).toContain("docker.io/library/nginx:1.25");
  });

  it("pulls `:latest` every time (imagePullPolicy defaults to Always)", () => {
    const c = kubeletCluster({ nodes: [{ name: NODE, images: ["docker.io/library/nginx:latest"] }] });
    applyOk(c, boundPod("web", { image: "nginx" }));
    c.advance(1000);
    expect(eventLines(c, "web").slice(0, 2)).toEqual([
      'Normal Pulling: Pulling image "nginx"',
      'Normal Pulled: Successfully pulled image "nginx" in 500ms (500ms including waiting). Image size: 70000000 bytes.',
    ]);
  });

  it("refuses to pull with imagePullPolicy Never: ErrImageNeverPull", () => {
    const c = kubeletCluster();
    applyOk(c, boundPod("web", { imagePullPolicy: "Never" }));
    c.advance(500);
    expect(cs(c, "web")?.state).toEqual({
      waiting: { reason: "ErrImageNeverPull", message: 'Container image "nginx:1.25" is not present with pull policy of Never' },
    });
    expect(eventLines(c, "web")).toEqual([
      'Warning ErrImageNeverPull: Container image "nginx:1.25" is not present with pull policy of Never',
      "Warning Failed: Error: ErrImageNeverPull",
    ]);
  });
});

describe("an image tag that does not exist", () => {
  const notFound =
    'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.255": failed to resolve reference "docker.io/library/nginx:1.255": docker.io/library/nginx:1.255: not found';

  it("fails with ErrImagePull, then backs off with ImagePullBackOff", () => {
    const c = kubeletCluster();
    applyOk(c, boundPod("web", { image: "nginx:1.255" }));
    c.advance(1000);
    expect(cs(c, "web")?.state).toEqual({ waiting: { reason: "ErrImagePull", message: notFound } });
    expect(eventLines(c, "web")).toEqual([
      'Normal Pulling: Pulling image "nginx:1.255"',
      `Warning Failed: Failed to pull image "nginx:1.255": ${notFound}`,
      "Warning Failed: Error: ErrImagePull",
    ]);
    c.advance(24_000);
    expect(cs(c, "web")?.state).toEqual({ waiting: { reason: "ImagePullBackOff", message: 'Back-off pulling image "nginx:1.255"' } });
    expect(eventLines(c, "web")).toContain('Normal BackOff: Back-off pulling image "nginx:1.255"');
    expect(eventLines(c, "web")).toContain("Warning Failed: Error: ImagePullBackOff");
    expect(pod(c, "web").status?.phase).toBe("Pending");
  });

  /**
   * A pull of an unknown tag fails 0.5 s after `Pulling`; the back-off (10 s doubling) counts from
   * that failure, and the pod worker retries its sync 10 s after each failed one.
   */
  it("retries pulls with a back-off of 10 s doubling", () => {
    const c = kubeletCluster();
    applyOk(c, boundPod("web", { image: "nginx:1.255" }));
    const pulls = () => podEvents(c, "web").find((e) => e.reason === "Pulling")?.count ?? 0;
    const seen: number[] = [];
    for (let s = 1; s <= 160; s++) {
      const before = pulls();
      c.advance(1000);
      if (pulls() > before) seen.push(s - 1);
    }
    expect(seen).toEqual([0, 10, 31, 71, 152]);
  });

  it("runs once the Deployment-style fix (a new pod with a good tag) arrives", () => {
    const c = kubeletCluster();
    applyOk(c, boundPod("bad", { image: "nginx:1.255" }));
    applyOk(c, boundPod("good", { image: "nginx:1.25" }));
    c.advance(3000);
    expect(waitingReason(c, "bad")).toMatch(/ErrImagePull|ImagePullBackOff/);
    expect(pod(c, "good").status?.phase).toBe("Running");
  });
});

describe("node admission", () => {
  it("rejects a pod bound by hand that does not fit: OutOfcpu", () => {
    const c = kubeletCluster({ nodes: [{ name: NODE, cpu: "2" }] });
    applyOk(c, boundPod("small", { resources: { requests: { cpu: "1500m" } } }));
    c.advance(200);
    applyOk(c, boundPod("big", { resources: { requests: { cpu: "4" } } }));
    c.advance(200);
    const p = pod(c, "big");
    expect(p.status).toMatchObject({
      phase: "Failed",
      reason: "OutOfcpu",
      message: "Pod was rejected: Node didn't have enough resource: cpu, requested: 4000, used: 1500, capacity: 2000",
    });
    expect(eventLines(c, "big")).toEqual(["Warning OutOfcpu: Node didn't have enough resource: cpu, requested: 4000, used: 1500, capacity: 2000"]);
  });

  it.each([
    ["memory", 110, { memory: "1Gi" }, { memory: "2Gi" }, "OutOfmemory"],
    ["pods", 1, {}, {}, "OutOfpods"],
  ])("rejects on %s", (_what, maxPods, reqA, reqB, reason) => {
    const c = kubeletCluster({ nodes: [{ name: NODE, memory: "2Gi", pods: maxPods }] });
    applyOk(c, boundPod("a", { resources: { requests: reqA } }));
    c.advance(200);
    applyOk(c, boundPod("b", { resources: { requests: reqB } }));
    c.advance(200);
    expect(pod(c, "b").status?.reason).toBe(reason);
  });
});

describe("the pod sandbox", () => {
  it("stays ContainerCreating without a pod CIDR, and starts once the node gets one", () => {
    // The cluster CIDR holds one /24 only: node-0 takes it, node-1 gets none.
    const c = kubeletCluster({ config: { clusterCIDR: "10.244.0.0/24" }, nodes: [{ name: "node-0" }, { name: NODE }] }, { podCIDR: null });
    applyOk(c, boundPod("web"));
    c.advance(1000);
    expect(waitingReason(c, "web")).toBe("ContainerCreating");
    expect(condition(c, "web", "PodReadyToStartContainers")?.status).toBe("False");
    const ev = podEvents(c, "web").find((e) => e.reason === "FailedCreatePodSandBox")!;
    expect(ev.type).toBe("Warning");
    expect(ev.message).toMatch(/^Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "[0-9a-f]{64}": /);
    const node = c.get("Node", undefined, NODE)!;
    c.update({ ...node, spec: { ...node.spec, podCIDR: "10.244.7.0/24" } });
    c.advance(2000);
    expect(pod(c, "web").status?.podIP).toBe("10.244.7.2");
    expect(pod(c, "web").status?.phase).toBe("Running");
  });

  it("gives hostNetwork pods the node's address without a pod CIDR", () => {
    const c = kubeletCluster({}, { podCIDR: null });
    applyOk(c, boundPod("web", {}, { hostNetwork: true }));
    c.advance(2000);
    expect(pod(c, "web").status?.podIP).toBe("192.168.10.10");
  });
});

describe("configuration from ConfigMaps and Secrets", () => {
  const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "app-config", namespace: "default" }, data: { DB_HOST: "db" } };

  it("a missing ConfigMap in env is CreateContainerConfigError until the ConfigMap is created", () => {
    const c = kubeletCluster();
    applyOk(c, boundPod("web", { env: [{ name: "DB_HOST", valueFrom: { configMapKeyRef: { name: "app-config", key: "DB_HOST" } } }] }));
    c.advance(2000);
    expect(cs(c, "web")?.state).toEqual({ waiting: { reason: "CreateContainerConfigError", message: 'configmap "app-config" not found' } });
    expect(eventLines(c, "web")).toContain('Warning Failed: Error: configmap "app-config" not found');
    applyOk(c, cm);
    c.advance(200);
    expect(pod(c, "web").status?.phase).toBe("Running");
  });

  it("a missing key names the key and the ConfigMap", () => {
    const c = kubeletCluster({ objects: [{ ...cm, data: {} }] });
    applyOk(c, boundPod("web", { env: [{ name: "DB_HOST", valueFrom: { configMapKeyRef: { name: "app-config", key: "DB_HOST" } } }] }));
    c.advance(2000);
    expect(cs(c, "web")?.state).toEqual({ waiting: { reason: "CreateContainerConfigError", message: "couldn't find key DB_HOST in ConfigMap default/app-config" } });
  });

  it("optional references are skipped", () => {
    const c = kubeletCluster();
    applyOk(c, boundPod("web", { envFrom: [{ configMapRef: { name: "nope", optional: true } }], env: [{ name: "X", valueFrom: { secretKeyRef: { name: "s", key: "k", optional: true } } }] }));
    c.advance(2000);
    expect(pod(c, "web").status?.phase).toBe("Running");
  });

  it("a missing ConfigMap volume keeps the pod ContainerCreating with FailedMount, until it appears", () => {
    const c = kubeletCluster();
    applyOk(c, boundPod("web", { volumeMounts: [{ name: "config", mountPath: "/etc/app" }] }, { volumes: [{ name: "config", configMap: { name: "app-config" } }] }));
    c.advance(5000);
    expect(waitingReason(c, "web")).toBe("ContainerCreating");
    expect(eventLines(c, "web")).toEqual(['Warning FailedMount: MountVolume.SetUp failed for volume "config" : configmap "app-config" not found']);
    expect(podEvents(c, "web")[0].count).toBeGreaterThan(1);
    applyOk(c, cm);
    c.advance(2000);
    expect(pod(c, "web").status?.phase).toBe("Running");
  });

  it("a missing Secret volume says secret", () => {
    const c = kubeletCluster();
    applyOk(c, boundPod("web", {}, { volumes: [{ name: "creds", secret: { secretName: "db-creds" } }] }));
    c.advance(1000);
    expect(eventLines(c, "web")).toEqual(['Warning FailedMount: MountVolume.SetUp failed for volume "creds" : secret "db-creds" not found']);
  });
});
