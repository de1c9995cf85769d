/** The hover text for a map object: what `kubectl get` would say about it, in a few lines. */
import type { Target } from "./selection.ts";
import { podLook } from "./status.ts";
import type { ClusterView, ViewService } from "./types.ts";

export function tooltipText(t: Target, view: ClusterView): string {
  if (t.kind === "Pod") {
    const p = view.pods.find((x) => x.name === t.name && x.namespace === t.namespace);
    if (!p) return t.name;
    const look = podLook(p.status, p.ready);
    return `${p.namespace}/${p.name}\n${look.icon} ${p.status}  ready ${p.ready}  restarts ${p.restarts}${p.node ? `\non ${p.node}` : "\nnot scheduled"}`;
  }
  if (t.kind === "Node") {
    const n = view.nodes.find((x) => x.name === t.name);
    if (!n) return t.name;
    const pct = (u?: { usedBytes: number; capacityBytes: number }) => (u && u.capacityBytes > 0 ? `${Math.round((100 * u.usedBytes) / u.capacityBytes)}%` : "?");
    const usage = n.memory || n.disk ? `\nmemory ${pct(n.memory)} · disk ${pct(n.disk)}` : "";
    return `node ${n.name}\n${n.status}${n.problems.length ? `\n${n.problems.join(", ")}` : ""}${n.taints ? `\n${n.taints} taint(s)` : ""}${usage}`;
  }
  const s: ViewService | undefined = view.services.find((x) => x.name === t.name && x.namespace === t.namespace && x.kind === t.kind);
  if (!s) return t.name;
  if (s.kind === "Ingress") return `ingress ${s.namespace}/${s.name}\n→ ${(s.backends ?? []).join(", ") || "no backends"}`;
  const traffic = s.traffic ? `\n${s.traffic.requestsPerSec.toFixed(1)} req/s, ${(s.traffic.successRate * 100).toFixed(1)}% ok` : "";
  return `service ${s.namespace}/${s.name} (${s.type})\n${s.readyEndpoints} ready, ${s.notReadyEndpoints} not ready endpoint(s)${traffic}`;
}

