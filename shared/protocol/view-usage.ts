/**
 * Node memory/disk usage for the slim view's pressure bars, in whole MiB so the figures are
 * small integers on the wire and a node whose usage drifts by a few bytes does not patch.
 * Usage moves with time (process plans, growing logs), not with object writes, so the view
 * samples it every VIEW_USAGE_SAMPLE_MS of simulated time instead of on every call.
 */
import type { Cluster } from "../sim/cluster.ts";
import { podUsage } from "../sim/kubelet/usage.ts";
import { parseQuantityBytes } from "../k8s/quantity.ts";
import type { Node } from "../k8s/schema/node.ts";
import type { Stored } from "../k8s/kinds.ts";

/** How often (simulated ms) usage is re-read for a cluster whose objects did not change. */
export const VIEW_USAGE_SAMPLE_MS = 5_000;

const MI = 1024 * 1024;

/** Used memory/disk (capacity comes from the Node object, which the view reads on every write). */
export interface NodeUsageView {
  memoryUsedMi: number;
  diskUsedMi: number;
}

/** A quantity in whole MiB (0 when absent or unparsable). */
export function mebibytes(q: string | undefined): number {
  if (!q) return 0;
  const b = parseQuantityBytes(q);
  return Number.isFinite(b) ? Math.floor(b / MI) : 0;
}

/** What the kubelet would report: system daemons plus every pod still running on the node. */
export function nodeUsage(cluster: Cluster, node: Stored<Node>): NodeUsageView {
  const rt = cluster.state.nodes[node.metadata.name];
  let mem = rt?.systemMemoryBytes ?? 0;
  let disk = rt?.systemDiskBytes ?? 0;
  if (rt) {
    const keys = [...cluster.store.podKeysOnNode(node.metadata.name)].sort();
    for (const key of keys) {
      const p = cluster.store.get("Pod", key);
      if (!p || p.status?.phase === "Succeeded" || p.status?.phase === "Failed") continue;
      const u = podUsage(cluster.state, p, cluster.nowMs);
      mem += u.memoryBytes;
      disk += u.diskBytes;
    }
  }
  return { memoryUsedMi: Math.round(mem / MI), diskUsedMi: Math.round(disk / MI) };
}

/** Usage of every node, and a fingerprint to tell whether anything the map shows moved. */
export function usageOfNodes(cluster: Cluster, nodes: readonly Stored<Node>[]): { byNode: Map<string, NodeUsageView>; fingerprint: string } {
  const byNode = new Map<string, NodeUsageView>();
  const parts: string[] = [];
  for (const n of nodes) {
    const u = nodeUsage(cluster, n);
    byNode.set(n.metadata.name, u);
    parts.push(`${n.metadata.name}:${u.memoryUsedMi}:${u.diskUsedMi}`);
  }
  return { byNode, fingerprint: parts.join(",") };
}
