/**
 * Solo mode's view: the protocol's `clusterView(cluster)` (the same projection the server
 * sends), plus what only a local simulator can afford to add: node memory/disk usage, the
 * pods behind each Service, Ingresses and per-Service traffic. It only reads (kubectl's data,
 * the kubelet's usage model, cached data-plane verdicts): watching never changes the game.
 */
import type { Cluster, Ingress, Service, Stored } from "../../shared/index.ts";
import { parseQuantityBytes } from "../../shared/index.ts";
import { clusterView } from "../../shared/protocol/view.ts";
import { podUsage } from "../../shared/sim/kubelet/usage.ts";
import { trafficStats } from "../../shared/net/traffic/stats.ts";
import { readL7 } from "../../shared/net/traffic/l7-state.ts";
import { fromProtocolView } from "./from-protocol.ts";
import type { ClusterView, ViewEndpoint, ViewService } from "./types.ts";

const SERVICE_NAME_LABEL = "kubernetes.io/service-name";

function bytesOf(q: string | undefined): number {
  if (!q) return 0;
  const r = parseQuantityBytes(q);
  return typeof r === "number" && Number.isFinite(r) ? r : 0;
}

function serviceEndpoints(cluster: Cluster, svc: Stored<Service>): ViewEndpoint[] {
  const ns = svc.metadata.namespace ?? "default";
  const out: ViewEndpoint[] = [];
  for (const slice of cluster.store.list("EndpointSlice", ns)) {
    if (slice.metadata.labels?.[SERVICE_NAME_LABEL] !== svc.metadata.name) continue;
    for (const ep of slice.endpoints ?? []) {
      if (ep.targetRef?.kind !== "Pod") continue;
      out.push({ pod: `${ep.targetRef.namespace ?? ns}/${ep.targetRef.name}`, ready: ep.conditions?.ready !== false });
    }
  }
  return out.sort((a, b) => a.pod.localeCompare(b.pod));
}

export function ingressBackends(ing: Pick<Ingress, "metadata" | "spec">): string[] {
  const ns = ing.metadata.namespace ?? "default";
  const names = new Set<string>();
  const def = ing.spec?.defaultBackend?.service?.name;
  if (def) names.add(`${ns}/${def}`);
  for (const rule of ing.spec?.rules ?? []) for (const p of rule.http?.paths ?? []) if (p.backend?.service?.name) names.add(`${ns}/${p.backend.service.name}`);
  return [...names].sort();
}

function addUsage(c: Cluster, view: ClusterView): void {
  for (const n of view.nodes) {
    const node = c.store.get("Node", n.name);
    const rt = c.state.nodes[n.name];
    if (!node || !rt) continue;
    let mem = rt.systemMemoryBytes;
    let disk = rt.systemDiskBytes;
    for (const key of c.store.podKeysOnNode(n.name)) {
      const p = c.store.get("Pod", key);
      if (!p || p.status?.phase === "Succeeded" || p.status?.phase === "Failed") continue;
      const u = podUsage(c.state, p, c.nowMs);
      mem += u.memoryBytes;
      disk += u.diskBytes;
    }
    n.memory = { usedBytes: mem, capacityBytes: bytesOf(node.status?.capacity?.memory) };
    n.disk = { usedBytes: disk, capacityBytes: bytesOf(node.status?.capacity?.["ephemeral-storage"]) };
  }
}

export function soloView(c: Cluster): ClusterView {
  const view = fromProtocolView(clusterView(c), { tick: c.tickCount, elapsedMs: c.elapsedMs });
  addUsage(c, view);
  const stats = readL7(c.state).traffic ? trafficStats(c) : undefined;
  const services: ViewService[] = view.services.map((s) => {
    const svc = c.store.get("Service", s.id);
    const t = stats?.services[s.id];
    return {
      ...s,
      ...(svc ? { endpoints: serviceEndpoints(c, svc) } : {}),
      ...(t && t.total > 0 ? { traffic: { requestsPerSec: t.requestsPerSec, successRate: t.successRate, reasons: t.reasons } } : {}),
    };
  });
  for (const ing of c.store.list("Ingress")) {
    const ns = ing.metadata.namespace ?? "default";
    services.push({ id: `${ns}/${ing.metadata.name}`, namespace: ns, name: ing.metadata.name, kind: "Ingress", type: "Ingress", readyEndpoints: 0, notReadyEndpoints: 0, backends: ingressBackends(ing) });
  }
  view.services = services.sort((a, b) => a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
  return view;
}
