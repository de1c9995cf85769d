/** `kubectl label` and `kubectl annotate`: key=value to set, key- to remove, --overwrite to change. */
import { isValidLabelKey, isValidLabelValue } from "../../k8s/labels.ts";
import type { CommandContext, CommandDef } from "../context.ts";
import { ALL, SELECTOR } from "../common-flags.ts";
import { findTargets, refOf, writeBack } from "../writes.ts";

type Which = "labels" | "annotations";

function parseUpdates(ctx: CommandContext, which: Which, pairs: string[]): { set: Map<string, string>; remove: string[] } | undefined {
  const set = new Map<string, string>();
  const remove: string[] = [];
  for (const p of pairs) {
    if (p.endsWith("-") && !p.includes("=")) {
      remove.push(p.slice(0, -1));
      continue;
    }
    const i = p.indexOf("=");
    const key = p.slice(0, i);
    const value = p.slice(i + 1);
    if (which === "labels") {
      const keyErrs = isValidLabelKey(key);
      if (keyErrs.length) {
        ctx.fail(`invalid label spec: ${p}`);
        return undefined;
      }
      const valErrs = isValidLabelValue(value);
      if (valErrs.length) {
        ctx.fail(`invalid label value: "${p}": ${valErrs.join("; ")}`);
        return undefined;
      }
    } else if (key === "" || isValidLabelKey(key).length) {
      ctx.fail(`invalid annotation format: ${p}`);
      return undefined;
    }
    set.set(key, value);
  }
  for (const k of remove) {
    if (set.has(k)) {
      ctx.fail(`can not both modify and remove the following ${which === "labels" ? "label" : "annotation"}(s) in the same command: ${k}`);
      return undefined;
    }
  }
  return { set, remove };
}

function runLabel(ctx: CommandContext, which: Which): number {
  const f = ctx.flags;
  const i = ctx.args.findIndex((a, idx) => idx > 0 && (a.includes("=") || (a.endsWith("-") && !a.includes("/"))));
  const resources = i < 0 ? ctx.args : ctx.args.slice(0, i);
  const pairs = i < 0 ? [] : ctx.args.slice(i);
  const noun = which === "labels" ? "label" : "annotation";
  if (pairs.length === 0 && !f.bool("list")) return ctx.usageError(`at least one ${noun} update is required`);
  const updates = parseUpdates(ctx, which, pairs);
  if (!updates) return 1;
  const found = findTargets(ctx, resources, { selector: f.str("selector"), all: f.bool("all") });
  if (!found.ok) return ctx.fail(found.error);
  let code = 0;
  for (const t of found.value.targets) {
    const o = t.object;
    const current: Record<string, string> = { ...((o.metadata[which] as Record<string, string> | undefined) ?? {}) };
    if (f.bool("list")) {
      ctx.print(Object.entries(current).sort().map(([k, v]) => `${k}=${v}`).join("\n"));
      continue;
    }
    if (!f.bool("overwrite")) {
      const clash = [...updates.set].find(([k, v]) => k in current && current[k] !== v);
      if (clash) {
        const [k] = clash;
        if (which === "labels") ctx.warn(`error: '${k}' already has a value (${current[k]}), and --overwrite is false`);
        else ctx.warn(`error: --overwrite is false but found the following declared annotation(s): '${k}' already has a value (${current[k]})`);
        code = 1;
        continue;
      }
    }
    for (const k of updates.remove) {
      if (!(k in current)) ctx.print(`${noun} "${k}" not found.`);
      delete current[k];
    }
    for (const [k, v] of updates.set) current[k] = v;
    const meta = { ...o.metadata, [which]: current };
    if (Object.keys(current).length === 0) delete (meta as Record<string, unknown>)[which];
    const w = writeBack(ctx, o, { ...o, metadata: meta });
    if (!w.ok) {
      ctx.warn(w.error);
      code = 1;
      continue;
    }
    const done = which === "labels" ? "labeled" : "annotated";
    const verb = !w.value ? `not ${done}` : updates.set.size === 0 ? `un${done}` : done;
    ctx.print(`${refOf(t)} ${verb}`);
  }
  for (const e of found.value.errors) ctx.warn(e);
  return found.value.errors.length ? 1 : code;
}

const labelFlags = (noun: string) => [
  { name: "overwrite", type: "bool" as const, default: false, usage: `If true, allow ${noun}s to be overwritten, otherwise reject ${noun} updates that overwrite existing ${noun}s.` },
  { name: "list", type: "bool" as const, default: false, usage: `If true, display the ${noun}s for a given resource.` },
  { name: "resource-version", type: "string" as const, usage: `If non-empty, the ${noun} update will only succeed if this is the current resource-version for the object.` },
  SELECTOR,
  ALL,
];

export const labelCommand: CommandDef = {
  name: "label",
  group: "Settings Commands",
  short: "Update the labels on a resource",
  use: "kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]",
  examples: `  # Update pod 'foo' with the label 'unhealthy' and the value 'true'
  kubectl label pods foo unhealthy=true

  # Update pod 'foo' with the label 'status' and the value 'unhealthy', overwriting any existing value
  kubectl label --overwrite pods foo status=unhealthy

  # Remove a label named 'bar' if it exists
  kubectl label pods foo bar-`,
  flags: labelFlags("label"),
  run: (ctx) => runLabel(ctx, "labels"),
};

export const annotateCommand: CommandDef = {
  name: "annotate",
  group: "Settings Commands",
  short: "Update the annotations on a resource",
  use: "kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]",
  examples: `  # Update pod 'foo' with the annotation 'description' and the value 'my frontend'
  kubectl annotate pods foo description='my frontend'

  # Remove an annotation named 'description' if it exists
  kubectl annotate pods foo description-`,
  flags: labelFlags("annotation"),
  run: (ctx) => runLabel(ctx, "annotations"),
};
