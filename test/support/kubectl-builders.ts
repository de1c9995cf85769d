import { createCluster, restoreCluster, type Cluster } from "../../shared/sim/cluster.ts";

/** Fixtures for the kubectl tests: a small shop namespace with a web Deployment and Service. */

export function webDeployment(o: { name?: string; namespace?: string; replicas?: number; image?: string } = {}) {
  const name = o.name ?? "web";
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: o.namespace ?? "shop", labels: { app: name } },
    spec: {
      replicas: o.replicas ?? 2,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            {
              name,
              image: o.image ?? "nginx:1.25",
              ports: [{ containerPort: 80 }],
              resources: { requests: { cpu: "100m", memory: "64Mi" } },
              readinessProbe: { httpGet: { path: "/", port: 80 } },
            },
          ],
        },
      },
    },
  };
}

export function service(name: string, namespace = "shop", port = 80) {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace },
    spec: { selector: { app: name }, ports: [{ port, targetPort: port }] },
  };
}

export const shopNamespace = { apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } };

/** Two nodes, the shop namespace, web (2 replicas) + its Service, settled for a minute. */
export function shopCluster(opts: { settleMs?: number; extra?: unknown[] } = {}): Cluster {
  const c = createCluster({
    freeze: true,
    seed: 42,
    nodes: [{ name: "node-1" }, { name: "node-2" }],
    objects: [shopNamespace, webDeployment(), service("web"), ...(opts.extra ?? [])],
  });
  c.advance(opts.settleMs ?? 60_000);
  return c;
}

/** A fresh copy of the settled shop cluster per call (built once: restoring is cheap). */
let snapshot: ReturnType<Cluster["toJSON"]> | undefined;
export function freshShopCluster(): Cluster {
  snapshot ??= shopCluster({ extra: [bareDebugPod, appConfig] }).toJSON();
  return restoreCluster(snapshot, { freeze: true });
}

/** A pod with no controller (drain refuses it without --force). */
export const bareDebugPod = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "debug", namespace: "shop", labels: { run: "debug" } },
  spec: { containers: [{ name: "sh", image: "busybox:1.36", command: ["sleep", "3600"] }] },
};

export const appConfig = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "app-config", namespace: "shop" }, data: { LOG_LEVEL: "info" } };
