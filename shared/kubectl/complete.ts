/**
 * Tab completion for the terminal: `completeKubectl(cluster, "kubectl get po")` lists what
 * may replace the last (partial) word — verbs, subcommands, resource types and short names,
 * object names in the -n namespace (also as `TYPE/NAME`), flags, namespaces after -n.
 */
import type { Kind } from "../k8s/kinds.ts";
import type { Cluster } from "../sim/cluster.ts";
import type { CommandDef } from "./context.ts";
import { GLOBAL_FLAGS } from "./common-flags.ts";
import { COMMANDS } from "./registry.ts";
import { resolveResourceType, resourceTypeNames } from "./resources.ts";

/** Verbs whose first positional argument is a resource type. */
const TYPED_VERBS = new Set(["get", "describe", "delete", "edit", "label", "annotate", "patch", "scale", "expose", "history", "restart", "status", "undo", "pause", "resume", "image", "resources"]);
const POD_VERBS = new Set(["logs", "exec"]);
const NODE_VERBS = new Set(["cordon", "uncordon", "drain"]);

const MAX = 200;

function objectNames(cluster: Cluster, kind: Kind | "Endpoints", namespace: string): string[] {
  const k: Kind = kind === "Endpoints" ? "Service" : kind;
  const objs = cluster.store.list(k, isNamespaced(k) ? namespace : undefined);
  return objs.slice(0, MAX).map((o) => o.metadata.name);
}

function isNamespaced(kind: Kind): boolean {
  return resolveResourceType(kind)?.namespaced ?? false;
}

function flagNames(cmd: CommandDef | undefined): string[] {
  const specs = [...GLOBAL_FLAGS, ...(cmd?.flags ?? [])];
  return specs.flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]);
}

export function completeKubectl(cluster: Cluster, partialLine: string): string[] {
  try {
    const words = partialLine.split(/\s+/).filter((w) => w !== "");
    if (partialLine === "" || /\s$/.test(partialLine)) words.push("");
    const partial = words.pop() ?? "";
    if (words[0] === "kubectl" || words[0] === "k") words.shift();
    // Namespace: the value of -n/--namespace anywhere on the line.
    let namespace = "default";
    const positional: string[] = [];
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      if (w === "-n" || w === "--namespace") namespace = words[++i] ?? namespace;
      else if (w.startsWith("--namespace=")) namespace = w.slice(12);
      else if (w.startsWith("-n") && w.length > 2 && !w.startsWith("--")) namespace = w.slice(2);
      else if (!w.startsWith("-")) positional.push(w);
    }
    const prev = words[words.length - 1];
    const pick = (cands: Iterable<string>) => [...new Set(cands)].filter((c) => c.startsWith(partial)).sort();
    const namespaces = () => cluster.store.list("Namespace").map((n) => n.metadata.name);
    if (prev === "-n" || prev === "--namespace") return pick(namespaces());
    if (partial.startsWith("--namespace=")) return namespaces().map((n) => `--namespace=${n}`).filter((c) => c.startsWith(partial)).sort();

    const verb = COMMANDS.find((c) => c.name === positional[0] || c.aliases?.includes(positional[0] ?? ""));
    if (positional.length === 0) return partial.startsWith("-") ? pick(flagNames(undefined)) : pick([...COMMANDS.filter((c) => c.group).map((c) => c.name), "help"]);
    if (!verb) return [];
    let cmd: CommandDef = verb;
    let args = positional.slice(1);
    if (verb.subcommands?.length) {
      const sub = verb.subcommands.find((s) => s.name === args[0] || s.aliases?.includes(args[0] ?? ""));
      if (!sub) return partial.startsWith("-") ? pick(flagNames(verb)) : pick(verb.subcommands.map((s) => s.name));
      cmd = sub;
      args = args.slice(1);
    }
    if (partial.startsWith("-")) return pick(flagNames(cmd));
    const name = cmd.name;
    if (POD_VERBS.has(name) || (verb.name === "top" && name === "pod")) return args.length === 0 ? pick(objectNames(cluster, "Pod", namespace)) : [];
    if (NODE_VERBS.has(name) || (verb.name === "top" && name === "node")) return pick(objectNames(cluster, "Node", namespace));
    if (name === "taint") return args.length === 0 ? pick(["nodes", "node", "no"]) : pick(objectNames(cluster, "Node", namespace));
    if (!TYPED_VERBS.has(name)) return [];
    if (args.length === 0) {
      const slash = partial.indexOf("/");
      if (slash >= 0) {
        const t = resolveResourceType(partial.slice(0, slash));
        if (!t) return [];
        return pick(objectNames(cluster, t.kind, namespace).map((n) => `${partial.slice(0, slash)}/${n}`));
      }
      return pick([...resourceTypeNames(), ...(name === "get" ? ["all"] : [])]);
    }
    if (args[0].includes("/")) return [];
    const t = resolveResourceType(args[0].split(",")[0]);
    return t ? pick(objectNames(cluster, t.kind, namespace)) : [];
  } catch {
    return [];
  }
}
