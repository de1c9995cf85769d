/**
 * curl (8.x) as the model answers it: the body on stdout, and curl's own error lines:
 *   curl: (6) Could not resolve host: checkout
 *   curl: (7) Failed to connect to web port 80 after 3 ms: Couldn't connect to server
 *   curl: (28) Connection timed out after 5001 milliseconds            (with -m 5, no answer to the SYN)
 *   curl: (28) Operation timed out after 5001 milliseconds with 0 bytes received   (the response never comes)
 *   curl: (28) Failed to connect to web port 80 after 129985 ms: Couldn't connect to server   (no -m: the kernel gives up)
 *   curl: (22) The requested URL returned error: 503                  (with -f)
 * Flags: -v, -s, -S, -f, -m/--max-time N, --connect-timeout N, -H 'Host: x', -I (HEAD), -o FILE (discarded).
 *
 * Simplification: without -m, a response that never comes is reported after 300 s as if
 * `-m 300` had been given (a real curl would wait until interrupted).
 */
import type { Cluster } from "../../sim/cluster.ts";
import type { ToolResult, Where } from "../tools/where.ts";
import { parseUrl, reasonPhrase, requestOnce, waitsForTimeout } from "./request-once.ts";

/** Linux gives up a connect after tcp_syn_retries=6: about 127 s, which curl reports as ~130 s. */
const KERNEL_CONNECT_TIMEOUT_MS = 129_985;

interface CurlArgs {
  verbose: boolean;
  silent: boolean;
  showError: boolean;
  fail: boolean;
  head: boolean;
  maxTimeMs?: number;
  connectTimeoutMs?: number;
  host?: string;
  url?: string;
}

function parseArgs(argv: string[]): CurlArgs | { error: string } {
  const a: CurlArgs = { verbose: false, silent: false, showError: false, fail: false, head: false };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    const num = () => Number(argv[++i]);
    if (x === "-m" || x === "--max-time") a.maxTimeMs = num() * 1000;
    else if (x === "--connect-timeout") a.connectTimeoutMs = num() * 1000;
    else if (x === "-H" || x === "--header") {
      const h = argv[++i] ?? "";
      const m = /^host:\s*(.+)$/i.exec(h);
      if (m) a.host = m[1].trim();
    } else if (x === "-o" || x === "--output") i++;
    else if (x === "--verbose") a.verbose = true;
    else if (x === "--silent") a.silent = true;
    else if (x === "--fail") a.fail = true;
    else if (x === "--head") a.head = true;
    else if (/^-[a-zA-Z]+$/.test(x)) {
      for (const f of x.slice(1)) {
        if (f === "v") a.verbose = true;
        else if (f === "s") a.silent = true;
        else if (f === "S") a.showError = true;
        else if (f === "f") a.fail = true;
        else if (f === "I") a.head = true;
        else if (f === "k" || f === "L") continue;
        else return { error: `curl: option -${f}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n` };
      }
    } else if (x.startsWith("-")) return { error: `curl: option ${x}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n` };
    else a.url = x;
  }
  return a;
}

export function curlTool(cluster: Cluster, where: Where, argv: string[]): ToolResult {
  const a = parseArgs(argv);
  if ("error" in a) return { stdout: "", stderr: a.error, exitCode: 2 };
  if (!a.url) return { stdout: "", stderr: "curl: no URL specified\ncurl: try 'curl --help' or 'curl --manual' for more information\n", exitCode: 2 };
  const url = parseUrl(a.url);
  if (!url) return { stdout: "", stderr: "curl: (3) URL rejected: Bad hostname\n", exitCode: 3 };
  const o = requestOnce(cluster, where, url, a.host, `curl ${argv.join(" ")}`);
  const err: string[] = [];
  const quietErrors = a.silent && !a.showError;
  const failWith = (code: number, line: string): ToolResult => {
    if (!quietErrors) err.push(`curl: (${code}) ${line}\n`);
    return { stdout: "", stderr: err.join(""), exitCode: code };
  };
  if ("error" in o) return failWith(7, `Failed to connect to ${url.host} port ${url.port} after 0 ms: Couldn't connect to server`);
  if (o.reason === "NXDOMAIN" || o.reason === "DNS timeout") {
    if (a.verbose) err.push(`* Could not resolve host: ${url.host}\n* Closing connection\n`);
    return failWith(6, `Could not resolve host: ${url.host}`);
  }
  const ip = o.connectIP ?? url.host;
  if (a.verbose) err.push(`* Host ${url.host}:${url.port} was resolved.\n* IPv6: (none)\n* IPv4: ${ip}\n*   Trying ${ip}:${url.port}...\n`);
  const wait = waitsForTimeout(o);
  if (wait === "connect") {
    const limit = Math.min(a.maxTimeMs ?? Infinity, a.connectTimeoutMs ?? Infinity);
    if (Number.isFinite(limit)) return failWith(28, `Connection timed out after ${limit + 1} milliseconds`);
    return failWith(28, `Failed to connect to ${url.host} port ${url.port} after ${KERNEL_CONNECT_TIMEOUT_MS} ms: Couldn't connect to server`);
  }
  if (o.reason === "connection refused" && o.status === undefined) {
    return failWith(7, `Failed to connect to ${url.host} port ${url.port} after ${Math.max(0, Math.round(o.latencyMs))} ms: Couldn't connect to server`);
  }
  if (o.reason === "no route to host" && o.status === undefined) {
    return failWith(7, `Failed to connect to ${url.host} port ${url.port} after ${Math.max(1, Math.round(o.latencyMs))} ms: Couldn't connect to server`);
  }
  if (a.verbose) {
    err.push(`* Connected to ${url.host} (${ip}) port ${url.port}\n`);
    err.push(`> ${a.head ? "HEAD" : "GET"} ${url.path} HTTP/1.1\n> Host: ${a.host ?? (url.port === 80 ? url.host : `${url.host}:${url.port}`)}\n> User-Agent: curl/8.5.0\n> Accept: */*\n>\n`);
  }
  if (wait === "response") {
    if (a.verbose) err.push("* Request completely sent off\n");
    return failWith(28, `Operation timed out after ${(a.maxTimeMs ?? 300_000) + 1} milliseconds with 0 bytes received`);
  }
  const status = o.status ?? 200;
  const body = o.body ?? "";
  if (a.verbose) err.push(`< HTTP/1.1 ${status} ${reasonPhrase(status, body)}\n< Content-Length: ${body.length}\n<\n`);
  if (a.fail && status >= 400) {
    if (a.verbose) err.push(`* The requested URL returned error: ${status}\n* Closing connection\n`);
    return failWith(22, `The requested URL returned error: ${status}`);
  }
  if (a.verbose) err.push(`* Connection #0 to host ${url.host} left intact\n`);
  const head = a.head ? `HTTP/1.1 ${status} ${reasonPhrase(status, body)}\r\nContent-Length: ${body.length}\r\n\r\n` : "";
  return { stdout: a.head ? head : body, stderr: err.join(""), exitCode: 0 };
}
