/**
 * busybox wget, as `wget -qO- URL` and friends print:
 *   wget: bad address 'checkout'
 *   wget: can't connect to remote host (10.96.12.5): Connection refused
 *   wget: can't connect to remote host (10.96.12.5): Connection timed out
 *   wget: download timed out                       (-T N, or a response that never comes)
 *   wget: server returned error: HTTP/1.1 503 Service Temporarily Unavailable
 * Flags: -q, -O FILE / -O- (stdout), -T SEC, --header 'Host: x', -S (server headers).
 */
import type { Cluster } from "../../sim/cluster.ts";
import type { ToolResult, Where } from "../tools/where.ts";
import { parseUrl, reasonPhrase, requestOnce, waitsForTimeout } from "./request-once.ts";

export function wgetTool(cluster: Cluster, where: Where, argv: string[]): ToolResult {
  let quiet = false;
  let output: string | undefined;
  let timeoutSec: number | undefined;
  let host: string | undefined;
  let target: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    if (x === "-O") output = argv[++i];
    else if (x.startsWith("-O")) output = x.slice(2);
    else if (x === "-T") timeoutSec = Number(argv[++i]);
    else if (x === "--header") {
      const m = /^host:\s*(.+)$/i.exec(argv[++i] ?? "");
      if (m) host = m[1].trim();
    } else if (/^-[qS]+$/.test(x)) quiet ||= x.includes("q");
    else if (/^-[qS]*O/.test(x)) {
      quiet ||= x.includes("q");
      const rest = x.slice(x.indexOf("O") + 1);
      output = rest !== "" ? rest : argv[++i];
    } else if (x.startsWith("-")) return { stdout: "", stderr: `wget: unrecognized option '${x.replace(/^-+/, "")}'\nBusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n`, exitCode: 1 };
    else target = x;
  }
  if (!target) return { stdout: "", stderr: "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n", exitCode: 1 };
  const url = parseUrl(target);
  if (!url) return { stdout: "", stderr: `wget: bad address '${target}'\n`, exitCode: 1 };
  const o = requestOnce(cluster, where, url, host, `wget ${argv.join(" ")}`);
  const err: string[] = [];
  const done = (line: string): ToolResult => ({ stdout: "", stderr: err.join("") + line, exitCode: 1 });
  if ("error" in o || o.reason === "NXDOMAIN" || o.reason === "DNS timeout") return done(`wget: bad address '${url.host}'\n`);
  const ip = o.connectIP ?? url.host;
  if (!quiet) err.push(`Connecting to ${url.host}${url.port === 80 ? "" : `:${url.port}`} (${ip}:${url.port})\n`);
  const wait = waitsForTimeout(o);
  if (wait === "connect") return done(timeoutSec !== undefined ? "wget: download timed out\n" : `wget: can't connect to remote host (${ip}): Connection timed out\n`);
  if (o.status === undefined && (o.reason === "connection refused" || o.reason === "no route to host")) {
    return done(`wget: can't connect to remote host (${ip}): ${o.reason === "connection refused" ? "Connection refused" : "No route to host"}\n`);
  }
  if (wait === "response") return done("wget: download timed out\n");
  const status = o.status ?? 200;
  const body = o.body ?? "";
  if (status >= 400) return done(`wget: server returned error: HTTP/1.1 ${status} ${reasonPhrase(status, body)}\n`);
  if (output === "-") {
    if (!quiet) err.push("writing to stdout\n");
    return { stdout: body, stderr: err.join("") + (quiet ? "" : "written to stdout\n"), exitCode: 0 };
  }
  const file = output ?? (url.path.split("/").pop() || "index.html");
  if (!quiet) err.push(`saving to '${file}'\n'${file}' saved\n`);
  return { stdout: "", stderr: err.join(""), exitCode: 0 };
}
