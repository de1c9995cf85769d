/** `ping -c N host` and `nc -zv host port`: they send packets through traceRoute and print what busybox prints. */
import type { Cluster } from "../../sim/cluster.ts";
import { traceRoute } from "../trace.ts";
import { fail, ok, traceFrom, type ToolResult, type Where } from "./where.ts";

export function pingTool(cluster: Cluster, where: Where, argv: string[]): ToolResult {
  let count = 4;
  let host: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    if (argv[i] === "-c") count = Number(argv[++i]);
    else if (argv[i].startsWith("-c")) count = Number(argv[i].slice(2));
    else if (argv[i] === "-W" || argv[i] === "-w" || argv[i] === "-s") i++;
    else if (!argv[i].startsWith("-")) host = argv[i];
  }
  if (!host) return fail("BusyBox v1.36.1 multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n");
  if (!Number.isInteger(count) || count < 1) return fail(`ping: invalid number '${count}'\n`);
  const t = traceRoute(cluster, traceFrom(where), host, { protocol: "icmp" });
  if (t.error) return fail(`ping: bad address '${host}'\n`);
  const ip = t.hops.find((h) => h.dst)?.dst ?? host;
  const head = `PING ${host} (${ip}): 56 data bytes\n`;
  const lines: string[] = [];
  const hopsAcross = t.hops.filter((h) => h.stage === "underlay").length;
  const ttl = 64 - hopsAcross - (t.hops.some((h) => h.stage === "bridge") ? 1 : 0);
  for (let seq = 0; seq < count && t.ok; seq++) lines.push(`64 bytes from ${ip}: seq=${seq} ttl=${ttl} time=${(0.09 + 0.35 * hopsAcross + 0.013 * seq).toFixed(3)} ms`);
  const received = t.ok ? count : 0;
  const unreachable = t.dropped?.reason === "no route to host";
  const stats = `\n--- ${host} ping statistics ---\n${count} packets transmitted, ${received} packets received, ${received ? 0 : 100}% packet loss\n`;
  const rtt = received ? `round-trip min/avg/max = ${(0.09 + 0.35 * hopsAcross).toFixed(3)}/${(0.09 + 0.35 * hopsAcross + 0.0065 * (count - 1)).toFixed(3)}/${(0.09 + 0.35 * hopsAcross + 0.013 * (count - 1)).toFixed(3)} ms\n` : "";
  const errs = unreachable ? `ping: sendto: Host is unreachable\n` : "";
  return { stdout: head + lines.map((l) => `${l}\n`).join("") + stats + rtt, stderr: errs, exitCode: received ? 0 : 1 };
}

const NC_ERRORS: Record<string, string> = {
  "connection refused": "Connection refused",
  "i/o timeout": "Connection timed out",
  "no route to host": "No route to host",
  "fragmentation needed": "Connection timed out",
  "dropped by NetworkPolicy": "Connection timed out",
  "503 no endpoints": "Connection refused",
  NXDOMAIN: "bad address",
};

export function ncTool(cluster: Cluster, where: Where, argv: string[]): ToolResult {
  const rest = argv.slice(1).filter((a) => !a.startsWith("-"));
  const [host, portText] = rest;
  const port = Number(portText);
  if (!host || !Number.isInteger(port)) return fail("BusyBox v1.36.1 multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\n");
  const udp = argv.some((a) => a.startsWith("-") && a.includes("u"));
  const t = traceRoute(cluster, traceFrom(where), host, { port, protocol: udp ? "udp" : "tcp" });
  if (t.error) return fail(`nc: bad address '${host}'\n`);
  const ip = t.hops.find((h) => h.dst)?.dst?.split(":")[0] ?? host;
  if (t.ok) return { stdout: "", stderr: `${host} (${ip}:${port}) open\n`, exitCode: 0 };
  return fail(`nc: ${host} (${ip}:${port}): ${NC_ERRORS[t.dropped!.reason] ?? "Connection timed out"}\n`);
}
