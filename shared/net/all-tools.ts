/**
 * Every network tool a player can run, by command name: the data plane's (ip, bridge,
 * iptables-save, ping, nc, ss) and the application layer's (curl, wget, nslookup, dig).
 * kubectl exec runs them in a pod's network namespace, kubectl debug node/… on a node's.
 */
import type { Stored } from "../k8s/kinds.ts";
import type { Pod } from "../k8s/schema/pod.ts";
import type { Cluster } from "../sim/cluster.ts";
import { NET_TOOLS, type NetTool } from "./tools/index.ts";
import { L7_TOOLS } from "./tools-l7/index.ts";

export const ALL_NET_TOOLS: Readonly<Record<string, NetTool>> = { ...NET_TOOLS, ...L7_TOOLS };

export type PodExecTool = (cluster: Cluster, pod: Stored<Pod>, container: string, argv: readonly string[]) => { output: string; exitCode: number };

/** ALL_NET_TOOLS in the shape of kubectl's exec-tool table (stdout and stderr combined, as a terminal shows them). */
export const podExecTools: Readonly<Record<string, PodExecTool>> = Object.fromEntries(
  Object.entries(ALL_NET_TOOLS).map(([name, tool]) => [
    name,
    (cluster: Cluster, pod: Stored<Pod>, _container: string, argv: readonly string[]) => {
      const r = tool(cluster, { pod: `${pod.metadata.namespace ?? "default"}/${pod.metadata.name}` }, [...argv]);
      return { output: r.stdout + r.stderr, exitCode: r.exitCode };
    },
  ]),
);
