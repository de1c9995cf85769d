/** `kubectl delete`: by name, -l, --all; --grace-period, --now, --force (with kubectl's warning). */
import type { Kind } from "../../k8s/kinds.ts";
import type { CommandContext, CommandDef } from "../context.ts";
import { ALL, ALL_NAMESPACES, FIELD_SELECTOR, FILENAME, SELECTOR } from "../common-flags.ts";
import { formatApiError } from "../api-errors.ts";
import { findTargets } from "../writes.ts";
import { kindPrefix } from "../resources.ts";
import { checkManifest, parseManifests, readFilenames } from "../manifests.ts";

const FORCE_WARNING =
  "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.";

function gracePeriod(ctx: CommandContext): number | string {
  const f = ctx.flags;
  let grace = f.int("grace-period") ?? -1;
  if (f.bool("now")) {
    if (grace !== -1) return "--now and --grace-period cannot be specified together";
    grace = 1;
  }
  // kubectl turns --grace-period=0 into 1 unless --force is given, to prevent accidents.
  if (grace === 0 && !f.bool("force")) grace = 1;
  if (f.bool("force") && grace < 0) grace = 0;
  return grace;
}

function runDelete(ctx: CommandContext): number {
  const f = ctx.flags;
  const grace = gracePeriod(ctx);
  if (typeof grace === "string") return ctx.fail(grace);
  let args = ctx.args;
  if (f.list("filename").length) {
    const input = readFilenames(ctx, "delete");
    if (!input.ok) return ctx.fail(input.error);
    const parsed = parseManifests(input.value.text, input.value.source);
    if (!parsed.ok) return ctx.fail(parsed.error);
    args = [];
    for (const m of parsed.value) {
      const bad = checkManifest(m, input.value.source);
      if (bad) return ctx.fail(bad);
      args.push(`${String(m.kind).toLowerCase()}/${String(m.metadata?.name ?? "")}`);
    }
  }
  const found = findTargets(ctx, args, { selector: f.str("selector"), all: f.bool("all") });
  if (!found.ok) return ctx.fail(found.error);
  if (grace === 0 && f.bool("force")) ctx.warn(FORCE_WARNING);
  if (found.value.targets.length === 0 && found.value.errors.length === 0) {
    ctx.warn("No resources found");
    return 0;
  }
  let code = 0;
  for (const t of found.value.targets) {
    const o = t.object;
    const r = ctx.cluster.delete(
      { kind: o.kind as Kind, namespace: o.metadata.namespace, name: o.metadata.name },
      grace >= 0 ? { gracePeriodSeconds: grace, propagationPolicy: f.str("cascade") === "orphan" ? "Orphan" : "Background" } : { propagationPolicy: f.str("cascade") === "orphan" ? "Orphan" : "Background" },
    );
    if (!r.ok) {
      ctx.warn(formatApiError(r.error));
      code = 1;
      continue;
    }
    ctx.print(`${kindPrefix(t.type)} "${o.metadata.name}" ${grace === 0 ? "force deleted" : "deleted"}`);
  }
  if (!f.bool("ignore-not-found")) for (const e of found.value.errors) ctx.warn(e);
  return found.value.errors.length && !f.bool("ignore-not-found") ? 1 : code;
}

export const deleteCommand: CommandDef = {
  name: "delete",
  group: "Basic Commands (Intermediate)",
  short: "Delete resources by file names, stdin, resources and names, or by resources and label selector",
  use: "kubectl delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]",
  examples: `  # Delete pods and services with same names "baz" and "foo"
  kubectl delete pod,service baz foo

  # Delete pods and services with label name=myLabel
  kubectl delete pods,services -l name=myLabel

  # Delete a pod with minimal delay
  kubectl delete pod foo --now

  # Force delete a pod on a dead node
  kubectl delete pod foo --force

  # Delete all pods
  kubectl delete pods --all`,
  flags: [
    FILENAME,
    SELECTOR,
    FIELD_SELECTOR,
    ALL,
    ALL_NAMESPACES,
    { name: "grace-period", type: "int", default: -1, usage: "Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion)." },
    { name: "now", type: "bool", default: false, usage: "If true, resources are signaled for immediate shutdown (same as --grace-period=1)." },
    { name: "force", type: "bool", default: false, usage: "If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation." },
    { name: "ignore-not-found", type: "bool", default: false, usage: "Treat \"resource not found\" as a successful delete. Defaults to \"true\" when --all is specified." },
    { name: "wait", type: "bool", default: true, usage: "If true, wait for resources to be gone before returning. (Crashloop returns at once: deletion completes on the next ticks.)" },
    { name: "cascade", type: "string", default: "background", usage: 'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.' },
  ],
  run: runDelete,
};
