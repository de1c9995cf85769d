import type { HttpOutcome } from "../http.ts";
import type { Command } from "./commands.ts";
import { err, out, setFile, type Io, type Sim } from "./sim.ts";

/**
 * wget (busybox), curl (Debian-based images) and nslookup. `localhost` is answered by the
 * container's own process; other hosts by the world's `remoteHttp`/`resolve` when the caller
 * supplies them (kubectl exec does; a plan computed at container start cannot).
 */
const LOCAL = new Set(["localhost", "127.0.0.1", "0.0.0.0", "[::1]"]);

function parseUrl(url: string): { host: string; port: number; path: string } | undefined {
  const m = /^(?:(https?):\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
  if (!m) return undefined;
  return { host: m[2], port: m[3] ? Number(m[3]) : m[1] === "https" ? 443 : 80, path: m[4] ?? "/" };
}

function fetch(sim: Sim, host: string, port: number, path: string): HttpOutcome | "unresolved" | "unknown" {
  if (LOCAL.has(host)) return sim.world.localHttp?.(port, path) ?? { kind: "refused" };
  const answer = sim.world.remoteHttp?.(host, port, path);
  if (answer) return answer;
  if (sim.world.remoteHttp && !sim.world.resolve?.(host) && !/^\d+\.\d+\.\d+\.\d+$/.test(host)) return "unresolved";
  /** Simplification: at container start the plan cannot see the cluster; remote requests are assumed to succeed silently. */
  return "unknown";
}

const REASONS: Record<number, string> = { 200: "OK", 301: "Moved Permanently", 302: "Found", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout" };

const wget: Command = (sim, args, io) => {
  const quiet = args.some((a) => /^-[a-zA-Z]*q/.test(a));
  const oIndex = args.findIndex((a) => a === "-O" || a.startsWith("-O"));
  const target = oIndex < 0 ? undefined : args[oIndex] === "-O" ? args[oIndex + 1] : args[oIndex].slice(2);
  const url = args.filter((a, i) => !a.startsWith("-") && !(oIndex >= 0 && args[oIndex] === "-O" && i === oIndex + 1)).pop();
  const u = url ? parseUrl(url) : undefined;
  if (!u) return err(sim, io, "wget: bad address ''\n"), 1;
  const res = fetch(sim, u.host, u.port, u.path);
  if (res === "unresolved") return err(sim, io, `wget: bad address '${u.host}'\n`), 1;
  if (!quiet) err(sim, io, `Connecting to ${u.host}${u.port === 80 ? "" : ":" + u.port} (${u.host}:${u.port})\n`);
  if (res === "unknown") return 0;
  if (res.kind === "refused") return err(sim, io, `wget: can't connect to remote host (${LOCAL.has(u.host) ? "127.0.0.1" : u.host}): Connection refused\n`), 1;
  if (res.status >= 400) return err(sim, io, `wget: server returned error: HTTP/1.1 ${res.status} ${REASONS[res.status] ?? ""}\n`), 1;
  sim.t += res.latencyMs;
  if (target === "-") out(sim, io, res.body);
  else {
    const file = target ?? (u.path.split("/").pop() || "index.html");
    setFile(sim, file.startsWith("/") ? file : "/" + file, res.body);
    if (!quiet) err(sim, io, `saving to '${file}'\n'${file}' saved\n`);
  }
  return 0;
};

const curl: Command = (sim, args, io) => {
  const flags = args.filter((a) => /^-[a-zA-Z]+$/.test(a)).join("");
  const url = args.filter((a) => !a.startsWith("-")).pop();
  const u = url ? parseUrl(url) : undefined;
  if (!u) return err(sim, io, "curl: (3) URL using bad/illegal format or missing URL\n"), 3;
  const silent = flags.includes("s") && !flags.includes("S");
  const res = fetch(sim, u.host, u.port, u.path);
  if (res === "unresolved") return silent ? 6 : (err(sim, io, `curl: (6) Could not resolve host: ${u.host}\n`), 6);
  if (res === "unknown") return 0;
  if (res.kind === "refused") {
    if (!silent) err(sim, io, `curl: (7) Failed to connect to ${u.host} port ${u.port} after 0 ms: Couldn't connect to server\n`);
    return 7;
  }
  sim.t += res.latencyMs;
  if (flags.includes("f") && res.status >= 400) {
    if (!silent) err(sim, io, `curl: (22) The requested URL returned error: ${res.status}\n`);
    return 22;
  }
  out(sim, io, res.body);
  return 0;
};

const nslookup: Command = (sim: Sim, args: string[], io: Io) => {
  const name = args.filter((a) => !a.startsWith("-"))[0] ?? "";
  out(sim, io, "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n");
  const ip = sim.world.resolve?.(name);
  if (ip === undefined) {
    if (!sim.unresolved.includes(name)) sim.unresolved.push(name);
    out(sim, io, `** server can't find ${name}: NXDOMAIN\n\n`);
    return 1;
  }
  out(sim, io, `Name:\t${name}\nAddress: ${ip}\n\n`);
  return 0;
};

export const NET_COMMANDS: Record<string, Command> = { wget, curl, nslookup };
