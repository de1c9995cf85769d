/**
 * `kubectl debug node/NAME -- CMD...`: a shell on a node, for the network views only a node
 * has (its routes, tunnel devices, iptables rules, firewall). Real kubectl creates a
 * `node-debugger-<node>-<suffix>` pod with the host's network namespace and attaches to it.
 * Simplification: no debugger pod object is created, and since the game's terminal runs one
 * command per line, each `kubectl debug node/... -- CMD` runs one command on the node's host
 * network namespace and returns.
 */
import { ALL_NET_TOOLS } from "../../net/all-tools.ts";
import { safeEncodeString } from "../../sim/rng.ts";
import { fnv32a } from "../../util/canonical.ts";
import type { CommandContext, CommandDef } from "../context.ts";

function runDebug(ctx: CommandContext): number {
  const target = ctx.args[0];
  if (!target) return ctx.usageError("expected 'debug (POD | TYPE/NAME) [ -- COMMAND [args...] ]'");
  const m = /^(?:node|nodes|no)\/(.+)$/.exec(target);
  if (!m) {
    return ctx.fail("Crashloop simulates `kubectl debug` for nodes only (kubectl debug node/NAME -- CMD); to run a command in a pod use kubectl exec");
  }
  const nodeName = m[1];
  if (!ctx.cluster.get("Node", undefined, nodeName)) return ctx.fail(`Error from server (NotFound): nodes "${nodeName}" not found`);
  const command = ctx.dashAt >= 0 ? ctx.args.slice(1) : [];
  // A name suffix like kubectl's, derived from the node and the tick (not from the cluster's
  // random generator: a look at a node must not change what the simulation does next).
  const suffix = safeEncodeString(String(fnv32a(`${nodeName}@${ctx.cluster.tickCount}`))).slice(0, 5);
  ctx.warn(`Creating debugging pod node-debugger-${nodeName}-${suffix} with container debugger on node ${nodeName}.`);
  if (command.length === 0) {
    ctx.print("Crashloop runs one command per line here: kubectl debug node/" + nodeName + " -- ip route");
    ctx.print(`Available on the node: ${Object.keys(ALL_NET_TOOLS).sort().join(", ")}`);
    return 0;
  }
  const tool = ALL_NET_TOOLS[command[0]];
  if (!tool) return ctx.fail(`sh: ${command[0]}: not found`);
  const r = tool(ctx.cluster, { node: nodeName }, command);
  if (r.stdout) ctx.write(r.stdout);
  if (r.stderr) ctx.warn(r.stderr.replace(/\n$/, ""));
  return r.exitCode;
}

export const debugCommand: CommandDef = {
  name: "debug",
  group: "Troubleshooting and Debugging Commands",
  short: "Create debugging sessions for troubleshooting workloads and nodes",
  use: "kubectl debug node/NAME -- COMMAND [args...]",
  examples: `  # Show the routing table of node-2 (the node's host network namespace)
  kubectl debug node/node-2 -- ip route

  # Show kube-proxy's NAT rules on node-1
  kubectl debug node/node-1 -- iptables-save -t nat`,
  flags: [
    { name: "image", type: "string", usage: "Container image to use for debug container (accepted; the node's own tools are used)" },
    { name: "stdin", short: "i", type: "bool", default: false, usage: "Keep stdin open on the container(s) in the pod" },
    { name: "tty", short: "t", type: "bool", default: false, usage: "Allocate a TTY for the debugging container" },
    { name: "profile", type: "string", usage: "Debugging profile (accepted: general, sysadmin, netadmin...)" },
  ],
  run: runDebug,
};
