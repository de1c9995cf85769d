import { describe, expect, it } from "vitest";
import type { Cluster } from "../../../../shared/sim/cluster.ts";
import { bareCluster, events, setPodPhase } from "../../../support/workloads-builders.ts";

function job(spec: Record<string, unknown> = {}, restartPolicy = "Never") {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "pi", namespace: "default" },
    spec: { ...spec, template: { spec: { restartPolicy, containers: [{ name: "pi", image: "perl" }] } } },
  };
}

const pi = (c: Cluster) => c.get("Job", "default", "pi")!;
const activePods = (c: Cluster) => c.list("Pod").filter((p) => !p.status?.phase || p.status.phase === "Pending" || p.status.phase === "Running");

describe("Job controller", () => {
  it("creates pods labelled with the job, tracked by the job-tracking finalizer", () => {
    const c = bareCluster();
    c.apply(job({ parallelism: 2, completions: 3 }));
    c.tick(2);
    const pods = c.list("Pod");
    expect(pods).toHaveLength(2);
    const uid = pi(c).metadata.uid;
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.labels).toMatchObject({ "batch.kubernetes.io/job-name": "pi", "job-name": "pi", "batch.kubernetes.io/controller-uid": uid, "controller-uid": uid });
      expect(p.metadata.finalizers).toEqual(["batch.kubernetes.io/job-tracking"]);
    }
    expect(pi(c).status).toMatchObject({ active: 2, ready: 0, startTime: "2025-01-01T09:00:00Z" });
  });

  it("completes after `completions` successes", () => {
    const c = bareCluster();
    c.apply(job({ parallelism: 2, completions: 3 }));
    c.tick(2);
    for (let round = 0; round < 4 && !pi(c).status?.completionTime; round++) {
      for (const p of activePods(c)) setPodPhase(c, p, "Succeeded");
      c.tick(2);
    }
    expect(pi(c).status).toMatchObject({ succeeded: 3, completionTime: expect.any(String) });
    expect(pi(c).status?.conditions).toEqual([expect.objectContaining({ type: "Complete", status: "True" })]);
    expect(c.list("Pod").every((p) => !p.metadata.finalizers)).toBe(true);
    expect(events(c, "Completed")).toEqual(["Job/pi Completed: Job completed"]);
  });

  it("stops at backoffLimit, with back-off between retries, and deletes nothing more", () => {
    const c = bareCluster();
    c.apply(job({ backoffLimit: 2 }));
    c.tick(2);
    const created: number[] = [];
    for (let i = 0; i < 200 && !pi(c).status?.conditions; i++) {
      for (const p of activePods(c)) {
        created.push(c.elapsedMs);
        setPodPhase(c, p, "Failed");
      }
      c.advance(1000);
    }
    expect(pi(c).status).toMatchObject({ failed: 3 });
    expect(pi(c).status?.conditions).toEqual([
      expect.objectContaining({ type: "Failed", status: "True", reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit" }),
    ]);
    expect(c.list("Pod")).toHaveLength(3);
    // 10 s after the first failure, 20 s after the second.
    expect(created[1] - created[0]).toBeGreaterThanOrEqual(10_000);
    expect(created[2] - created[1]).toBeGreaterThanOrEqual(20_000);
    expect(events(c, "BackoffLimitExceeded")).toEqual(["Job/pi BackoffLimitExceeded: Job has reached the specified backoff limit"]);
  });

  it("fails with DeadlineExceeded after activeDeadlineSeconds and deletes its active pods", () => {
    const c = bareCluster();
    c.apply(job({ activeDeadlineSeconds: 5 }));
    c.tick(2);
    expect(activePods(c)).toHaveLength(1);
    c.advance(6000);
    expect(pi(c).status?.conditions?.[0]).toMatchObject({ type: "Failed", reason: "DeadlineExceeded", message: "Job was active longer than specified deadline" });
    expect(c.list("Pod")).toHaveLength(0);
  });
});
