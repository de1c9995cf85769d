import type { Stored } from "../../shared/k8s/kinds.ts";
import type { EndpointSlice } from "../../shared/k8s/schema/service.ts";
import type { PodStatus } from "../../shared/k8s/schema/pod.ts";
import { createCluster, type Cluster } from "../../shared/sim/cluster.ts";

/**
 * Fixtures for the endpoints area. Pods are bound to nodes whose kubelet is stopped and get
 * their status written directly, so the tests pin exactly the pod states they describe no
 * matter what the kubelet does (keep scenarios well under the 40 s node grace period).
 */
export function endpointsCluster(opts: { nodes?: { name: string; zone?: string }[]; seed?: number } = {}): Cluster {
  const nodes = opts.nodes ?? [{ name: "node-a", zone: "zone-a" }, { name: "node-b" }];
  const c = createCluster({
    freeze: true,
    seed: opts.seed ?? 7,
    nodes: nodes.map((n) => ({ name: n.name, labels: n.zone ? { "topology.kubernetes.io/zone": n.zone } : ({} as Record<string, string>) })),
  });
  for (const n of nodes) c.setKubeletRunning(n.name, false);
  return c;
}

export interface PodOpts {
  labels?: Record<string, string>;
  node?: string;
  ip?: string;
  ready?: boolean;
  phase?: PodStatus["phase"];
  /** Container ports: name ⇒ containerPort. */
  ports?: Record<string, number>;
  namespace?: string;
}

export function addPod(c: Cluster, name: string, o: PodOpts = {}): void {
  const namespace = o.namespace ?? "default";
  const r = c.create({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace, labels: o.labels ?? { app: "web" } },
    spec: {
      nodeName: o.node ?? "node-a",
      containers: [{ name: "app", image: "nginx", ports: Object.entries(o.ports ?? {}).map(([n, p]) => ({ name: n, containerPort: p })) }],
    },
  });
  if (!r.ok) throw new Error(r.error.message);
  setPodStatus(c, `${namespace}/${name}`, o);
}

export function setPodStatus(c: Cluster, key: string, o: Pick<PodOpts, "ip" | "ready" | "phase">): void {
  const status: PodStatus = {
    phase: o.phase ?? "Running",
    ...(o.ip ? { podIP: o.ip, podIPs: [{ ip: o.ip }] } : {}),
    conditions: [{ type: "Ready", status: o.ready === false ? "False" : "True" }],
  };
  c.store.updateStatus("Pod", key, status);
}

export function relabelPod(c: Cluster, key: string, labels: Record<string, string>): void {
  const p = c.store.get("Pod", key)!;
  c.store.update("Pod", { ...p, metadata: { ...p.metadata, labels } });
}

export function service(name: string, selector: Record<string, string> | null, extra: Record<string, unknown> = {}, ports: unknown[] = [{ port: 80, targetPort: 8080 }]) {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace: "default" },
    spec: { ...(selector ? { selector } : {}), ports, ...extra },
  };
}

/** Apply a manifest and fail loudly if the API server refuses it. */
export function mustApply(c: Cluster, manifest: unknown): void {
  const r = c.apply(manifest);
  if (!r.ok) throw new Error(r.error.message);
}

export function slicesOf(c: Cluster, svc: string): Stored<EndpointSlice>[] {
  return c.list("EndpointSlice", { namespace: "default", labelSelector: `kubernetes.io/service-name=${svc}` });
}

/** `podName: ready/serving/terminating` for every endpoint of the Service, sorted. */
export function endpointConditions(c: Cluster, svc: string): string[] {
  return slicesOf(c, svc)
    .flatMap((s) => s.endpoints ?? [])
    .map((e) => `${e.targetRef!.name}: ${e.conditions!.ready}/${e.conditions!.serving}/${e.conditions!.terminating}`)
    .sort();
}
