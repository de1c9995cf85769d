/**
 * `kubectl top pod|node` from the simulated usage (what metrics-server would scrape from the
 * kubelets' cAdvisor): pods that are not running have no metrics, nodes whose kubelet is
 * down show `<unknown>`. Simplification: a node's CPU is the sum of its pods' (no system
 * daemons); its memory adds what the OS and system daemons use.
 */
import type { Stored } from "../../k8s/kinds.ts";
import type { Pod } from "../../k8s/schema/pod.ts";
import { parseQuantityBytes, parseQuantityMillis } from "../../k8s/quantity.ts";
import { podMetrics } from "../top-usage.ts";
import type { CommandContext, CommandDef } from "../context.ts";
import { ALL_NAMESPACES, SELECTOR, FIELD_SELECTOR } from "../common-flags.ts";
import { listObjects } from "../objects.ts";
import { typeOfKind } from "../resources.ts";
import { tabwrite, TABLE_TABWRITER } from "../printers/tabwriter.ts";
import { noResourcesFound } from "./get.ts";

const Mi = 1024 * 1024;
const cpu = (m: number) => `${m}m`;
const mem = (b: number) => `${Math.floor(b / Mi)}Mi`;
/** Each cell ends with a tab, as kubectl's top printer writes them (so the last column is padded too). */
const table = (rows: string[][]) => tabwrite(rows.map((r) => r.map((c) => `${c}\t`).join("") + "\n").join(""), TABLE_TABWRITER);

function hasMetrics(p: Stored<Pod>): boolean {
  return p.status?.phase === "Running" && !!p.spec.nodeName;
}

function runTopPod(ctx: CommandContext): number {
  const f = ctx.flags;
  const allNs = ctx.allNamespaces;
  let pods: Stored<Pod>[];
  if (ctx.args.length > 0) {
    const p = ctx.cluster.get("Pod", ctx.namespace, ctx.args[0]);
    if (!p || !hasMetrics(p)) return ctx.fail(`Error from server (NotFound): podmetrics.metrics.k8s.io "${ctx.namespace}/${ctx.args[0]}" not found`);
    pods = [p];
  } else {
    const r = listObjects(ctx.cluster, typeOfKind("Pod"), { namespace: allNs ? undefined : ctx.namespace, labelSelector: f.str("selector"), fieldSelector: f.str("field-selector") });
    if (!r.ok) return ctx.fail(r.error);
    pods = (r.value as Stored<Pod>[]).filter(hasMetrics);
  }
  if (pods.length === 0) {
    ctx.warn(noResourcesFound(allNs ? undefined : ctx.namespace));
    return 0;
  }
  let rows = pods.map((p) => ({ p, u: podMetrics(ctx.cluster.state, p, ctx.nowMs) }));
  const sortBy = f.str("sort-by");
  if (sortBy === "cpu") rows = rows.sort((a, b) => b.u.cpuMillis - a.u.cpuMillis);
  else if (sortBy === "memory") rows = rows.sort((a, b) => b.u.memoryBytes - a.u.memoryBytes);
  else if (sortBy) return ctx.fail(`--sort-by accepts only cpu or memory`);
  const ns = (p: Pod) => (allNs ? [p.metadata.namespace ?? ""] : []);
  const out: string[][] = [];
  if (f.bool("containers")) {
    if (!f.bool("no-headers")) out.push([...(allNs ? ["NAMESPACE"] : []), "POD", "NAME", "CPU(cores)", "MEMORY(bytes)"]);
    for (const { p, u } of rows) {
      for (const [name, c] of Object.entries(u.containers).sort(([a], [b]) => (a < b ? -1 : 1))) out.push([...ns(p), p.metadata.name, name, cpu(c.cpuMillis), mem(c.memoryBytes)]);
    }
  } else {
    if (!f.bool("no-headers")) out.push([...(allNs ? ["NAMESPACE"] : []), "NAME", "CPU(cores)", "MEMORY(bytes)"]);
    for (const { p, u } of rows) out.push([...ns(p), p.metadata.name, cpu(u.cpuMillis), mem(u.memoryBytes)]);
  }
  ctx.write(table(out));
  return 0;
}

function runTopNode(ctx: CommandContext): number {
  const f = ctx.flags;
  let nodes = ctx.cluster.list("Node", { labelSelector: f.str("selector") || undefined });
  if (ctx.args.length > 0) {
    const n = ctx.cluster.get("Node", undefined, ctx.args[0]);
    if (!n) return ctx.fail(`Error from server (NotFound): nodemetrics.metrics.k8s.io "${ctx.args[0]}" not found`);
    nodes = [n];
  }
  if (nodes.length === 0) {
    ctx.warn("No resources found");
    return 0;
  }
  const out: string[][] = f.bool("no-headers") ? [] : [["NAME", "CPU(cores)", "CPU%", "MEMORY(bytes)", "MEMORY%"]];
  const rows = nodes.map((n) => {
    const rt = ctx.cluster.state.nodes[n.metadata.name];
    if (!rt?.kubeletRunning) return { n, cpuM: -1, memB: -1 };
    let cpuM = 0;
    let memB = rt.systemMemoryBytes;
    for (const key of ctx.cluster.store.podKeysOnNode(n.metadata.name)) {
      const p = ctx.cluster.store.get("Pod", key);
      if (!p || !hasMetrics(p)) continue;
      const u = podMetrics(ctx.cluster.state, p, ctx.nowMs);
      cpuM += u.cpuMillis;
      memB += u.memoryBytes;
    }
    return { n, cpuM, memB };
  });
  const sortBy = f.str("sort-by");
  if (sortBy === "cpu") rows.sort((a, b) => b.cpuM - a.cpuM);
  else if (sortBy === "memory") rows.sort((a, b) => b.memB - a.memB);
  for (const { n, cpuM, memB } of rows) {
    if (cpuM < 0) {
      out.push([n.metadata.name, "<unknown>", "<unknown>", "<unknown>", "<unknown>"]);
      continue;
    }
    const alloc = n.status?.allocatable ?? {};
    const cpuAlloc = alloc.cpu ? parseQuantityMillis(alloc.cpu) : 0;
    const memAlloc = alloc.memory ? parseQuantityBytes(alloc.memory) : 0;
    const pct = (u: number, a: number) => `${a > 0 ? Math.floor((u * 100) / a) : 0}%`;
    out.push([n.metadata.name, cpu(cpuM), pct(cpuM, cpuAlloc), mem(memB), pct(memB, memAlloc)]);
  }
  ctx.write(table(out));
  return 0;
}

const SORT_BY = { name: "sort-by", type: "string" as const, usage: "If non-empty, sort pods list using specified field. The field can be either 'cpu' or 'memory'." };
const NO_HEADERS = { name: "no-headers", type: "bool" as const, default: false, usage: "If present, print output without headers." };

export const topCommand: CommandDef = {
  name: "top",
  group: "Cluster Management Commands",
  short: "Display resource (CPU/memory) usage",
  use: "kubectl top [flags] [options]",
  flags: [],
  subcommands: [
    {
      name: "pod",
      aliases: ["pods", "po"],
      group: "",
      short: "Display resource (CPU/memory) usage of pods",
      use: "kubectl top pod [NAME | -l label] [options]",
      flags: [ALL_NAMESPACES, SELECTOR, FIELD_SELECTOR, SORT_BY, NO_HEADERS, { name: "containers", type: "bool", default: false, usage: "If present, print usage of containers within a pod." }],
      run: runTopPod,
    },
    {
      name: "node",
      aliases: ["nodes", "no"],
      group: "",
      short: "Display resource (CPU/memory) usage of nodes",
      use: "kubectl top node [NAME | -l label] [options]",
      flags: [SELECTOR, SORT_BY, NO_HEADERS],
      run: runTopNode,
    },
  ],
};
