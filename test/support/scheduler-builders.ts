import { createCluster, type Cluster } from "../../shared/sim/cluster.ts";
import type { NodeInit } from "../../shared/sim/node-builder.ts";
import type { KubeEvent } from "../../shared/k8s/schema/misc.ts";
import type { Pod, Toleration } from "../../shared/k8s/schema/pod.ts";

export interface PodOptions {
  namespace?: string;
  cpu?: string;
  memory?: string;
  initCpu?: string;
  initMemory?: string;
  tolerations?: Toleration[];
  nodeSelector?: Record<string, string>;
  affinity?: Pod["spec"]["affinity"];
  nodeName?: string;
  hostPort?: number;
  priorityClassName?: string;
  schedulerName?: string;
  labels?: Record<string, string>;
}

/** A single-container pod manifest, requests only where given. */
export function podManifest(name: string, o: PodOptions = {}): Pod {
  const requests: Record<string, string> = {};
  if (o.cpu) requests.cpu = o.cpu;
  if (o.memory) requests.memory = o.memory;
  const initRequests: Record<string, string> = {};
  if (o.initCpu) initRequests.cpu = o.initCpu;
  if (o.initMemory) initRequests.memory = o.initMemory;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: o.namespace ?? "default", ...(o.labels ? { labels: o.labels } : {}) },
    spec: {
      containers: [
        {
          name: "app",
          image: "nginx:1.27",
          ...(Object.keys(requests).length ? { resources: { requests } } : {}),
          ...(o.hostPort ? { ports: [{ containerPort: 80, hostPort: o.hostPort }] } : {}),
        },
      ],
      ...(Object.keys(initRequests).length ? { initContainers: [{ name: "init", image: "busybox:1.36", resources: { requests: initRequests } }] } : {}),
      ...(o.tolerations ? { tolerations: o.tolerations } : {}),
      ...(o.nodeSelector ? { nodeSelector: o.nodeSelector } : {}),
      ...(o.affinity ? { affinity: o.affinity } : {}),
      ...(o.nodeName ? { nodeName: o.nodeName } : {}),
      ...(o.priorityClassName ? { priorityClassName: o.priorityClassName } : {}),
      ...(o.schedulerName ? { schedulerName: o.schedulerName } : {}),
    },
  };
}

/** A frozen cluster with the given nodes (4 cpu / 8Gi unless said otherwise). */
export function clusterWithNodes(nodes: NodeInit[], seed = 1): Cluster {
  return createCluster({ freeze: true, seed, nodes });
}

export function nodeOf(c: Cluster, pod: string, namespace = "default"): string | undefined {
  return c.get("Pod", namespace, pod)?.spec.nodeName;
}

export function podScheduledCondition(c: Cluster, pod: string, namespace = "default") {
  return c.get("Pod", namespace, pod)?.status?.conditions?.find((x) => x.type === "PodScheduled");
}

export function eventsFor(c: Cluster, pod: string, reason?: string, namespace = "default"): KubeEvent[] {
  return c
    .list("Event", { namespace })
    .filter((e) => e.involvedObject.kind === "Pod" && e.involvedObject.name === pod && (!reason || e.reason === reason));
}

export function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** A PriorityClass manifest (pods name it; the priority admission plugin fills spec.priority). */
export function priorityClass(name: string, value: number, preemptionPolicy?: "Never" | "PreemptLowerPriority") {
  return { apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name }, value, ...(preemptionPolicy ? { preemptionPolicy } : {}) };
}
