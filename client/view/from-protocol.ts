/**
 * Snapshot conversion: the protocol's slim view (shared/protocol/view.ts, what the room sends
 * and what solo mode computes) into the map's render model. Pure. Usage arrives in MiB (the
 * bars need no more); solo mode overwrites it with exact bytes and adds Ingresses (solo-view.ts).
 */
import type { ClusterViewData, LinkHealth, NodeView } from "../../shared/protocol/view.ts";
import type { ClusterView, LinkState, ViewNode } from "./types.ts";

const MI = 1024 * 1024;

/** Pressure bars in bytes; none when the sender did not know the capacity. */
function usageBars(n: NodeView): Pick<ViewNode, "memory" | "disk"> {
  return {
    ...(n.memoryCapacityMi > 0 ? { memory: { usedBytes: n.memoryUsedMi * MI, capacityBytes: n.memoryCapacityMi * MI } } : {}),
    ...(n.diskCapacityMi > 0 ? { disk: { usedBytes: n.diskUsedMi * MI, capacityBytes: n.diskCapacityMi * MI } } : {}),
  };
}

const LINK_STATE: Record<LinkHealth, LinkState> = { ok: "healthy", degraded: "degraded", down: "broken" };

/** `kubectl get nodes` STATUS from the Ready condition and spec.unschedulable. */
export function nodeStatusText(ready: string, unschedulable: boolean): string {
  const base = ready === "True" ? "Ready" : "NotReady";
  return unschedulable ? `${base},SchedulingDisabled` : base;
}

export function fromProtocolView(data: ClusterViewData, clock: { tick: number; elapsedMs: number }): ClusterView {
  const nodes: ViewNode[] = data.nodes.map((n) => ({
    name: n.name,
    ready: n.ready,
    status: nodeStatusText(n.ready, n.unschedulable),
    problems: n.conditions.filter((c) => c.type !== "Ready" && c.status === "True").map((c) => c.type),
    taints: n.taints,
    ...usageBars(n),
  }));
  return {
    tick: clock.tick,
    elapsedMs: clock.elapsedMs,
    nodes: [...nodes].sort((a, b) => a.name.localeCompare(b.name)),
    pods: data.pods
      .map((p) => ({
        id: p.key,
        namespace: p.namespace,
        name: p.name,
        ...(p.node ? { node: p.node } : {}),
        status: p.status,
        ready: p.ready,
        restarts: p.restarts,
        ...(p.owner ? { owner: p.owner } : {}),
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    services: data.services
      .filter((s) => !(s.namespace === "default" && s.name === "kubernetes"))
      .map((s) => ({
        id: s.key,
        namespace: s.namespace,
        name: s.name,
        type: s.type,
        kind: "Service" as const,
        readyEndpoints: s.readyEndpoints,
        notReadyEndpoints: s.notReadyEndpoints,
        endpoints: s.endpoints.map((e) => ({ pod: e.pod, ready: e.ready })),
        ...(s.traffic ? { traffic: { requestsPerSec: s.traffic.requestsPerSec, successRate: s.traffic.successRate, reasons: { ...s.traffic.reasons } } } : {}),
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    links: data.links.map((l) => ({ from: l.from, to: l.to, state: LINK_STATE[l.health], ...(l.reason ? { detail: l.reason } : {}) })),
    ...(data.traffic
      ? { slo: { target: data.traffic.sloTarget, budgetRemaining: data.traffic.budgetRemaining, successRate: data.traffic.successRate, requestsPerSec: data.traffic.requestsPerSec } }
      : {}),
  };
}
