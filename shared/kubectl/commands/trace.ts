/**
 * `kubectl trace SOURCE --to TARGET [--port N] [--bytes N] [--response-bytes N]`: a Crashloop
 * extra, not part of real kubectl. Prints the hops a packet takes (eth0 → veth → cni0 → route
 * → kube-proxy DNAT → tunnel → underlay → remote node → target) and the hop where it dies.
 * A trace is a look, not an action: the random DNAT pick and ClientIP affinity it records are
 * rolled back, so tracing never changes what the simulation does next.
 */
import { traceRoute } from "../../net/trace.ts";
import type { Hop } from "../../net/trace-types.ts";
import type { CommandContext, CommandDef } from "../context.ts";

/** `web-abc` ⇒ `ns/web-abc`; `node/x`, `svc/name`, IPs and host names pass through as traceRoute reads them. */
function endpoint(ctx: CommandContext, text: string): string {
  if (/^(node|nodes|no)\//.test(text)) return `node/${text.slice(text.indexOf("/") + 1)}`;
  const svc = /^(svc|service|services)\/(.+)$/.exec(text);
  if (svc) return svc[2].includes("/") ? `svc/${svc[2]}` : `svc/${ctx.namespace}/${svc[2]}`;
  const pod = /^(po|pod|pods)\/(.+)$/.exec(text);
  if (pod) return `${ctx.namespace}/${pod[2]}`;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(text) || text.includes("/") || text === "external") return text;
  if (ctx.cluster.get("Pod", ctx.namespace, text)) return `${ctx.namespace}/${text}`;
  return text;
}

/** A source must be a pod or a node (a packet starts somewhere real). */
function sourceError(ctx: CommandContext, text: string): string | undefined {
  if (/^(node|nodes|no)\/(.+)$/.test(text)) {
    const name = text.slice(text.indexOf("/") + 1);
    return ctx.cluster.get("Node", undefined, name) ? undefined : `Error from server (NotFound): nodes "${name}" not found`;
  }
  const name = text.replace(/^(po|pod|pods)\//, "");
  return ctx.cluster.get("Pod", ctx.namespace, name) ? undefined : `Error from server (NotFound): pods "${name}" not found`;
}

function splitPort(target: string): { host: string; port?: number } {
  const m = /^(.*):(\d+)$/.exec(target);
  return m ? { host: m[1], port: Number(m[2]) } : { host: target };
}

function hopLine(i: number, h: Hop): string {
  const where = h.device ? `${h.at} ${h.device}` : h.at;
  const addrs = h.src || h.dst ? `  [${h.src ?? "?"} → ${h.dst ?? "?"}]` : "";
  return `${String(i + 1).padStart(3)}  ${h.stage.padEnd(14)} ${where}: ${h.action}${addrs}`;
}

function runTrace(ctx: CommandContext): number {
  const from = ctx.args[0];
  const toFlag = ctx.flags.str("to");
  if (!from || !toFlag) return ctx.usageError("expected 'trace (POD | node/NAME) --to (svc/NAME | POD | node/NAME | IP)[:PORT] [--port N]'");
  const bad = sourceError(ctx, from);
  if (bad) return ctx.fail(bad);
  const { host, port: portInTarget } = splitPort(toFlag);
  const portFlag = ctx.flags.str("port");
  const port = portFlag ? Number(portFlag) : portInTarget ?? 80;
  if (!Number.isInteger(port) || port < 1 || port > 65535) return ctx.fail(`invalid port ${JSON.stringify(portFlag)}: must be 1-65535`);
  const num = (name: string): number | undefined => {
    const v = ctx.flags.str(name);
    return v ? Number(v) : undefined;
  };
  const bytes = num("bytes");
  const responseBytes = num("response-bytes");
  for (const [n, v] of [["bytes", bytes], ["response-bytes", responseBytes]] as const) {
    if (v !== undefined && (!Number.isInteger(v) || v < 0)) return ctx.fail(`invalid --${n}: must be a whole number of bytes`);
  }
  const state = ctx.cluster.state;
  const savedRng = [...state.rng] as typeof state.rng;
  const savedAffinity = JSON.stringify(state.network.affinity ?? {});
  const t = traceRoute(ctx.cluster, endpoint(ctx, from), endpoint(ctx, host), {
    port,
    ...(bytes !== undefined ? { bytes } : {}),
    ...(responseBytes !== undefined ? { responseBytes } : {}),
  });
  state.rng = savedRng;
  state.network.affinity = JSON.parse(savedAffinity);
  if (t.error) return ctx.fail(t.error);
  ctx.print(`trace from ${from} to ${host} port ${port}${bytes !== undefined ? `, ${bytes} bytes` : ""} (Crashloop extra: not part of kubectl)`);
  t.hops.forEach((h, i) => ctx.print(hopLine(i, h)));
  if (t.dropped) {
    ctx.print(`  ✗ dropped at hop ${t.dropped.hopIndex + 1} (${t.hops[t.dropped.hopIndex]?.stage}): ${t.dropped.reason} — ${t.dropped.detail}`);
    return 1;
  }
  const r = t.reached;
  const where = r?.pod ?? r?.node ?? (r?.ip || host);
  const answer = t.hops.find((h) => h.stage === "application");
  ctx.print(`  ✓ delivered to ${where}${answer ? ` — ${answer.action}` : ""}`);
  return 0;
}

export const traceCommand: CommandDef = {
  name: "trace",
  group: "Crashloop Extras (not part of real kubectl)",
  short: "Trace a packet through Services, kube-proxy rules and the CNI (Crashloop only)",
  use: "kubectl trace (POD | node/NAME) --to (svc/NAME | POD | node/NAME | IP)[:PORT] [--port N] [--bytes N]",
  examples: `  # Where does a request from the frontend pod to the checkout Service die?
  kubectl trace frontend-7d4b9c6f8-x2k9q -n shop --to svc/checkout:8080

  # Does a large response fit the path MTU? (the classic VXLAN MTU fault)
  kubectl trace web-0 --to 10.244.2.7:8080 --response-bytes 4000`,
  flags: [
    { name: "to", type: "string", usage: "Destination: svc/NAME, a pod name, node/NAME, an IP, optionally :PORT" },
    { name: "port", type: "string", usage: "Destination port (default 80, or the :PORT of --to)" },
    { name: "bytes", type: "string", usage: "Request payload size in bytes" },
    { name: "response-bytes", type: "string", usage: "Response payload size in bytes (checks the return path MTU)" },
  ],
  run: runTrace,
};
