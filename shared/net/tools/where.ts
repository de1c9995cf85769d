/** Shared pieces of the debug tools: where a command runs, its result, and the node it runs on. */
import type { Stored } from "../../k8s/kinds.ts";
import type { Pod } from "../../k8s/schema/pod.ts";
import type { Cluster } from "../../sim/cluster.ts";

export type Where = { pod: string } | { node: string };
export interface ToolResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}
export type NetTool = (cluster: Cluster, where: Where, argv: string[]) => ToolResult;

export const ok = (stdout: string): ToolResult => ({ stdout, stderr: "", exitCode: 0 });
export const fail = (stderr: string, exitCode = 1, stdout = ""): ToolResult => ({ stdout, stderr, exitCode });

export function podAt(cluster: Cluster, where: Where): Stored<Pod> | undefined {
  if (!("pod" in where)) return undefined;
  const [ns, name] = where.pod.split("/");
  return cluster.get("Pod", ns, name);
}

/** The node a command runs on: the node itself, or the pod's node (host-network pods see the node's stack). */
export function nodeOf(cluster: Cluster, where: Where): string | undefined {
  return "node" in where ? where.node : podAt(cluster, where)?.spec.nodeName;
}

/** A command run in a host-network pod sees the node's interfaces, routes and tables. */
export function seesNode(cluster: Cluster, where: Where): boolean {
  return "node" in where || !!podAt(cluster, where)?.spec.hostNetwork;
}

/** `traceRoute`'s name for where a command runs. */
export function traceFrom(where: Where): string {
  return "pod" in where ? where.pod : `node/${where.node}`;
}
