import { describe, expect, it } from "vitest";
import type { Cluster } from "../../../../shared/sim/cluster.ts";
import { applyOk, boundPod, condition, cs, eventLines, kubeletCluster, pod, podEvents, waitingReason } from "../../../support/kubelet-builders.ts";

const Mi = 1024 * 1024;

/** Seconds (since the cluster started) at which the container started, sampled every 100 ms. */
function startTimes(c: Cluster, name: string, untilMs: number): number[] {
  const seen: number[] = [];
  let last = "";
  while (c.elapsedMs < untilMs) {
    c.tick();
    const s = cs(c, name)?.state as { running?: { startedAt: string } } | undefined;
    const id = cs(c, name)?.containerID ?? "";
    if (id && id !== last && (s?.running || cs(c, name)?.state)) {
      last = id;
      seen.push(Math.round(c.elapsedMs / 100) / 10);
    }
  }
  return seen;
}

describe("a container that exits", () => {
  it("busybox without a command completes at once, then restarts into CrashLoopBackOff (10 s, 20 s, 40 s)", () => {
    const c = kubeletCluster({ nodes: [{ name: "node-1", images: ["docker.io/library/busybox:1.36"] }] });
    applyOk(c, boundPod("bb", { image: "busybox:1.36" }));
    const starts = startTimes(c, "bb", 80_000);
    // Restart 1 is immediate; then each restart waits the back-off from the last exit.
    expect(starts).toEqual([0.1, 0.2, 10.2, 30.2, 70.2]);
    const s = cs(c, "bb")!;
    expect(s.restartCount).toBe(4);
    expect(s.state).toEqual({
      waiting: { reason: "CrashLoopBackOff", message: `back-off 1m20s restarting failed container=web pod=bb_default(${pod(c, "bb").metadata.uid})` },
    });
    expect(s.lastState).toMatchObject({ terminated: { exitCode: 0, reason: "Completed" } });
    expect(pod(c, "bb").status?.phase).toBe("Running");
    expect(condition(c, "bb", "Ready")).toMatchObject({ status: "False", reason: "ContainersNotReady", message: "containers with unready status: [web]" });
    const backoff = podEvents(c, "bb").find((e) => e.reason === "BackOff")!;
    expect(backoff).toMatchObject({ type: "Warning", message: `Back-off restarting failed container web in pod bb_default(${pod(c, "bb").metadata.uid})` });
  });

  it("caps the back-off at 5 minutes", () => {
    const c = kubeletCluster();
    applyOk(c, boundPod("bb", { image: "busybox:1.36", command: ["sh", "-c", "exit 1"] }));
    c.advance(30 * 60_000);
    expect((cs(c, "bb")?.state as { waiting: { message: string } }).waiting.message).toMatch(/^back-off 5m0s restarting failed container=web /);
    expect(cs(c, "bb")?.lastState).toMatchObject({ terminated: { exitCode: 1, reason: "Error" } });
  });

  it.each([
    ["Never", "exit 0", "Succeeded", 0],
    ["Never", "exit 3", "Failed", 0],
    ["OnFailure", "exit 0", "Succeeded", 0],
    ["OnFailure", "exit 3", "Running", 1],
    ["Always", "exit 0", "Running", 1],
  ] as const)("restartPolicy %s with `%s` ⇒ phase %s", (restartPolicy, script, phase, minRestarts) => {
    const c = kubeletCluster();
    applyOk(c, boundPod("job", { image: "busybox:1.36", command: ["sh", "-c", script] }, { restartPolicy }));
    c.advance(5000);
    expect(pod(c, "job").status?.phase).toBe(phase);
    expect(cs(c, "job", "web")!.restartCount).toBeGreaterThanOrEqual(minRestarts);
    if (phase === "Succeeded") expect(condition(c, "job", "Ready")).toMatchObject({ status: "False", reason: "PodCompleted" });
  });

  it("resets the back-off after the container ran 10 minutes without trouble", () => {
    const c = kubeletCluster();
    applyOk(c, boundPod("slow", { image: "busybox:1.36", command: ["sh", "-c", "sleep 700; exit 1"] }));
    c.advance(3 * 700_000);
    expect(waitingReason(c, "slow")).toBeUndefined();
    expect(cs(c, "slow")!.restartCount).toBeGreaterThanOrEqual(2);
  });
});

describe("OOMKilled", () => {
  it("kills a leaking container when it crosses its memory limit", () => {
    const c = kubeletCluster({ images: { "shop/leaky:1": { sizeBytes: 1_000_000, memory: { startBytes: 10 * Mi, growthBytesPerSec: Mi } } } });
    applyOk(c, boundPod("leak", { image: "shop/leaky:1", resources: { requests: { memory: "64Mi" }, limits: { memory: "64Mi" } } }));
    c.advance(50_000);
    expect(cs(c, "leak")?.state).toHaveProperty("running");
    c.advance(6_000);
    const s = cs(c, "leak")!;
    expect(s.lastState).toMatchObject({ terminated: { exitCode: 137, reason: "OOMKilled" } });
    expect(s.restartCount).toBe(1);
    const term = (s.lastState as { terminated: { startedAt: string; finishedAt: string } }).terminated;
    // 64Mi − 10Mi at 1Mi/s: 54 s after start.
    expect([term.startedAt, term.finishedAt]).toEqual(["2025-01-01T09:00:00Z", "2025-01-01T09:00:54Z"]);
  });
});

describe("a command that is not in the image", () => {
  it("ends with StartError, exit code 128", () => {
    const c = kubeletCluster();
    applyOk(c, boundPod("bad", { image: "busybox:1.36", command: ["nonexistent"] }, { restartPolicy: "Never" }));
    c.advance(1000);
    const t = (cs(c, "bad")!.state as { terminated: { exitCode: number; reason: string; message: string } }).terminated;
    expect(t).toMatchObject({ exitCode: 128, reason: "StartError" });
    expect(t.message).toContain('exec: "nonexistent": executable file not found in $PATH');
    expect(eventLines(c, "bad")).toContain(`Warning Failed: Error: ${t.message}`);
    expect(eventLines(c, "bad")).not.toContain("Normal Started: Started container web");
    expect(pod(c, "bad").status?.phase).toBe("Failed");
  });
});

describe("init containers", () => {
  it("run one after another to completion, then the app containers start", () => {
    const c = kubeletCluster();
    applyOk(
      c,
      boundPod("app", {}, {
        initContainers: [
          { name: "init-a", image: "busybox:1.36", command: ["sh", "-c", "sleep 2"] },
          { name: "init-b", image: "busybox:1.36", command: ["sh", "-c", "sleep 2"] },
        ],
      }),
    );
    c.advance(1000);
    expect(pod(c, "app").status?.phase).toBe("Pending");
    expect(waitingReason(c, "app", "web")).toBe("PodInitializing");
    expect(waitingReason(c, "app", "init-b")).toBe("PodInitializing");
    expect(cs(c, "app", "init-a")?.state).toHaveProperty("running");
    expect(condition(c, "app", "Initialized")).toMatchObject({ status: "False", reason: "ContainersNotInitialized", message: "containers with incomplete status: [init-a init-b]" });
    c.advance(2500);
    expect(cs(c, "app", "init-a")?.state).toMatchObject({ terminated: { exitCode: 0, reason: "Completed" } });
    expect(cs(c, "app", "init-b")?.state).toHaveProperty("running");
    c.advance(4000);
    expect(pod(c, "app").status?.phase).toBe("Running");
    expect(condition(c, "app", "Initialized")?.status).toBe("True");
    const order = eventLines(c, "app").filter((l) => l.includes("Started container"));
    expect(order).toEqual(["Normal Started: Started container init-a", "Normal Started: Started container init-b", "Normal Started: Started container web"]);
  });

  it("a failing init container is restarted with back-off (Init:CrashLoopBackOff)", () => {
    const c = kubeletCluster();
    applyOk(c, boundPod("app", {}, { initContainers: [{ name: "wait", image: "busybox:1.36", command: ["sh", "-c", "exit 1"] }] }));
    c.advance(30_000);
    expect(waitingReason(c, "app", "wait")).toBe("CrashLoopBackOff");
    expect(cs(c, "app", "wait")?.lastState).toMatchObject({ terminated: { exitCode: 1, reason: "Error" } });
    expect(pod(c, "app").status?.phase).toBe("Pending");
    expect(waitingReason(c, "app", "web")).toBe("PodInitializing");
  });

  it("with restartPolicy Never a failing init container fails the pod", () => {
    const c = kubeletCluster();
    applyOk(c, boundPod("app", {}, { restartPolicy: "Never", initContainers: [{ name: "wait", image: "busybox:1.36", command: ["sh", "-c", "exit 1"] }] }));
    c.advance(3000);
    expect(pod(c, "app").status?.phase).toBe("Failed");
    expect(cs(c, "app", "wait")?.state).toMatchObject({ terminated: { exitCode: 1, reason: "Error" } });
  });
});
