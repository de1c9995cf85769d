/**
 * Finding one object to change and writing it back through the Cluster API (so controllers
 * reconcile on the next ticks), with kubectl's wording for both ends.
 */
import type { Kind, Stored } from "../k8s/kinds.ts";
import { canonicalJSON } from "../util/canonical.ts";
import { err, ok, type Result } from "../util/result.ts";
import { formatApiError } from "./api-errors.ts";
import type { CommandContext } from "./context.ts";
import { resolveResourceArgs } from "./args.ts";
import { getObject, listObjects } from "./objects.ts";
import { kindPrefix, qualifiedResource, type ResourceType } from "./resources.ts";

export interface Target {
  type: ResourceType;
  object: Stored;
}

/** `deployment.apps/web` */
export function refOf(t: Target): string {
  return `${kindPrefix(t.type)}/${t.object.metadata.name}`;
}

/**
 * Objects named by `TYPE NAME...`, `TYPE/NAME...`, or `TYPE` with -l / --all. Missing ones
 * become NotFound lines in `errors`. Endpoints (derived) cannot be written.
 */
export function findTargets(ctx: CommandContext, args: readonly string[], opts: { selector?: string; all?: boolean } = {}): Result<{ targets: Target[]; errors: string[] }, string> {
  const resolved = resolveResourceArgs(args, false);
  if (!resolved.ok) {
    if (resolved.error === "error: Required resource not specified.") {
      return err(
        "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
      );
    }
    return resolved;
  }
  const targets: Target[] = [];
  const errors: string[] = [];
  for (const r of resolved.value.requests) {
    if (r.type.derived) return err(`error: ${r.type.plural} are derived from EndpointSlices in Crashloop and cannot be changed directly`);
    if (r.names.length > 0) {
      if (opts.selector) return err("error: name cannot be provided when a selector is specified");
      for (const name of r.names) {
        const o = getObject(ctx.cluster, r.type, ctx.namespace, name);
        if (o) targets.push({ type: r.type, object: o as Stored });
        else errors.push(`Error from server (NotFound): ${qualifiedResource(r.type)} "${name}" not found`);
      }
      continue;
    }
    if (!opts.selector && !opts.all) return err("error: resource(s) were provided, but no name was specified");
    const listed = listObjects(ctx.cluster, r.type, {
      namespace: r.type.namespaced && !ctx.allNamespaces ? ctx.namespace : undefined,
      labelSelector: opts.selector,
    });
    if (!listed.ok) return listed;
    for (const o of listed.value) targets.push({ type: r.type, object: o as Stored });
  }
  return ok({ targets, errors });
}

/** PUT the changed object; unchanged objects are not written. Returns whether it changed. */
export function writeBack(ctx: CommandContext, before: Stored, after: Record<string, unknown>): Result<boolean, string> {
  if (canonicalJSON(before) === canonicalJSON(after)) return ok(false);
  const r = ctx.cluster.update(after, before.metadata.namespace);
  if (!r.ok) return err(formatApiError(r.error));
  return ok(true);
}

/** The kinds whose pod template `set image|resources` and `rollout restart` edit. */
export function podSpecPath(kind: Kind): "template" | "pod" | undefined {
  if (kind === "Deployment" || kind === "ReplicaSet" || kind === "DaemonSet" || kind === "Job") return "template";
  if (kind === "Pod") return "pod";
  return undefined;
}
