import type { Pod } from "../../shared/k8s/schema/pod.ts";

/** newResourceList(cpu, memory, ephemeral) of helpers_test.go: empty strings leave the resource out. */
export function resources(cpu = "", memory = "", ephemeral = ""): Record<string, string> {
  const r: Record<string, string> = {};
  if (cpu) r.cpu = cpu;
  if (memory) r.memory = memory;
  if (ephemeral) r["ephemeral-storage"] = ephemeral;
  return r;
}

/** newPod(name, priority, [newContainer(name, requests, limits)]) of helpers_test.go. */
export function pod(name: string, priority: number | undefined, requests: Record<string, string> = {}, limits: Record<string, string> = {}, namespace = "default"): Pod {
  const res: { requests?: Record<string, string>; limits?: Record<string, string> } = {};
  if (Object.keys(requests).length) res.requests = requests;
  if (Object.keys(limits).length) res.limits = limits;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace },
    spec: {
      containers: [{ name, image: "nginx", ...(Object.keys(res).length ? { resources: res } : {}) }],
      ...(priority !== undefined ? { priority } : {}),
    },
  };
}

export const Mi = 1024 * 1024;
export const Gi = 1024 * Mi;

import type { Cluster } from "../../shared/sim/cluster.ts";
import { formatTimestamp } from "../../shared/k8s/time.ts";

/**
 * What a running kubelet does for the node controller: renew its heartbeat and post Ready True.
 * Done here so node-lifecycle scenarios hold whether or not the kubelet simulation posts status;
 * with the real kubelet it is a no-op repeat of what the kubelet already did.
 */
export function heartbeat(c: Cluster): void {
  const now = c.nowMs;
  for (const [name, rt] of Object.entries(c.state.nodes).sort(([a], [b]) => a.localeCompare(b))) {
    if (!rt.kubeletRunning) continue;
    rt.lastHeartbeatMs = now;
    const node = c.get("Node", undefined, name);
    if (!node) continue;
    const conditions = node.status?.conditions ?? [];
    if (conditions.some((x) => x.type === "Ready" && x.status === "True")) continue;
    const iso = formatTimestamp(now);
    const ready = { type: "Ready", status: "True" as const, lastHeartbeatTime: iso, lastTransitionTime: iso, reason: "KubeletReady", message: "kubelet is posting ready status" };
    c.store.updateStatus("Node", name, { ...node.status, conditions: [...conditions.filter((x) => x.type !== "Ready"), ready] });
  }
}

/** Advance `ms` of simulated time with running kubelets heartbeating every 10 s. */
export function advanceWithHeartbeats(c: Cluster, ms: number): void {
  let left = ms;
  while (left > 0) {
    heartbeat(c);
    const step = Math.min(10_000, left);
    c.advance(step);
    left -= step;
  }
  heartbeat(c);
}
