/**
 * Fixtures for networking scenarios: a cluster with the kubeadm add-ons (flannel, kube-proxy,
 * CoreDNS) applied unless told otherwise.
 */
import { createCluster, type Cluster, type ClusterInit } from "../../shared/sim/cluster.ts";
import { clusterAddons, type AddonOptions } from "../../shared/net/addons.ts";

export interface NetClusterInit extends ClusterInit {
  /** Add-ons to apply first (default flannel + kube-proxy, no CoreDNS); false: none (implicit CNI). */
  addons?: AddonOptions | false;
}

export function netCluster(init: NetClusterInit = {}): Cluster {
  const { addons, objects, ...rest } = init;
  const cluster = createCluster({ ...rest, objects: [] });
  const manifests = addons === false ? [] : clusterAddons({ coreDNS: false, ...(addons ?? {}) });
  for (const obj of [...manifests, ...(objects ?? [])]) {
    const r = cluster.apply(obj);
    if (!r.ok) throw new Error(r.error.message);
  }
  return cluster;
}

export function applyOk(cluster: Cluster, obj: unknown): void {
  const r = cluster.apply(obj);
  if (!r.ok) throw new Error(r.error.message);
}

export function deployment(name: string, replicas: number, opts: { image?: string; port?: number; namespace?: string; nodeName?: string } = {}): object {
  return {
    apiVersion: "apps/v1", kind: "Deployment", metadata: { name, namespace: opts.namespace ?? "default" },
    spec: {
      replicas, selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          ...(opts.nodeName ? { nodeSelector: { "kubernetes.io/hostname": opts.nodeName } } : {}),
          containers: [{ name, image: opts.image ?? "nginx:1.25", ports: [{ containerPort: opts.port ?? 80 }] }],
        },
      },
    },
  };
}

export function pod(name: string, nodeName: string, opts: { image?: string; namespace?: string } = {}): object {
  return {
    apiVersion: "v1", kind: "Pod", metadata: { name, namespace: opts.namespace ?? "default", labels: { app: name } },
    spec: { nodeName, containers: [{ name: "main", image: opts.image ?? "nginx:1.25" }] },
  };
}

export function service(name: string, spec: Record<string, unknown> = {}, namespace = "default"): object {
  return { apiVersion: "v1", kind: "Service", metadata: { name, namespace }, spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 80 }], ...spec } };
}

export const TWO_NODES = [{ name: "node-1" }, { name: "node-2" }];
export const THREE_NODES = [{ name: "node-1" }, { name: "node-2" }, { name: "node-3" }];
