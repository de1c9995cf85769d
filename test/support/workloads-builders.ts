import type { Cluster } from "../../shared/sim/cluster.ts";
import { createCluster } from "../../shared/sim/cluster.ts";
import type { Stored } from "../../shared/k8s/kinds.ts";
import type { Pod } from "../../shared/k8s/schema/pod.ts";
import { formatTimestamp } from "../../shared/k8s/time.ts";
import { objectKey } from "../../shared/k8s/kinds.ts";

/** Fixtures for the workload controller tests. */

export interface DeploymentOpts {
  replicas?: number;
  image?: string;
  strategy?: Record<string, unknown>;
  annotations?: Record<string, string>;
  templateAnnotations?: Record<string, string>;
  minReadySeconds?: number;
  progressDeadlineSeconds?: number;
  revisionHistoryLimit?: number;
  paused?: boolean;
  namespace?: string;
}

export function deployment(name: string, o: DeploymentOpts = {}) {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: o.namespace ?? "default", ...(o.annotations ? { annotations: o.annotations } : {}) },
    spec: {
      replicas: o.replicas ?? 3,
      selector: { matchLabels: { app: name } },
      ...(o.strategy ? { strategy: o.strategy } : {}),
      ...(o.minReadySeconds !== undefined ? { minReadySeconds: o.minReadySeconds } : {}),
      ...(o.progressDeadlineSeconds !== undefined ? { progressDeadlineSeconds: o.progressDeadlineSeconds } : {}),
      ...(o.revisionHistoryLimit !== undefined ? { revisionHistoryLimit: o.revisionHistoryLimit } : {}),
      ...(o.paused !== undefined ? { paused: o.paused } : {}),
      template: {
        metadata: { labels: { app: name }, ...(o.templateAnnotations ? { annotations: o.templateAnnotations } : {}) },
        spec: { containers: [{ name: "app", image: o.image ?? "nginx:1.25" }] },
      },
    },
  };
}

export function replicaSet(name: string, replicas: number, labels: Record<string, string> = { app: name }) {
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name, namespace: "default" },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: "app", image: "nginx:1.25" }] } },
    },
  };
}

export function bareCluster(extra: Parameters<typeof createCluster>[0] = {}): Cluster {
  return createCluster({ freeze: true, seed: 7, ...extra });
}

/**
 * Stand-in for scheduler + kubelet while a test needs ready pods: bind, run and mark Ready
 * every active pod matching `filter` (status written as the kubelet would).
 */
export function makePodsReady(cluster: Cluster, filter: (p: Stored<Pod>) => boolean = () => true, node = "node-1"): number {
  let n = 0;
  const now = formatTimestamp(cluster.nowMs);
  for (const pod of cluster.list("Pod")) {
    if (!filter(pod) || pod.metadata.deletionTimestamp || pod.status?.phase === "Running") continue;
    const key = objectKey(pod.metadata.namespace, pod.metadata.name);
    let current = cluster.store.get("Pod", key)!;
    if (!current.spec.nodeName) current = cluster.store.update("Pod", { ...current, spec: { ...current.spec, nodeName: node } });
    cluster.store.updateStatus("Pod", key, {
      phase: "Running",
      conditions: [
        { type: "PodScheduled", status: "True", lastTransitionTime: now },
        { type: "Initialized", status: "True", lastTransitionTime: now },
        { type: "ContainersReady", status: "True", lastTransitionTime: now },
        { type: "Ready", status: "True", lastTransitionTime: now },
      ],
      startTime: now,
    });
    n++;
  }
  return n;
}

/** Stand-in for the kubelet finishing graceful deletion: remove every terminating pod. */
export function finishTerminating(cluster: Cluster): number {
  let n = 0;
  for (const pod of cluster.list("Pod")) {
    if (!pod.metadata.deletionTimestamp) continue;
    cluster.store.remove("Pod", objectKey(pod.metadata.namespace, pod.metadata.name));
    n++;
  }
  return n;
}

/** Set a pod's phase (and container exit) as the kubelet would when it ends. */
export function setPodPhase(cluster: Cluster, pod: Stored<Pod>, phase: "Succeeded" | "Failed", exitCode = phase === "Succeeded" ? 0 : 1): void {
  const key = objectKey(pod.metadata.namespace, pod.metadata.name);
  const now = formatTimestamp(cluster.nowMs);
  cluster.store.updateStatus("Pod", key, {
    ...(pod.status ?? {}),
    phase,
    conditions: [{ type: "Ready", status: "False", lastTransitionTime: now, reason: "PodCompleted" }],
    containerStatuses: [
      {
        name: pod.spec.containers[0].name,
        ready: false,
        restartCount: 0,
        image: pod.spec.containers[0].image ?? "",
        imageID: "",
        state: { terminated: { exitCode, reason: phase === "Succeeded" ? "Completed" : "Error", startedAt: now, finishedAt: now } },
      },
    ],
  });
}

export function events(cluster: Cluster, reason?: string): string[] {
  return cluster
    .list("Event")
    .filter((e) => !reason || e.reason === reason)
    .map((e) => `${e.involvedObject.kind}/${e.involvedObject.name} ${e.reason}: ${e.message}`);
}

export function podsOf(cluster: Cluster, labelSelector: string): Stored<Pod>[] {
  return cluster.list("Pod", { labelSelector });
}
