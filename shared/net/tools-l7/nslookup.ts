/**
 * nslookup (busybox 1.36 / bind style) through the pod's resolver:
 *   Server:		10.96.0.10
 *   Address:	10.96.0.10:53
 *
 *   Name:	web.default.svc.cluster.local
 *   Address: 10.96.12.5
 * NXDOMAIN: `** server can't find <name>: NXDOMAIN` for each name the search list tried;
 * CoreDNS unreachable: `;; connection timed out; no servers could be reached`.
 * `nslookup NAME SERVER` asks that server (cluster DNS answers only on the cluster nameserver).
 */
import type { Cluster } from "../../sim/cluster.ts";
import { resolveName } from "../dns/resolve.ts";
import type { ToolResult, Where } from "../tools/where.ts";

export function nslookupTool(cluster: Cluster, where: Where, argv: string[]): ToolResult {
  const args = argv.filter((a) => !a.startsWith("-"));
  const name = args[0];
  if (!name) return { stdout: "", stderr: "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n", exitCode: 1 };
  const r = resolveName(cluster, "pod" in where ? { pod: where.pod } : { node: where.node }, name);
  const server = args[1] ?? r.server;
  if ("error" in r && r.error === "timeout") return { stdout: ";; connection timed out; no servers could be reached\n\n", stderr: "", exitCode: 1 };
  const head = `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
  if ("error" in r) {
    return { stdout: head + r.tried.map((n) => `** server can't find ${n}: NXDOMAIN\n\n`).join(""), stderr: "", exitCode: 1 };
  }
  const lines: string[] = [];
  for (const a of r.answers) {
    if (a.type === "CNAME") lines.push(`${a.name}\tcanonical name = ${a.target}\n`);
    else lines.push(`Name:\t${a.name}\nAddress: ${a.ip}\n`);
  }
  return { stdout: head + lines.join("") + "\n", stderr: "", exitCode: 0 };
}
