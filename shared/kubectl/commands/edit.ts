/**
 * `kubectl edit`. The game has no editor process, so edit is two round trips:
 *
 * 1. Without stdin, it prints the object as YAML after a first line
 *    `# crashloop-edit: <TYPE/NAME> -n <namespace>` (EDIT_MARKER) and exits 0. The client
 *    sees the marker, opens its editor on the text, and
 * 2. runs the same command line again with the edited text as `stdin`: it is parsed and
 *    written as an update; kubectl's messages for a cancelled, invalid or applied edit.
 */
import { parse } from "yaml";
import type { Stored } from "../../k8s/kinds.ts";
import type { CommandContext, CommandDef } from "../context.ts";
import { findTargets, refOf } from "../writes.ts";
import { inApiOrder, toYaml } from "../output.ts";
import { qualifiedResource } from "../resources.ts";
import { canonicalJSON } from "../../util/canonical.ts";

/** First line of the text `edit` hands to the client's editor. */
export const EDIT_MARKER = "# crashloop-edit: ";

/** The object reference and namespace in an edit buffer's marker line, if it has one. */
export function parseEditMarker(text: string): { ref: string; namespace?: string } | undefined {
  if (!text.startsWith(EDIT_MARKER)) return undefined;
  const line = text.slice(EDIT_MARKER.length, text.indexOf("\n") < 0 ? undefined : text.indexOf("\n"));
  const [ref, flag, ns] = line.trim().split(/\s+/);
  return flag === "-n" && ns ? { ref, namespace: ns } : { ref };
}

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

function runEdit(ctx: CommandContext): number {
  const found = findTargets(ctx, ctx.args);
  if (!found.ok) return ctx.fail(found.error);
  if (found.value.errors.length) return ctx.fail(found.value.errors[0]);
  if (found.value.targets.length !== 1) return ctx.fail("edit works on one object at a time in Crashloop");
  const t = found.value.targets[0];
  const current = t.object;
  if (ctx.options.stdin === undefined) {
    const ns = current.metadata.namespace ? ` -n ${current.metadata.namespace}` : "";
    ctx.write(`${EDIT_MARKER}${refOf(t)}${ns}\n${HEADER}${toYaml(inApiOrder(current))}`);
    return 0;
  }
  const text = ctx.options.stdin.split("\n").filter((l) => !l.trimStart().startsWith("#")).join("\n");
  if (text.trim() === "") {
    ctx.print("Edit cancelled, no changes made.");
    return 0;
  }
  let edited: unknown;
  try {
    edited = parse(text, { version: "1.1" });
  } catch (e) {
    ctx.warn(`error: error parsing edited object: ${(e as Error).message.split("\n")[0]}`);
    return ctx.fail("Edit cancelled, no valid changes were saved.");
  }
  if (edited === null || typeof edited !== "object" || Array.isArray(edited)) return ctx.fail("Edit cancelled, no valid changes were saved.");
  const obj = edited as Record<string, unknown> & { metadata?: Record<string, unknown> };
  if (canonicalJSON(obj) === canonicalJSON(current)) {
    ctx.print("Edit cancelled, no changes made.");
    return 0;
  }
  if (obj.kind !== current.kind || obj.apiVersion !== (current as { apiVersion: string }).apiVersion || obj.metadata?.name !== current.metadata.name) {
    return ctx.fail("At least one of apiVersion, kind and name was changed");
  }
  // kubectl edit sends a patch: a resourceVersion the controllers moved on from is no conflict.
  const body = { ...obj, metadata: { ...(obj.metadata ?? {}) } };
  delete body.metadata.resourceVersion;
  const r = ctx.cluster.update(body, current.metadata.namespace);
  if (!r.ok) {
    const causes = r.error.causes?.map((c) => `* ${c.message}`).join("\n");
    ctx.warn(`error: ${qualifiedResource(t.type)} "${current.metadata.name}" is ${r.error.reason === "Invalid" ? "invalid" : `not valid: ${r.error.message}`}${causes ? `\n${causes}` : ""}`);
    return ctx.fail("Edit cancelled, no valid changes were saved.");
  }
  ctx.print(`${refOf({ type: t.type, object: r.value as Stored })} edited`);
  return 0;
}

export const editCommand: CommandDef = {
  name: "edit",
  group: "Basic Commands (Intermediate)",
  short: "Edit a resource on the server",
  use: "kubectl edit (RESOURCE/NAME | -f FILENAME) [options]",
  examples: `  # Edit the service named 'registry'
  kubectl edit svc/docker-registry

  # Edit the deployment 'mydeployment' in YAML
  kubectl edit deployment/mydeployment`,
  flags: [{ name: "output", short: "o", type: "string", default: "yaml", usage: "Output format. One of: (yaml, json)." }],
  run: runEdit,
};
