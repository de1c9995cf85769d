/** `kubectl explain TYPE[.field.path]` over the small reference in explain-table.ts. */
import type { CommandContext, CommandDef } from "../context.ts";
import { EXPLAIN } from "../explain-table.ts";
import { resolveResourceType } from "../resources.ts";

/** Word-wrap at 80 columns with kubectl's 4-space indent. */
function wrap(text: string, indent: string): string {
  const out: string[] = [];
  let line = "";
  for (const w of text.split(" ")) {
    if (line && indent.length + line.length + 1 + w.length > 80) {
      out.push(indent + line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) out.push(indent + line);
  return out.join("\n");
}

function runExplain(ctx: CommandContext): number {
  const arg = ctx.args[0];
  if (!arg) return ctx.usageError(`You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.`);
  const [typed, ...path] = arg.split(".");
  const t = resolveResourceType(typed);
  if (!t) return ctx.fail(`the server doesn't have a resource type "${typed}"`);
  const key = [t.kind, ...path].join(".");
  const e = EXPLAIN[key];
  if (!e) {
    if (path.length) return ctx.fail(`field "${path[path.length - 1]}" does not exist`);
    return ctx.fail(`Crashloop has no explain text for ${t.plural} yet (try pods, deployments, services, nodes, configmaps)`);
  }
  const lines = [`KIND:       ${t.kind}`, `VERSION:    ${t.apiVersion}`, ""];
  if (path.length) lines.push(`FIELD: ${path[path.length - 1]} ${e.type}`, "");
  lines.push("DESCRIPTION:", wrap(e.description, "    "), "    ");
  if (e.fields) {
    lines.push("FIELDS:");
    for (const [name, type] of Object.entries(e.fields)) lines.push(`  ${name}\t${type}`);
  }
  ctx.print(lines.join("\n") + "\n");
  return 0;
}

export const explainCommand: CommandDef = {
  name: "explain",
  group: "Basic Commands (Intermediate)",
  short: "Get documentation for a resource",
  use: "kubectl explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [--output=plaintext|plaintext-openapiv2] [options]",
  examples: `  # Get the documentation of the resource and its fields
  kubectl explain pods

  # Get the documentation of a specific field of a resource
  kubectl explain pods.spec.containers`,
  flags: [{ name: "recursive", type: "bool", default: false, usage: "When true, print the name of all the fields recursively. Otherwise, print the available fields with their description." }],
  run: runExplain,
};
