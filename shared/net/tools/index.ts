/**
 * The network debug tools, by command name: each `(cluster, where, argv) => { stdout, stderr,
 * exitCode }`, for `kubectl exec` (where = { pod }) and `kubectl debug node/…` (where = { node }).
 * ../all-tools.ts adds the application-layer tools and adapts them to kubectl's exec-tool table.
 */
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
