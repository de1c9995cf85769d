import { describe, expect, it } from "vitest";
import type { Cluster } from "../../../../shared/sim/cluster.ts";
import { rollbackTemplate, rolloutHistory, rolloutStatus } from "../../../../shared/sim/controllers/workloads/rollout.ts";
import { bareCluster, deployment, events, finishTerminating, makePodsReady } from "../../../support/workloads-builders.ts";

const HASH = "[bcdfghjklmnpqrstvwxz2456789]{6,10}";
const web = (c: Cluster) => c.get("Deployment", "default", "web")!;
const rss = (c: Cluster) => c.list("ReplicaSet");
const cond = (c: Cluster, type: string) => web(c).status?.conditions?.find((x) => x.type === type);

/** Plays scheduler + kubelet: new pods turn ready, terminating pods go away. */
function settle(c: Cluster, ticks = 20): void {
  for (let i = 0; i < ticks; i++) {
    c.tick(1);
    makePodsReady(c);
    finishTerminating(c);
  }
}

describe("Deployment controller", () => {
  it("creates a ReplicaSet <deploy>-<pod-template-hash> with revision annotations, and scales it up", () => {
    const c = bareCluster();
    c.apply(deployment("web", { replicas: 3 }));
    c.tick(2);
    const [rs] = rss(c);
    expect(rs.metadata.name).toMatch(new RegExp(`^web-${HASH}$`));
    const hash = rs.metadata.labels!["pod-template-hash"];
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(rs.spec.selector.matchLabels).toEqual({ app: "web", "pod-template-hash": hash });
    expect(rs.metadata.annotations).toEqual({
      "deployment.kubernetes.io/revision": "1",
      "deployment.kubernetes.io/desired-replicas": "3",
      "deployment.kubernetes.io/max-replicas": "4",
    });
    expect(web(c).metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("1");
    expect(events(c, "ScalingReplicaSet")).toEqual([`Deployment/web ScalingReplicaSet: Scaled up replica set ${rs.metadata.name} from 0 to 3`]);
    for (const p of c.list("Pod")) expect(p.metadata.name).toMatch(new RegExp(`^${rs.metadata.name}-\\w{5}$`));
  });

  it("reports conditions as Kubernetes words them", () => {
    const c = bareCluster();
    c.apply(deployment("web", { replicas: 2 }));
    c.tick(3);
    const name = rss(c)[0].metadata.name;
    expect(cond(c, "Available")).toMatchObject({ status: "False", reason: "MinimumReplicasUnavailable", message: "Deployment does not have minimum availability." });
    expect(cond(c, "Progressing")).toMatchObject({ status: "True", reason: "ReplicaSetUpdated", message: `ReplicaSet "${name}" is progressing.` });
    settle(c, 5);
    expect(cond(c, "Available")).toMatchObject({ status: "True", reason: "MinimumReplicasAvailable", message: "Deployment has minimum availability." });
    expect(cond(c, "Progressing")).toMatchObject({ status: "True", reason: "NewReplicaSetAvailable", message: `ReplicaSet "${name}" has successfully progressed.` });
    expect(web(c).status).toMatchObject({ replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 });
    expect(rolloutStatus(web(c))).toEqual({ message: 'deployment "web" successfully rolled out', done: true });
  });

  it.each([
    { maxSurge: 1, maxUnavailable: 1, replicas: 4 },
    { maxSurge: 0, maxUnavailable: 1, replicas: 3 },
    { maxSurge: "25%", maxUnavailable: "25%", replicas: 8 },
    { maxSurge: 2, maxUnavailable: 0, replicas: 5 },
  ])("rolling update with %j never exceeds maxSurge nor maxUnavailable", ({ maxSurge, maxUnavailable, replicas }) => {
    const c = bareCluster();
    const strategy = { type: "RollingUpdate", rollingUpdate: { maxSurge, maxUnavailable } };
    c.apply(deployment("web", { replicas, strategy }));
    settle(c, 10);
    c.apply(deployment("web", { replicas, strategy, image: "nginx:1.26" }));
    const surge = typeof maxSurge === "number" ? maxSurge : Math.ceil(replicas / 4);
    const unavailable = typeof maxUnavailable === "number" ? maxUnavailable : Math.floor(replicas / 4);
    for (let i = 0; i < 200; i++) {
      c.tick(1);
      const live = c.list("Pod").filter((p) => !p.metadata.deletionTimestamp);
      const ready = live.filter((p) => p.status?.phase === "Running");
      expect(live.length).toBeLessThanOrEqual(replicas + surge);
      expect(ready.length).toBeGreaterThanOrEqual(replicas - unavailable);
      // Only some of the new pods come up each tick, like a real rollout.
      const pending = live.filter((p) => p.status?.phase !== "Running");
      if (pending.length) makePodsReady(c, (p) => p.metadata.name === pending[0].metadata.name);
      finishTerminating(c);
    }
    expect(c.list("Pod").every((p) => p.spec.containers[0].image === "nginx:1.26")).toBe(true);
    expect(c.list("Pod")).toHaveLength(replicas);
    expect(rolloutStatus(web(c)).done).toBe(true);
  });

  it("Recreate stops every old pod before creating any new one", () => {
    const c = bareCluster();
    const strategy = { type: "Recreate" };
    c.apply(deployment("web", { replicas: 3, strategy }));
    settle(c, 5);
    c.apply(deployment("web", { replicas: 3, strategy, image: "nginx:1.26" }));
    /** A moment where only terminating old pods exist: the new ReplicaSet waits for them. */
    let sawGap = false;
    for (let i = 0; i < 60; i++) {
      c.tick(1);
      const images = new Set(c.list("Pod").map((p) => p.spec.containers[0].image));
      expect(images.size).toBeLessThanOrEqual(1);
      const pods = c.list("Pod");
      if (pods.length > 0 && pods.every((p) => p.metadata.deletionTimestamp)) sawGap = true;
      if (i > 5) finishTerminating(c);
      makePodsReady(c);
    }
    expect(sawGap).toBe(true);
    expect(c.list("Pod").map((p) => p.spec.containers[0].image)).toEqual(["nginx:1.26", "nginx:1.26", "nginx:1.26"]);
  });

  it("rollout restart (template annotation) rolls every pod", () => {
    const c = bareCluster();
    c.apply(deployment("web", { replicas: 2 }));
    settle(c, 5);
    const before = c.list("Pod").map((p) => p.metadata.name);
    c.apply(deployment("web", { replicas: 2, templateAnnotations: { "kubectl.kubernetes.io/restartedAt": "2025-01-01T09:05:00Z" } }));
    settle(c, 30);
    const after = c.list("Pod");
    expect(after).toHaveLength(2);
    expect(after.some((p) => before.includes(p.metadata.name))).toBe(false);
    expect(after[0].metadata.annotations).toEqual({ "kubectl.kubernetes.io/restartedAt": "2025-01-01T09:05:00Z" });
    expect(web(c).metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("2");
  });

  it("rollout history and undo restore the previous template as a new revision", () => {
    const c = bareCluster();
    c.apply(deployment("web", { annotations: { "kubernetes.io/change-cause": "first" } }));
    settle(c, 5);
    c.apply(deployment("web", { image: "nginx:1.26", annotations: { "kubernetes.io/change-cause": "bump" } }));
    settle(c, 30);
    const history = rolloutHistory(c.store, web(c));
    expect(history.map((h) => [h.revision, h.changeCause])).toEqual([
      [1, "first"],
      [2, "bump"],
    ]);
    expect(rollbackTemplate(c.store, web(c), 5)).toEqual({ ok: false, error: "unable to find specified revision 5 in history" });
    const undo = rollbackTemplate(c.store, web(c));
    expect(undo.ok).toBe(true);
    if (!undo.ok) return;
    expect(undo.value.revision).toBe(1);
    expect(undo.value.template.metadata?.labels).toEqual({ app: "web" });
    const d = web(c);
    c.update({ ...d, metadata: { ...d.metadata, annotations: undo.value.annotations }, spec: { ...d.spec, template: undo.value.template } });
    settle(c, 30);
    expect(c.list("Pod").every((p) => p.spec.containers[0].image === "nginx:1.25")).toBe(true);
    expect(rss(c)).toHaveLength(2);
    expect(rolloutHistory(c.store, web(c)).map((h) => h.revision)).toEqual([2, 3]);
    expect(web(c).metadata.annotations?.["kubernetes.io/change-cause"]).toBe("first");
  });

  it("undo without history says so", () => {
    const c = bareCluster();
    c.apply(deployment("web"));
    c.tick(2);
    expect(rollbackTemplate(c.store, web(c))).toEqual({ ok: false, error: 'no rollout history found for deployment "web"' });
  });

  it("times out progressing when the new pods never become ready", () => {
    const c = bareCluster();
    c.apply(deployment("web", { replicas: 3, progressDeadlineSeconds: 30 }));
    settle(c, 5);
    c.apply(deployment("web", { replicas: 3, progressDeadlineSeconds: 30, image: "nginx:does-not-exist" }));
    c.advance(5_000);
    expect(rolloutStatus(web(c)).message).toBe('Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...');
    c.advance(40_000);
    const newRS = rss(c).find((r) => r.spec.template?.spec.containers[0].image === "nginx:does-not-exist")!;
    expect(cond(c, "Progressing")).toMatchObject({
      status: "False",
      reason: "ProgressDeadlineExceeded",
      message: `ReplicaSet "${newRS.metadata.name}" has timed out progressing.`,
    });
    expect(rolloutStatus(web(c))).toMatchObject({ done: false, error: 'deployment "web" exceeded its progress deadline' });
  });

  it("keeps only revisionHistoryLimit old ReplicaSets", () => {
    const c = bareCluster();
    for (const tag of ["1", "2", "3", "4"]) {
      c.apply(deployment("web", { replicas: 1, revisionHistoryLimit: 1, image: `nginx:${tag}` }));
      settle(c, 20);
    }
    expect(rss(c).map((r) => r.metadata.annotations?.["deployment.kubernetes.io/revision"]).sort()).toEqual(["3", "4"]);
  });

  it("scaling mid-rollout is proportional and paused deployments do not roll", () => {
    const c = bareCluster();
    c.apply(deployment("web", { replicas: 2, paused: true }));
    c.tick(3);
    expect(rss(c)).toHaveLength(0);
    expect(cond(c, "Progressing")).toMatchObject({ status: "Unknown", reason: "DeploymentPaused", message: "Deployment is paused" });
    c.apply(deployment("web", { replicas: 2, paused: false }));
    settle(c, 5);
    expect(cond(c, "Progressing")?.reason).toBe("NewReplicaSetAvailable");
    c.apply(deployment("web", { replicas: 5 }));
    settle(c, 5);
    expect(c.list("Pod")).toHaveLength(5);
    expect(events(c, "ScalingReplicaSet").at(-1)).toMatch(/Scaled up replica set web-\w+ from 2 to 5$/);
  });
});
