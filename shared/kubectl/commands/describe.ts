/** `kubectl describe`: by name, by name prefix (`describe pods web`), by -l, or every object of a type. */
import type { Kind, Stored } from "../../k8s/kinds.ts";
import type { CommandContext, CommandDef } from "../context.ts";
import { ALL_NAMESPACES, SELECTOR } from "../common-flags.ts";
import { resolveResourceArgs } from "../args.ts";
import { getObject, listObjects, type AnyObject } from "../objects.ts";
import { describeEndpoints, type Endpoints } from "../endpoints.ts";
import { describe } from "../printers/describe/index.ts";
import { noResourcesFound, notFoundError } from "./get.ts";

function describeOne(ctx: CommandContext, o: AnyObject): string {
  if (o.kind === "Endpoints") return describeEndpoints(o as Endpoints);
  return describe(ctx.cluster.store, o.kind as Kind, o as Stored, ctx.nowMs);
}

function runDescribe(ctx: CommandContext): number {
  const resolved = resolveResourceArgs(ctx.args);
  if (!resolved.ok) {
    if (resolved.error === "error: Required resource not specified.") {
      ctx.warn(`You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n`);
      return ctx.usageError(`Required resource not specified.`);
    }
    return ctx.fail(resolved.error);
  }
  const selector = ctx.flags.str("selector");
  const allNs = ctx.allNamespaces;
  const found: AnyObject[] = [];
  const errors: string[] = [];
  for (const r of resolved.value.requests) {
    if (r.names.length && selector) return ctx.fail("name cannot be provided when a selector is specified");
    if (r.names.length === 0) {
      const listed = listObjects(ctx.cluster, r.type, { namespace: allNs || !r.type.namespaced ? undefined : ctx.namespace, labelSelector: selector });
      if (!listed.ok) return ctx.fail(listed.error);
      found.push(...listed.value);
      continue;
    }
    for (const name of r.names) {
      const exact = getObject(ctx.cluster, r.type, ctx.namespace, name);
      if (exact) {
        found.push(exact);
        continue;
      }
      // describe.go falls back to every object whose name starts with the argument.
      if (resolved.value.slashForm) {
        errors.push(notFoundError(r.type, name));
        continue;
      }
      const listed = listObjects(ctx.cluster, r.type, { namespace: r.type.namespaced ? ctx.namespace : undefined });
      const prefixed = listed.ok ? listed.value.filter((o) => o.metadata.name?.startsWith(name)) : [];
      if (prefixed.length) found.push(...prefixed);
      else errors.push(notFoundError(r.type, name));
    }
  }
  if (found.length === 0 && errors.length === 0) {
    ctx.warn(noResourcesFound(allNs || resolved.value.requests.every((r) => !r.type.namespaced) ? undefined : ctx.namespace));
    return 0;
  }
  ctx.write(found.map((o) => describeOne(ctx, o)).join("\n\n"));
  for (const e of errors) ctx.warn(e);
  return errors.length ? 1 : 0;
}

export const describeCommand: CommandDef = {
  name: "describe",
  group: "Troubleshooting and Debugging Commands",
  short: "Show details of a specific resource or group of resources",
  use: "kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]",
  examples: `  # Describe a node
  kubectl describe nodes kubernetes-node-emt8.c.myproject.internal

  # Describe a pod
  kubectl describe pods/nginx

  # Describe pods by label name=myLabel
  kubectl describe pods -l name=myLabel

  # Describe all pods managed by the 'frontend' replication controller
  # (rc-created pods get the name of the rc as a prefix in the pod name)
  kubectl describe pods frontend`,
  flags: [
    SELECTOR,
    ALL_NAMESPACES,
    { name: "show-events", type: "bool", default: true, usage: "If true, display events related to the described object." },
  ],
  run: runDescribe,
};
