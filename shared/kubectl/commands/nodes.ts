/** `kubectl cordon|uncordon|drain|taint`: node maintenance as kubectl does it. */
import type { Stored } from "../../k8s/kinds.ts";
import type { Node } from "../../k8s/schema/node.ts";
import type { Pod } from "../../k8s/schema/pod.ts";
import { parseTaints, reorganizeTaints } from "../../k8s/taints.ts";
import type { CommandContext, CommandDef } from "../context.ts";
import { ALL, SELECTOR } from "../common-flags.ts";
import { formatApiError } from "../api-errors.ts";
import { listObjects } from "../objects.ts";
import { resolveResourceType, typeOfKind } from "../resources.ts";
import { writeBack } from "../writes.ts";

function nodesNamed(ctx: CommandContext, names: readonly string[], selector: string): Stored<Node>[] | number {
  if (names.length === 0 && !selector) return ctx.usageError("USAGE: cordon NODE [flags]");
  if (selector) {
    const r = listObjects(ctx.cluster, typeOfKind("Node"), { labelSelector: selector });
    if (!r.ok) return ctx.fail(r.error);
    return r.value as Stored<Node>[];
  }
  const out: Stored<Node>[] = [];
  for (const n of names) {
    const node = ctx.cluster.get("Node", undefined, n);
    if (!node) return ctx.fail(`Error from server (NotFound): nodes "${n}" not found`);
    out.push(node);
  }
  return out;
}

function setUnschedulable(ctx: CommandContext, node: Stored<Node>, value: boolean): boolean {
  if (!!node.spec?.unschedulable === value) {
    ctx.print(`node/${node.metadata.name} already ${value ? "cordoned" : "uncordoned"}`);
    return true;
  }
  const spec = { ...(node.spec ?? {}) } as Record<string, unknown>;
  if (value) spec.unschedulable = true;
  else delete spec.unschedulable;
  const w = writeBack(ctx, node, { ...node, spec });
  if (!w.ok) {
    ctx.warn(w.error);
    return false;
  }
  ctx.print(`node/${node.metadata.name} ${value ? "cordoned" : "uncordoned"}`);
  return true;
}

function runCordon(ctx: CommandContext, value: boolean): number {
  const nodes = nodesNamed(ctx, ctx.args, ctx.flags.str("selector"));
  if (typeof nodes === "number") return nodes;
  return nodes.every((n) => setUnschedulable(ctx, n, value)) ? 0 : 1;
}

/** drain/filters.go: why a pod blocks the drain, or is skipped, or is evicted with a warning. */
const DAEMONSET_FATAL = "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)";
const DAEMONSET_WARNING = "ignoring DaemonSet-managed Pods";
const LOCAL_STORAGE_FATAL = "Pods with local storage (use --delete-emptydir-data to override)";
const LOCAL_STORAGE_WARNING = "deleting Pods with local storage";
const UNMANAGED_FATAL = "Pods declare no controller (use --force to override)";
const UNMANAGED_WARNING = "deleting Pods that declare no controller";

function drainNode(ctx: CommandContext, node: Stored<Node>): boolean {
  const f = ctx.flags;
  const pods = [...ctx.cluster.store.podKeysOnNode(node.metadata.name)].sort().map((k) => ctx.cluster.store.get("Pod", k)!).filter(Boolean);
  const fatal = new Map<string, string[]>();
  const warn = new Map<string, string[]>();
  const evict: Stored<Pod>[] = [];
  const add = (m: Map<string, string[]>, msg: string, p: Pod) => m.set(msg, [...(m.get(msg) ?? []), `${p.metadata.namespace}/${p.metadata.name}`]);
  for (const p of pods) {
    if (p.metadata.deletionTimestamp) continue;
    const terminal = p.status?.phase === "Succeeded" || p.status?.phase === "Failed";
    const controller = p.metadata.ownerReferences?.find((o) => o.controller);
    if (!terminal && controller?.kind === "DaemonSet") {
      if (f.bool("ignore-daemonsets")) add(warn, DAEMONSET_WARNING, p);
      else add(fatal, DAEMONSET_FATAL, p);
      continue;
    }
    if (!terminal && !controller) {
      if (f.bool("force")) add(warn, UNMANAGED_WARNING, p);
      else {
        add(fatal, UNMANAGED_FATAL, p);
        continue;
      }
    }
    if (!terminal && p.spec.volumes?.some((v) => "emptyDir" in v && v.emptyDir !== undefined)) {
      if (f.bool("delete-emptydir-data")) add(warn, LOCAL_STORAGE_WARNING, p);
      else {
        add(fatal, LOCAL_STORAGE_FATAL, p);
        continue;
      }
    }
    evict.push(p);
  }
  const name = node.metadata.name;
  if (fatal.size) {
    const errs = [...fatal].map(([msg, ps]) => `cannot delete ${msg}: ${ps.join(", ")}`);
    ctx.warn(`error: unable to drain node "${name}" due to error: ${errs.length === 1 ? errs[0] : `[${errs.join(", ")}]`}, continuing command...`);
    ctx.warn(`There are pending nodes to be drained:\n ${name}`);
    for (const e of errs) ctx.warn(e);
    return false;
  }
  if (warn.size) ctx.warn(`Warning: ${[...warn].map(([msg, ps]) => `${msg}: ${ps.join(", ")}`).join("; ")}`);
  // Simplification: PodDisruptionBudgets are not modelled, so every eviction is allowed.
  for (const p of evict) ctx.warn(`evicting pod ${p.metadata.namespace}/${p.metadata.name}`);
  const grace = f.int("grace-period") ?? -1;
  for (const p of evict) {
    const r = ctx.cluster.delete({ kind: "Pod", namespace: p.metadata.namespace, name: p.metadata.name }, grace >= 0 ? { gracePeriodSeconds: grace } : {});
    if (!r.ok) {
      ctx.warn(formatApiError(r.error));
      return false;
    }
    ctx.print(`pod/${p.metadata.name} evicted`);
  }
  ctx.print(`node/${name} drained`);
  return true;
}

function runDrain(ctx: CommandContext): number {
  if (ctx.args.length !== 1 && !ctx.flags.str("selector")) return ctx.usageError("USAGE: drain NODE [flags]");
  const nodes = nodesNamed(ctx, ctx.args, ctx.flags.str("selector"));
  if (typeof nodes === "number") return nodes;
  let ok = true;
  for (const n of nodes) {
    if (!setUnschedulable(ctx, n, true)) return 1;
    ok = drainNode(ctx, ctx.cluster.get("Node", undefined, n.metadata.name)!) && ok;
  }
  return ok ? 0 : 1;
}

function runTaint(ctx: CommandContext): number {
  const f = ctx.flags;
  const [typed, ...rest] = ctx.args;
  if (!typed) return ctx.usageError("at least one taint update is required");
  let type = typed;
  let names: string[];
  let specs: string[];
  if (typed.includes("/")) {
    type = typed.slice(0, typed.indexOf("/"));
    names = [typed.slice(typed.indexOf("/") + 1)];
    specs = rest;
  } else if (f.bool("all") || f.str("selector")) {
    names = [];
    specs = rest;
  } else {
    names = rest.slice(0, 1);
    specs = rest.slice(1);
  }
  const t = resolveResourceType(type);
  if (!t) return ctx.fail(`the server doesn't have a resource type "${type}"`);
  if (t.kind !== "Node") return ctx.fail(`invalid resource type ${typed}, only node types are supported`);
  if (specs.length === 0) return ctx.usageError("at least one taint update is required");
  const parsed = parseTaints(specs);
  if (!parsed.ok) return ctx.fail(parsed.error);
  let nodes: Stored<Node>[];
  if (f.bool("all")) nodes = ctx.cluster.list("Node");
  else {
    const r = nodesNamed(ctx, names, f.str("selector"));
    if (typeof r === "number") return r;
    nodes = r;
  }
  for (const node of nodes) {
    const old = node.spec?.taints ?? [];
    if (!f.bool("overwrite")) {
      const clash = parsed.value.toAdd.filter((a) => old.some((o) => o.key === a.key && o.effect === a.effect));
      if (clash.length) return ctx.fail(`node ${node.metadata.name} already has ${clash.map((c) => c.key).join(",")} taint(s) with same effect(s) and --overwrite is false`);
    }
    const r = reorganizeTaints(old, f.bool("overwrite"), parsed.value.toAdd, parsed.value.toRemove);
    if (r.errors.length) return ctx.fail(r.errors.join("\n"));
    const spec = { ...(node.spec ?? {}), taints: r.taints } as Record<string, unknown>;
    if (r.taints.length === 0) delete spec.taints;
    const w = writeBack(ctx, node, { ...node, spec });
    if (!w.ok) return ctx.fail(w.error);
    ctx.print(`node/${node.metadata.name} ${r.operation}`);
  }
  return 0;
}

export const cordonCommand: CommandDef = {
  name: "cordon",
  group: "Cluster Management Commands",
  short: "Mark node as unschedulable",
  use: "kubectl cordon NODE [options]",
  examples: "  # Mark node \"foo\" as unschedulable\n  kubectl cordon foo",
  flags: [SELECTOR],
  run: (ctx) => runCordon(ctx, true),
};

export const uncordonCommand: CommandDef = {
  name: "uncordon",
  group: "Cluster Management Commands",
  short: "Mark node as schedulable",
  use: "kubectl uncordon NODE [options]",
  examples: "  # Mark node \"foo\" as schedulable\n  kubectl uncordon foo",
  flags: [SELECTOR],
  run: (ctx) => runCordon(ctx, false),
};

export const drainCommand: CommandDef = {
  name: "drain",
  group: "Cluster Management Commands",
  short: "Drain node in preparation for maintenance",
  use: "kubectl drain NODE [options]",
  examples: `  # Drain node "foo", even if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set on it
  kubectl drain foo --force

  # As above, but abort if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set, and use a grace period of 15 minutes
  kubectl drain foo --grace-period=900`,
  flags: [
    SELECTOR,
    { name: "ignore-daemonsets", type: "bool", default: false, usage: "Ignore DaemonSet-managed pods." },
    { name: "delete-emptydir-data", type: "bool", default: false, usage: "Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained)." },
    { name: "force", type: "bool", default: false, usage: "Continue even if there are pods that do not declare a controller." },
    { name: "grace-period", type: "int", default: -1, usage: "Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used." },
    { name: "timeout", type: "string", default: "0s", usage: "The length of time to wait before giving up, zero means infinite" },
    { name: "disable-eviction", type: "bool", default: false, usage: "Force drain to use delete, even if eviction is supported." },
  ],
  run: runDrain,
};

export const taintCommand: CommandDef = {
  name: "taint",
  group: "Cluster Management Commands",
  short: "Update the taints on one or more nodes",
  use: "kubectl taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]",
  examples: `  # Update node 'foo' with a taint with key 'dedicated' and value 'special-user' and effect 'NoSchedule'
  # If a taint with that key and effect already exists, its value is replaced as specified
  kubectl taint nodes foo dedicated=special-user:NoSchedule

  # Remove from node 'foo' the taint with key 'dedicated' and effect 'NoSchedule' if one exists
  kubectl taint nodes foo dedicated:NoSchedule-

  # Remove from node 'foo' all the taints with key 'dedicated'
  kubectl taint nodes foo dedicated-`,
  flags: [
    { name: "overwrite", type: "bool", default: false, usage: "If true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints." },
    SELECTOR,
    ALL,
  ],
  run: runTaint,
};
