import { podExecTools } from "../net/all-tools.ts";
/**
 * The extension point for commands `kubectl exec` runs outside the container's own process
 * model — the network tools of the networking issue (curl, wget, nslookup, ping, ip route...).
 * A tool answers, or returns undefined to let the container's shell/process model answer.
 * Registration is this table (no module-level mutable state in shared/): add entries here.
 */
import type { Stored } from "../k8s/kinds.ts";
import type { Pod } from "../k8s/schema/pod.ts";
import type { Cluster } from "../sim/cluster.ts";

export interface ExecToolResult {
  /** stdout and stderr combined, as a terminal shows them. */
  output: string;
  exitCode: number;
}

export type ExecTool = (cluster: Cluster, pod: Stored<Pod>, container: string, argv: readonly string[]) => ExecToolResult | undefined;

/** Tools by executable name (`curl`), also matched for absolute paths (`/usr/bin/curl`). */
export const EXEC_TOOLS: Readonly<Record<string, ExecTool>> = { ...podExecTools };

export function execToolFor(argv0: string, extra?: Readonly<Record<string, ExecTool>>): ExecTool | undefined {
  const base = argv0.split("/").pop() ?? argv0;
  const table = { ...EXEC_TOOLS, ...(extra ?? {}) };
  return Object.prototype.hasOwnProperty.call(table, base) ? table[base] : undefined;
}
