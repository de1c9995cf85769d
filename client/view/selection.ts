/**
 * What can be selected on the map (for the inspector), in reading order, and how the keyboard
 * moves through it: gateways left to right, then each node followed by its pods.
 */
import type { MapLayout } from "./layout.ts";
import { UNSCHEDULED } from "./layout.ts";
import type { ClusterView } from "./types.ts";

export interface Target {
  /** `Pod:ns/name`, `Node:name`, `Service:ns/name`, `Ingress:ns/name`. */
  id: string;
  kind: "Pod" | "Node" | "Service" | "Ingress";
  namespace?: string;
  name: string;
}

export function targetId(kind: Target["kind"], key: string): string {
  return `${kind}:${key}`;
}

export function selectableTargets(view: ClusterView, layout: MapLayout): Target[] {
  const out: Target[] = view.services.map((s) => ({ id: targetId(s.kind, s.id), kind: s.kind, namespace: s.namespace, name: s.name }));
  const podsByPanel = new Map<string, Target[]>();
  for (const p of view.pods) {
    const panel = p.node && layout.panels.has(p.node) ? p.node : UNSCHEDULED;
    (podsByPanel.get(panel) ?? podsByPanel.set(panel, []).get(panel)!).push({ id: targetId("Pod", p.id), kind: "Pod", namespace: p.namespace, name: p.name });
  }
  for (const name of layout.panels.keys()) {
    if (name !== UNSCHEDULED) out.push({ id: targetId("Node", name), kind: "Node", name });
    out.push(...(podsByPanel.get(name) ?? []));
  }
  return out;
}

/** The target `delta` steps from `current` (wrapping); the first one when nothing is selected. */
export function stepSelection(targets: readonly Target[], current: string | undefined, delta: number): Target | undefined {
  if (targets.length === 0) return undefined;
  const i = current ? targets.findIndex((t) => t.id === current) : -1;
  if (i < 0) return delta >= 0 ? targets[0] : targets[targets.length - 1];
  return targets[(((i + delta) % targets.length) + targets.length) % targets.length];
}

/** The kubectl reference for a target (`pod/web-1 -n shop`), as the inspector runs it. */
export function kubectlRef(t: Target): string {
  const type = { Pod: "pod", Node: "node", Service: "service", Ingress: "ingress" }[t.kind];
  return `${type}/${t.name}${t.namespace ? ` -n ${t.namespace}` : ""}`;
}
