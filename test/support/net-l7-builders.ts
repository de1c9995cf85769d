import type { Stored } from "../../shared/k8s/kinds.ts";
import type { NetworkPolicy } from "../../shared/k8s/schema/networking.ts";
import type { PodStatus } from "../../shared/k8s/schema/pod.ts";
import { createCluster, type Cluster } from "../../shared/sim/cluster.ts";
import type { NetworkInit } from "../../shared/net/state.ts";

/**
 * Fixtures for the layers above the packet path (DNS, Ingress, NetworkPolicy, traffic).
 * "Static" worlds pin pod states by writing status directly on nodes whose kubelet is stopped,
 * so pure-function tests do not depend on the kubelet's timing.
 */
export function staticWorld(opts: { plugin?: "flannel" | "calico"; nodes?: string[]; network?: NetworkInit } = {}): Cluster {
  const nodes = opts.nodes ?? ["node-a", "node-b"];
  const c = createCluster({
    freeze: true,
    seed: 11,
    nodes: nodes.map((name) => ({ name })),
    network: { ...(opts.network ?? {}), cni: { ...(opts.network?.cni ?? {}), plugin: opts.plugin ?? "calico" } },
  });
  for (const n of nodes) c.setKubeletRunning(n, false);
  return c;
}

export function addNamespace(c: Cluster, name: string, labels: Record<string, string> = {}): void {
  must(c.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name, labels } }));
}

export interface StaticPod {
  namespace?: string;
  labels?: Record<string, string>;
  node?: string;
  ip: string;
  ready?: boolean;
  /** Container ports: name ⇒ number ("" for an unnamed port). */
  ports?: Record<string, number>;
  hostname?: string;
  subdomain?: string;
  hostNetwork?: boolean;
  dnsPolicy?: "ClusterFirst" | "ClusterFirstWithHostNet" | "Default" | "None";
}

export function addStaticPod(c: Cluster, name: string, o: StaticPod): string {
  const namespace = o.namespace ?? "default";
  must(
    c.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name, namespace, labels: o.labels ?? { app: name } },
      spec: {
        nodeName: o.node ?? "node-a",
        ...(o.hostname ? { hostname: o.hostname } : {}),
        ...(o.subdomain ? { subdomain: o.subdomain } : {}),
        ...(o.hostNetwork ? { hostNetwork: true } : {}),
        ...(o.dnsPolicy ? { dnsPolicy: o.dnsPolicy } : {}),
        containers: [
          {
            name: "app",
            image: "nginx:1.25",
            ports: Object.entries(o.ports ?? {}).map(([n, p]) => ({ ...(n ? { name: n } : {}), containerPort: p })),
          },
        ],
      },
    }),
  );
  const status: PodStatus = {
    phase: "Running",
    podIP: o.ip,
    podIPs: [{ ip: o.ip }],
    conditions: [{ type: "Ready", status: o.ready === false ? "False" : "True" }],
  };
  const key = `${namespace}/${name}`;
  c.store.updateStatus("Pod", key, status);
  return key;
}

export function addPolicy(c: Cluster, namespace: string, name: string, spec: NetworkPolicy["spec"]): Stored<NetworkPolicy> {
  return must(c.create({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name, namespace }, spec })) as Stored<NetworkPolicy>;
}

export function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

import type { ClusterInit } from "../../shared/sim/cluster.ts";
import { configureL7, type L7Init } from "../../shared/net/traffic/l7-state.ts";

/** A cluster with the L7 settings (load-balancer pool, upstream DNS) applied before `objects`. */
export function l7Cluster(init: ClusterInit & { l7?: L7Init }): Cluster {
  const { objects, l7, ...rest } = init;
  const c = createCluster({ freeze: true, ...rest });
  if (l7) configureL7(c.state, l7);
  for (const o of objects ?? []) must(c.apply(o));
  return c;
}

export function deployment(name: string, o: { namespace?: string; image?: string; replicas?: number; port?: number; labels?: Record<string, string> } = {}): object {
  const labels = o.labels ?? { app: name };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: o.namespace ?? "default" },
    spec: {
      replicas: o.replicas ?? 2,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: name, image: o.image ?? "nginx:1.25", ports: [{ containerPort: o.port ?? 80 }] }] } },
    },
  };
}

export function service(name: string, o: { namespace?: string; selector?: Record<string, string>; port?: number; targetPort?: number | string; type?: "ClusterIP" | "NodePort" | "LoadBalancer"; nodePort?: number } = {}): object {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace: o.namespace ?? "default" },
    spec: {
      ...(o.type ? { type: o.type } : {}),
      selector: o.selector ?? { app: name },
      ports: [{ port: o.port ?? 80, targetPort: o.targetPort ?? 80, ...(o.nodePort ? { nodePort: o.nodePort } : {}) }],
    },
  };
}
