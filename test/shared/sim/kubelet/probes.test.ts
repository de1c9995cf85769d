import { describe, expect, it } from "vitest";
import type { Cluster } from "../../../../shared/index.ts";
import { probeJitterMs } from "../../../../shared/sim/kubelet/probes.ts";
import type { ProbeType } from "../../../../shared/sim/kubelet/runtime.ts";
import { applyOk, boundPod, condition, cs, eventLines, kubeletCluster, pod, podEvents, waitingReason } from "../../../support/kubelet-builders.ts";

/** Where in its period the prober worker of container `web` of pod `name` probes (its start jitter). */
function jitterMs(c: Cluster, name: string, type: ProbeType, periodSeconds: number): number {
  return probeJitterMs(pod(c, name).metadata.uid, "web", type, periodSeconds);
}

/** An app that needs a minute before it answers on :8080. */
const slowStarter = { "shop/slow:1": { sizeBytes: 1_000_000, startupMs: 60_000, ports: [8080], http: { "/healthz": { status: 200, latencyMs: 1 } } } };
const liveness = { httpGet: { path: "/healthz", port: 8080 }, initialDelaySeconds: 0, periodSeconds: 10, failureThreshold: 3 };

describe("readiness probe", () => {
  it("on a wrong path keeps the pod unready, with Unhealthy events, and never restarts it", () => {
    const c = kubeletCluster();
    applyOk(c, boundPod("web", { readinessProbe: { httpGet: { path: "/healthz", port: 80 }, periodSeconds: 5 } }));
    c.advance(60_000);
    const s = cs(c, "web")!;
    expect(s).toMatchObject({ ready: false, started: true, restartCount: 0 });
    expect(s.state).toHaveProperty("running");
    expect(pod(c, "web").status?.phase).toBe("Running");
    expect(condition(c, "web", "Ready")).toMatchObject({ status: "False", reason: "ContainersNotReady", message: "containers with unready status: [web]" });
    expect(condition(c, "web", "ContainersReady")).toMatchObject({ status: "False", reason: "ContainersNotReady" });
    // Once nginx listens, every probe (every 5 s) is a 404, counted on one event.
    const unhealthy = () => podEvents(c, "web").filter((e) => e.reason === "Unhealthy" && e.message.includes("404"));
    expect(unhealthy().map((e) => [e.type, e.message])).toEqual([["Warning", "Readiness probe failed: HTTP probe failed with statuscode: 404"]]);
    expect(unhealthy()[0].involvedObject.fieldPath).toBe("spec.containers{web}");
    const count = unhealthy()[0].count;
    expect(count).toBeGreaterThanOrEqual(11);
    c.advance(50_000);
    expect(unhealthy()[0].count).toBe(count + 10);
  });

  it("on the right path makes the container ready after the first success", () => {
    const c = kubeletCluster();
    applyOk(c, boundPod("web", { readinessProbe: { httpGet: { path: "/", port: 80 }, initialDelaySeconds: 5 } }));
    c.advance(4000);
    expect(cs(c, "web")).toMatchObject({ ready: false, started: true });
    c.advance(3000);
    expect(cs(c, "web")?.ready).toBe(true);
    expect(condition(c, "web", "Ready")?.status).toBe("True");
  });

  it("costs no store write while its result does not change", () => {
    const c = kubeletCluster();
    applyOk(c, boundPod("web", { readinessProbe: { httpGet: { path: "/", port: 80 }, periodSeconds: 1 } }));
    c.advance(5000);
    const rv = pod(c, "web").metadata.resourceVersion;
    const events = podEvents(c, "web").length;
    c.advance(60_000);
    expect(pod(c, "web").metadata.resourceVersion).toBe(rv);
    expect(podEvents(c, "web").length).toBe(events);
  });
});

describe("liveness probe", () => {
  it("too aggressive for a slow starter restarts it into CrashLoopBackOff", () => {
    const c = kubeletCluster({ images: slowStarter });
    applyOk(c, boundPod("slow", { image: "shop/slow:1", ports: [{ containerPort: 8080 }], livenessProbe: liveness }));
    // Three failures, 10 s apart, from the worker's first probe: killed and restarted.
    c.advance(jitterMs(c, "slow", "liveness", 10) + 21_000);
    expect(cs(c, "slow")?.restartCount).toBe(1);
    expect(eventLines(c, "slow")).toContain('Warning Unhealthy: Liveness probe failed: Get "http://10.244.1.2:8080/healthz": dial tcp 10.244.1.2:8080: connect: connection refused');
    expect(eventLines(c, "slow")).toContain("Normal Killing: Container web failed liveness probe, will be restarted");
    let sawCrashLoop = false;
    for (let i = 0; i < 300 && !sawCrashLoop; i++) {
      c.advance(1000);
      sawCrashLoop = waitingReason(c, "slow") === "CrashLoopBackOff";
    }
    expect(sawCrashLoop).toBe(true);
    expect(cs(c, "slow")!.restartCount).toBeGreaterThanOrEqual(3);
    expect(condition(c, "slow", "Ready")?.status).toBe("False");
  });

  it("is held back by a startup probe until the app is up, so the slow starter runs", () => {
    const c = kubeletCluster({ images: slowStarter });
    applyOk(
      c,
      boundPod("slow", {
        image: "shop/slow:1",
        ports: [{ containerPort: 8080 }],
        livenessProbe: liveness,
        startupProbe: { httpGet: { path: "/healthz", port: 8080 }, failureThreshold: 30, periodSeconds: 10 },
      }),
    );
    c.advance(30_000);
    expect(cs(c, "slow")).toMatchObject({ started: false, ready: false, restartCount: 0 });
    expect(eventLines(c, "slow")).toContain('Warning Unhealthy: Startup probe failed: Get "http://10.244.1.2:8080/healthz": dial tcp 10.244.1.2:8080: connect: connection refused');
    c.advance(40_000);
    expect(cs(c, "slow")).toMatchObject({ started: true, ready: true, restartCount: 0 });
    c.advance(120_000);
    expect(cs(c, "slow")!.restartCount).toBe(0);
    expect(eventLines(c, "slow").some((l) => l.startsWith("Warning Unhealthy: Liveness"))).toBe(false);
  });

  it("a startup probe that never succeeds kills the container like liveness", () => {
    const c = kubeletCluster({ images: slowStarter });
    applyOk(c, boundPod("slow", { image: "shop/slow:1", startupProbe: { httpGet: { path: "/healthz", port: 8080 }, failureThreshold: 2, periodSeconds: 5 } }));
    c.advance(jitterMs(c, "slow", "startup", 5) + 6_000);
    expect(eventLines(c, "slow")).toContain("Normal Killing: Container web failed startup probe, will be restarted");
    expect(cs(c, "slow")!.restartCount).toBe(1);
  });

  it("a wedged app (healthy 10 s, then 500) is restarted, as in the docs' liveness example", () => {
    const c = kubeletCluster();
    applyOk(
      c,
      boundPod("liveness-http", {
        image: "registry.k8s.io/e2e-test-images/agnhost:2.40",
        livenessProbe: { httpGet: { path: "/healthz", port: 8080 }, initialDelaySeconds: 3, periodSeconds: 3 },
      }),
    );
    c.advance(25_000);
    expect(eventLines(c, "liveness-http")).toContain("Warning Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 500");
    expect(cs(c, "liveness-http")!.restartCount).toBe(1);
  });
});
