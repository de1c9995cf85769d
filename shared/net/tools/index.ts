/**
 * The network debug tools, by command name: each `(cluster, where, argv) => { stdout, stderr,
 * exitCode }`, for `kubectl exec` (where = { pod }) and `kubectl debug node/…` (where = { node }).
 * `netExecTools` adapts them to kubectl's exec-tool table (shared/kubectl/exec-tools.ts).
 */
import type { Stored } from "../../k8s/kinds.ts";
import type { Pod } from "../../k8s/schema/pod.ts";
import type { Cluster } from "../../sim/cluster.ts";
import { bridgeTool, ipTool } from "./ip.ts";
import { ncTool, pingTool } from "./probe.ts";
import { iptablesSaveTool, iptablesTool, ssTool } from "./tables.ts";
import type { NetTool } from "./where.ts";

export type { NetTool, ToolResult, Where } from "./where.ts";
export { firewallRules } from "./tables.ts";

export const NET_TOOLS: Readonly<Record<string, NetTool>> = {
  ip: ipTool,
  bridge: bridgeTool,
  "iptables-save": iptablesSaveTool,
  iptables: iptablesTool,
  ping: pingTool,
  nc: ncTool,
  ss: ssTool,
};

/** NET_TOOLS in the shape of kubectl's ExecTool (stdout and stderr combined). */
export const netExecTools: Readonly<Record<string, (cluster: Cluster, pod: Stored<Pod>, container: string, argv: readonly string[]) => { output: string; exitCode: number }>> =
  Object.fromEntries(Object.entries(NET_TOOLS).map(([name, tool]) => [name, (cluster: Cluster, pod: Stored<Pod>, _container: string, argv: readonly string[]) => {
    const r = tool(cluster, { pod: `${pod.metadata.namespace ?? "default"}/${pod.metadata.name}` }, [...argv]);
    return { output: r.stdout + r.stderr, exitCode: r.exitCode };
  }]));
