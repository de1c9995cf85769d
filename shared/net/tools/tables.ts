/** `iptables-save`, `iptables -S` (the host firewall + kube-proxy filter chains) and `ss -ltn`. */
import type { Cluster } from "../../sim/cluster.ts";
import { podListening } from "../addresses.ts";
import { proxyTableOn } from "../kube-proxy/programmed.ts";
import { renderIptablesSave } from "../kube-proxy/iptables-save.ts";
import { describeRule } from "../underlay.ts";
import { fail, nodeOf, ok, podAt, seesNode, type ToolResult, type Where } from "./where.ts";

/** The host firewall's rules of a node, as `iptables -S INPUT` lines. */
export function firewallRules(cluster: Cluster, node: string): string[] {
  return cluster.state.network.firewall.filter((r) => r.node === undefined || r.node === node).map(describeRule);
}

export function iptablesSaveTool(cluster: Cluster, where: Where, argv: string[]): ToolResult {
  const node = nodeOf(cluster, where);
  if (!node) return fail("iptables-save: node not found\n");
  if (!seesNode(cluster, where)) return fail(`iptables-save v1.8.7 (legacy): Cannot initialize: Permission denied (you must be root)\n`, 1);
  const t = argv.indexOf("-t");
  const tables = t >= 0 ? [argv[t + 1]] : ["filter", "nat"];
  const out: string[] = [];
  for (const name of tables) {
    if (name !== "nat" && name !== "filter") return fail(`iptables-save v1.8.7 (legacy): Cannot initialize: Table does not exist (do you need to insmod?)\n`);
    let text = renderIptablesSave(proxyTableOn(cluster.state, cluster.store, node), { nodeName: node, clusterCIDR: cluster.state.config.clusterCIDR, nowMs: cluster.nowMs, table: name });
    if (name === "filter") {
      const fw = firewallRules(cluster, node);
      if (fw.length) text = text.replace(/(\n-A INPUT )/, `\n${fw.join("\n")}$1`);
    }
    out.push(text);
  }
  return ok(out.join(""));
}

/** `iptables -S [chain]` / `iptables -t nat -S`: the same rules in `-S` form. */
export function iptablesTool(cluster: Cluster, where: Where, argv: string[]): ToolResult {
  if (!argv.includes("-S") && !argv.includes("--list-rules")) return fail("iptables: only -S (list rules) is simulated\n", 2);
  const t = argv.indexOf("-t");
  const table = t >= 0 ? argv[t + 1] : "filter";
  const saved = iptablesSaveTool(cluster, where, ["iptables-save", "-t", table]);
  if (saved.exitCode !== 0) return saved;
  const chain = argv.slice(1).find((a, i, all) => !a.startsWith("-") && all[i - 1] !== "-t");
  const lines = saved.stdout.split("\n").filter((l) => l.startsWith(":") || l.startsWith("-A "));
  const out = lines
    .map((l) => (l.startsWith(":") ? (/ACCEPT/.test(l) ? `-P ${l.slice(1).split(" ")[0]} ACCEPT` : `-N ${l.slice(1).split(" ")[0]}`) : l))
    .filter((l) => !chain || l.split(" ")[1] === chain);
  return ok(out.map((l) => `${l}\n`).join(""));
}

/** `ss -ltn`: listening TCP sockets in the pod (all its containers share the network namespace). */
export function ssTool(cluster: Cluster, where: Where, _argv: string[]): ToolResult {
  const pod = podAt(cluster, where);
  const header = "State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess\n";
  if (!pod) return ok(header + "LISTEN 0      4096         0.0.0.0:10250      0.0.0.0:*          \nLISTEN 0      128          0.0.0.0:22         0.0.0.0:*          \n");
  const ports = new Set<number>();
  for (const c of pod.spec.containers) for (const p of c.ports ?? []) ports.add(p.containerPort);
  const candidates = [...new Set([...ports, 53, 80, 443, 5432, 6379, 8080, 8181, 8443, 9090, 9153, 3000, 5000, 8000])].sort((a, b) => a - b);
  const lines = candidates.filter((p) => podListening(cluster.state, pod, p, cluster.nowMs).listening)
    .map((p) => `LISTEN 0      511    ${`0.0.0.0:${p}`.padStart(14)}      0.0.0.0:*          `);
  return ok(header + lines.map((l) => `${l}\n`).join(""));
}
