/** `kubectl get`: tables, -o formats, selectors, --sort-by, `all`, TYPE/NAME, comma lists. */
import type { Stored } from "../../k8s/kinds.ts";
import type { CommandContext, CommandDef } from "../context.ts";
import { ALL_NAMESPACES, clockAt, FIELD_SELECTOR, OUTPUT, SELECTOR } from "../common-flags.ts";
import { resolveResourceArgs } from "../args.ts";
import { getObject, listObjects, type AnyObject } from "../objects.ts";
import { qualifiedResource, type ResourceType } from "../resources.ts";
import { parseOutputFormat, printObjects, sortObjects } from "../output.ts";
import { printEndpointsTable, type Endpoints } from "../endpoints.ts";
import { printTable } from "../printers/table.ts";

/** `No resources found in shop namespace.` / `No resources found` */
export function noResourcesFound(namespace: string | undefined): string {
  return namespace === undefined ? "No resources found" : `No resources found in ${namespace} namespace.`;
}

export function notFoundError(t: ResourceType, name: string): string {
  return `Error from server (NotFound): ${qualifiedResource(t)} "${name}" not found`;
}

function runGet(ctx: CommandContext): number {
  const f = ctx.flags;
  const resolved = resolveResourceArgs(ctx.args);
  if (!resolved.ok) {
    if (resolved.error === "error: Required resource not specified.") {
      ctx.warn(`You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n`);
      return ctx.usageError(`Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).`);
    }
    return ctx.fail(resolved.error);
  }
  const format = parseOutputFormat(f.str("output"));
  if (!format.ok) return ctx.fail(format.error);
  const selector = f.str("selector");
  const requests = resolved.value.requests;
  const named = requests.some((r) => r.names.length > 0);
  if (named && selector) return ctx.fail("name cannot be provided when a selector is specified");
  const allNs = ctx.allNamespaces;
  const errors: string[] = [];
  const groups: { type: ResourceType; items: AnyObject[] }[] = [];
  for (const r of requests) {
    let items: AnyObject[] = [];
    if (r.names.length > 0) {
      for (const name of r.names) {
        const o = getObject(ctx.cluster, r.type, ctx.namespace, name);
        if (o) items.push(o);
        else if (!f.bool("ignore-not-found")) errors.push(notFoundError(r.type, name));
      }
    } else {
      const listed = listObjects(ctx.cluster, r.type, {
        namespace: allNs || !r.type.namespaced ? undefined : ctx.namespace,
        labelSelector: selector,
        fieldSelector: f.str("field-selector"),
      });
      if (!listed.ok) return ctx.fail(listed.error);
      items = listed.value;
    }
    const sortBy = f.str("sort-by");
    if (sortBy && items.length > 0) {
      const sorted = sortObjects(items, sortBy);
      if (!sorted.ok) return ctx.fail(sorted.error);
      items = sorted.value;
    }
    groups.push({ type: r.type, items });
  }
  const all = groups.flatMap((g) => g.items);
  const fmt = format.value;
  if (fmt.kind === "table") {
    const showKind = f.bool("show-kind") || requests.length > 1;
    const tables: string[] = [];
    for (const g of groups) {
      if (g.items.length === 0) continue;
      const opts = {
        wide: fmt.wide,
        allNamespaces: allNs && g.type.namespaced,
        showLabels: f.bool("show-labels"),
        labelColumns: f.list("label-columns").flatMap((l) => l.split(",")).filter(Boolean),
        noHeaders: f.bool("no-headers"),
        showKind,
      };
      tables.push(
        g.type.kind === "Endpoints"
          ? printEndpointsTable(g.items as Endpoints[], { ...opts, nowMs: ctx.nowMs })
          : printTable(g.items as Stored[], { ...opts, now: clockAt(ctx.nowMs) }),
      );
    }
    ctx.write(tables.join("\n"));
    if (all.length === 0 && errors.length === 0 && !named) {
      const clusterScoped = requests.every((r) => !r.type.namespaced);
      ctx.warn(noResourcesFound(allNs || clusterScoped ? undefined : ctx.namespace));
    }
  } else {
    const single = requests.length === 1 && requests[0].names.length === 1 && !resolved.value.requests.some((r) => r.names.length > 1);
    if (fmt.kind === "name" && all.length === 0 && errors.length === 0 && !named) {
      ctx.warn(noResourcesFound(allNs || requests.every((r) => !r.type.namespaced) ? undefined : ctx.namespace));
    } else if (!(single && all.length === 0)) {
      const printed = printObjects(all, fmt, single, f.bool("no-headers"));
      if (!printed.ok) return ctx.fail(printed.error);
      ctx.write(printed.value);
    }
  }
  for (const e of errors) ctx.warn(e);
  return errors.length ? 1 : 0;
}

export const getCommand: CommandDef = {
  name: "get",
  group: "Basic Commands (Intermediate)",
  short: "Display one or many resources",
  use: "kubectl get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]",
  examples: `  # List all pods in ps output format
  kubectl get pods

  # List all pods in ps output format with more information (such as node name)
  kubectl get pods -o wide

  # List a single pod in JSON output format
  kubectl get -o json pod web-pod-13je7

  # Return only the phase value of the specified pod
  kubectl get -o template pod/web-pod-13je7 --template={{.status.phase}}

  # List resource information in custom columns
  kubectl get pod test-pod -o custom-columns=CONTAINER:.spec.containers[0].name,IMAGE:.spec.containers[0].image

  # List all replication controllers and services together in ps output format
  kubectl get rc,services

  # List one or more resources by their type and names
  kubectl get rc/web service/frontend pods/web-pod-13je7`,
  flags: [
    OUTPUT,
    SELECTOR,
    FIELD_SELECTOR,
    ALL_NAMESPACES,
    { name: "show-labels", type: "bool", default: false, usage: "When printing, show all labels as the last column (default hide labels column)" },
    { name: "label-columns", short: "L", type: "stringArray", usage: "Accepts a comma separated list of labels that are going to be presented as columns. Names are case-sensitive." },
    { name: "sort-by", type: "string", usage: "If non-empty, sort list types using this field specification.  The field specification is expressed as a JSONPath expression (e.g. '{.metadata.name}')." },
    { name: "no-headers", type: "bool", default: false, usage: "When using the default or custom-column output format, don't print headers (default print headers)." },
    { name: "show-kind", type: "bool", default: false, usage: "If present, list the resource type for the requested object(s)." },
    { name: "ignore-not-found", type: "bool", default: false, usage: "If the requested object does not exist the command will return exit code 0." },
    { name: "watch", short: "w", type: "bool", default: false, usage: "After listing/getting the requested object, watch for changes. (Crashloop prints the current state once: run the command again to see changes.)" },
    { name: "chunk-size", type: "int", default: 500, usage: "Return large lists in chunks rather than all at once." },
  ],
  run: runGet,
};
