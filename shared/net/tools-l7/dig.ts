/**
 * dig (bind 9.18). dig does not use the search list (+nosearch is its default): a short name is
 * asked as is, so `dig web` is NXDOMAIN where `nslookup web` works — a classic confusion.
 * `+short` prints only the data; `+search` applies resolv.conf's search list.
 * CoreDNS unreachable: `;; communications error to 10.96.0.10#53: timed out` (three tries),
 * then `;; no servers could be reached`, exit status 9.
 */
import type { Cluster } from "../../sim/cluster.ts";
import { hashString } from "../../util/canonical.ts";
import { resolveName } from "../dns/resolve.ts";
import type { DnsAnswer } from "../dns/records.ts";
import type { ToolResult, Where } from "../tools/where.ts";

const VERSION = "9.18.28";

function rr(a: DnsAnswer): string {
  return a.type === "A" ? `${a.name}.\t\t${a.ttl}\tIN\tA\t${a.ip}` : `${a.name}.\t\t${a.ttl}\tIN\tCNAME\t${a.target}.`;
}

export function digTool(cluster: Cluster, where: Where, argv: string[]): ToolResult {
  const short = argv.includes("+short");
  const search = argv.includes("+search");
  const name = argv.find((a) => !a.startsWith("+") && !a.startsWith("-") && !a.startsWith("@") && a !== "A" && a !== "IN");
  if (!name) return { stdout: "", stderr: "", exitCode: 0 };
  const query = search || name.endsWith(".") ? name : `${name}.`;
  const r = resolveName(cluster, "pod" in where ? { pod: where.pod } : { node: where.node }, query);
  const server = r.server;
  const banner = `\n; <<>> DiG ${VERSION} <<>> ${argv.join(" ")}\n;; global options: +cmd\n`;
  if ("error" in r && r.error === "timeout") {
    const comm = `;; communications error to ${server}#53: timed out\n`.repeat(3);
    return { stdout: short ? comm + ";; no servers could be reached\n" : comm + banner + ";; no servers could be reached\n", stderr: "", exitCode: 9 };
  }
  const answers = "error" in r ? [] : r.answers;
  if (short) return { stdout: answers.map((a) => (a.type === "A" ? a.ip : `${a.target}.`)).join("\n") + (answers.length ? "\n" : ""), stderr: "", exitCode: 0 };
  const qname = ("error" in r ? (search ? r.tried[r.tried.length - 1] : query.replace(/\.$/, "")) : r.name).toLowerCase();
  const id = parseInt(hashString(`${cluster.state.tick}|${qname}`).slice(0, 4), 16);
  const status = "error" in r ? "NXDOMAIN" : "NOERROR";
  const out = [
    banner.slice(1),
    ";; Got answer:\n",
    `;; ->>HEADER<<- opcode: QUERY, status: ${status}, id: ${id}\n`,
    `;; flags: qr aa rd; QUERY: 1, ANSWER: ${answers.length}, AUTHORITY: 0, ADDITIONAL: 1\n`,
    ";; WARNING: recursion requested but not available\n\n",
    ";; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 1232\n",
    `;; QUESTION SECTION:\n;${qname}.\t\tIN\tA\n\n`,
    answers.length ? `;; ANSWER SECTION:\n${answers.map(rr).join("\n")}\n\n` : "",
    ";; Query time: 0 msec\n",
    `;; SERVER: ${server}#53(${server}) (UDP)\n`,
  ];
  return { stdout: out.join(""), stderr: "", exitCode: 0 };
}
