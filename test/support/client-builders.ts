/** Fixtures for the client's view tests: slim views and level sessions. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadLevel } from "../../shared/levels/loader.ts";
import type { Level } from "../../shared/levels/schema.ts";
import type { ClusterView, ViewNode, ViewPod, ViewService } from "../../client/view/types.ts";

export function viewNode(name: string, extra: Partial<ViewNode> = {}): ViewNode {
  return { name, ready: "True", status: "Ready", problems: [], taints: 0, ...extra };
}

export function viewPod(id: string, node: string | undefined, status = "Running", ready = "1/1"): ViewPod {
  const [namespace, name] = id.split("/");
  return { id, namespace, name, ...(node ? { node } : {}), status, ready, restarts: 0 };
}

export function viewService(id: string, endpoints: { pod: string; ready: boolean }[] = [], extra: Partial<ViewService> = {}): ViewService {
  const [namespace, name] = id.split("/");
  return {
    id, namespace, name, type: "ClusterIP", kind: "Service",
    readyEndpoints: endpoints.filter((e) => e.ready).length, notReadyEndpoints: endpoints.filter((e) => !e.ready).length,
    endpoints, ...extra,
  };
}

export function clusterViewOf(parts: Partial<ClusterView>): ClusterView {
  return { tick: 0, elapsedMs: 0, nodes: [], pods: [], services: [], links: [], ...parts };
}

/** `n` nodes with `podsPerNode` pods each (the 20 × 20 performance case). */
export function bigView(nodes: number, podsPerNode: number): ClusterView {
  const ns = Array.from({ length: nodes }, (_, i) => viewNode(`node-${String(i + 1).padStart(2, "0")}`));
  const pods = ns.flatMap((n) => Array.from({ length: podsPerNode }, (_, j) => viewPod(`default/web-${n.name}-${j}`, n.name)));
  return clusterViewOf({ nodes: ns, pods });
}

export function bundledLevel(id: string): Level {
  const r = loadLevel(readFileSync(join(import.meta.dirname, "..", "..", "levels", `${id}.yaml`), "utf8"), `${id}.yaml`);
  if (!r.ok) throw new Error(`level ${id} does not load`);
  return r.value;
}
