/** Fixtures for kubelet scenario tests: a one-node cluster with a pod CIDR, pods bound by hand. */
import { createCluster, type Cluster, type ClusterInit } from "../../shared/sim/cluster.ts";
import type { KubeEvent } from "../../shared/k8s/schema/misc.ts";
import type { Container, Pod } from "../../shared/k8s/schema/pod.ts";

export const NODE = "node-1";

/** A frozen cluster with `node-1` (podCIDR 10.244.1.0/24 set by hand until node IPAM assigns it). */
export function kubeletCluster(init: Partial<ClusterInit> = {}, opts: { podCIDR?: string | null } = {}): Cluster {
  const cluster = createCluster({ freeze: true, nodes: [{ name: NODE }], ...init });
  const cidr = opts.podCIDR === undefined ? "10.244.1.0/24" : opts.podCIDR;
  for (const n of init.nodes ?? [{ name: NODE }]) {
    const node = cluster.get("Node", undefined, n.name)!;
    if (cidr && !node.spec?.podCIDR) {
      const r = cluster.update({ ...node, spec: { ...node.spec, podCIDR: cidr, podCIDRs: [cidr] } });
      if (!r.ok) throw new Error(r.error.message);
    }
  }
  return cluster;
}

/** A pod manifest bound to node-1 directly (spec.nodeName), one container `web` unless given. */
export function boundPod(name: string, container: Partial<Container> = {}, spec: Partial<Pod["spec"]> = {}, namespace = "default"): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace },
    spec: {
      nodeName: NODE,
      containers: [{ name: "web", image: "nginx:1.25", ...container }],
      ...spec,
    },
  };
}

export function applyOk(cluster: Cluster, obj: unknown): void {
  const r = cluster.apply(obj);
  if (!r.ok) throw new Error(r.error.message);
}

export function pod(cluster: Cluster, name: string, namespace = "default") {
  const p = cluster.get("Pod", namespace, name);
  if (!p) throw new Error(`pod ${namespace}/${name} not found`);
  return p;
}

/** The first container status of a pod. */
export function cs(cluster: Cluster, name: string, container = "web", namespace = "default") {
  const p = pod(cluster, name, namespace);
  return [...(p.status?.containerStatuses ?? []), ...(p.status?.initContainerStatuses ?? [])].find((s) => s.name === container);
}

export function waitingReason(cluster: Cluster, name: string, container = "web"): string | undefined {
  return (cs(cluster, name, container)?.state as { waiting?: { reason?: string } } | undefined)?.waiting?.reason;
}

/** Events about a pod, oldest first, as `Type Reason: message (xN)`. */
export function podEvents(cluster: Cluster, name: string, namespace = "default"): KubeEvent[] {
  return cluster
    .list("Event", { namespace })
    .filter((e) => e.involvedObject.kind === "Pod" && e.involvedObject.name === name)
    .sort((a, b) => a.firstTimestamp.localeCompare(b.firstTimestamp) || a.metadata.name!.localeCompare(b.metadata.name!));
}

export function eventLines(cluster: Cluster, name: string, namespace = "default"): string[] {
  return podEvents(cluster, name, namespace).map((e) => `${e.type} ${e.reason}: ${e.message}`);
}

export function condition(cluster: Cluster, name: string, type: string) {
  return pod(cluster, name).status?.conditions?.find((c) => c.type === type);
}
