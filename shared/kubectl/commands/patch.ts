/** `kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json]`. */
import { parse } from "yaml";
import type { Stored } from "../../k8s/kinds.ts";
import type { CommandContext, CommandDef } from "../context.ts";
import { findTargets, refOf, writeBack } from "../writes.ts";
import { jsonPatch, mergePatch, strategicMergePatch } from "../patch.ts";

function runPatch(ctx: CommandContext): number {
  const text = ctx.flags.str("patch");
  if (!ctx.flags.has("patch")) return ctx.fail(`required flag(s) "patch" not set`);
  const type = ctx.flags.str("type");
  if (!["strategic", "merge", "json"].includes(type)) return ctx.fail(`--type must be one of [json merge strategic], not "${type}"`);
  let patch: unknown;
  try {
    patch = parse(text, { version: "1.1" });
  } catch (e) {
    return ctx.fail(`unable to parse "${text}": yaml: ${(e as Error).message.split("\n")[0]}`);
  }
  if (patch === null || patch === undefined) return ctx.fail(`unable to parse "${text}": yaml: empty patch`);
  const found = findTargets(ctx, ctx.args);
  if (!found.ok) return ctx.fail(found.error);
  for (const t of found.value.targets) {
    const before = t.object as Stored;
    let after: unknown;
    if (type === "json") {
      const r = jsonPatch(before, patch);
      if (!r.ok) return ctx.fail(`Error from server (UnprocessableEntity): ${r.error}`);
      after = r.value;
    } else if (type === "merge") after = mergePatch(before, patch);
    else {
      if (typeof patch !== "object" || Array.isArray(patch)) return ctx.fail(`Error from server (BadRequest): json: cannot unmarshal array into Go value of type map[string]interface {}`);
      after = strategicMergePatch(before, patch);
    }
    if (after === null || typeof after !== "object" || Array.isArray(after)) return ctx.fail("Error from server (BadRequest): the patched object is not an object");
    const meta = (after as { metadata?: { name?: unknown } }).metadata;
    if (meta?.name !== before.metadata.name) return ctx.fail(`Error from server (BadRequest): the name of the object (${String(meta?.name)}) does not match the name on the URL (${before.metadata.name})`);
    // Patches go to the main resource: status cannot change through them (server keeps it).
    const w = writeBack(ctx, before, after as Record<string, unknown>);
    if (!w.ok) return ctx.fail(w.error);
    const changed = w.value;
    ctx.print(`${refOf(t)} patched${changed ? "" : " (no change)"}`);
  }
  for (const e of found.value.errors) ctx.warn(e);
  return found.value.errors.length ? 1 : 0;
}

export const patchCommand: CommandDef = {
  name: "patch",
  group: "Advanced Commands",
  short: "Update fields of a resource",
  use: "kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]",
  examples: `  # Partially update a node using a strategic merge patch, specifying the patch as JSON
  kubectl patch node k8s-node-1 -p '{"spec":{"unschedulable":true}}'

  # Update a container's image; spec.containers[*].name is required because it's a merge key
  kubectl patch pod valid-pod -p '{"spec":{"containers":[{"name":"kubernetes-serve-hostname","image":"new image"}]}}'

  # Update a container's image using a JSON patch with positional arrays
  kubectl patch pod valid-pod --type='json' -p='[{"op": "replace", "path": "/spec/containers/0/image", "value":"new image"}]'

  # Update a deployment's replicas through the 'scale' subresource using a merge patch
  kubectl patch deployment nginx-deployment --subresource='scale' --type='merge' -p '{"spec":{"replicas":2}}'`,
  flags: [
    { name: "patch", short: "p", type: "string", usage: "The patch to be applied to the resource JSON file." },
    { name: "type", type: "string", default: "strategic", usage: "The type of patch being provided; one of [json merge strategic]" },
    { name: "subresource", type: "string", usage: "If specified, patch will operate on the subresource of the requested object." },
  ],
  run: runPatch,
};
