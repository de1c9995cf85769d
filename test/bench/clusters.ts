import { createCluster, type Cluster, type ClusterInit, type NodeInit } from "../../shared/index.ts";

/**
 * A /16 cluster CIDR holds only 256 node /24s (kubeadm's 10.244.0.0/16 default): big benchmark
 * clusters need a larger range, as a real 1,000-node cluster would be configured.
 */
export function benchConfig(nodes: number): ClusterInit["config"] {
  return nodes > 250 ? { clusterCIDR: "10.0.0.0/14" } : undefined;
}

/** Nodes big enough for `podsPerNode` small pods each (max-pods raised to fit). */
export function benchNodes(count: number, podsPerNode: number): NodeInit[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `node-${String(i + 1).padStart(4, "0")}`,
    cpu: "32",
    memory: "128Gi",
    pods: Math.max(110, podsPerNode * 2),
    images: ["docker.io/library/nginx:1.25"],
  }));
}

/** A web Deployment with a readiness probe, the common shape in every level. */
export function webDeployment(replicas: number, name = "web") {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "default", labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "100%", maxUnavailable: "100%" } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            {
              name: "web",
              image: "nginx:1.25",
              ports: [{ containerPort: 80, name: "http" }],
              resources: { requests: { cpu: "10m", memory: "16Mi" } },
              readinessProbe: { httpGet: { path: "/", port: "http" }, periodSeconds: 10 },
            },
          ],
        },
      },
    },
  };
}

export function webService(name = "web") {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace: "default" },
    spec: { selector: { app: name }, ports: [{ port: 80, targetPort: "http" }] },
  };
}

export function availableReplicas(c: Cluster, name = "web"): number {
  return c.get("Deployment", "default", name)?.status?.availableReplicas ?? 0;
}

/** A cluster of `nodes` nodes running `pods` ready web pods behind a Service, settled. */
export function settledCluster(nodes: number, pods: number, seed = 1): { cluster: Cluster; settleSimMs: number } {
  const cluster = createCluster({
    seed,
    config: benchConfig(nodes),
    nodes: benchNodes(nodes, Math.ceil(pods / nodes)),
    objects: [webDeployment(pods), webService()],
  });
  const start = cluster.elapsedMs;
  const ok = cluster.runUntil((c) => availableReplicas(c) === pods, 30 * 60_000);
  if (!ok) throw new Error(`bench: ${pods} pods did not become available on ${nodes} nodes (got ${availableReplicas(cluster)})`);
  // Let probe timers and the last status writes settle into the steady rhythm.
  cluster.advance(30_000);
  return { cluster, settleSimMs: cluster.elapsedMs - start };
}
