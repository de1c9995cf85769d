/** `kubectl apply -f -` and `kubectl create -f -`: manifests through the API, one line per object. */
import type { CommandContext, CommandDef } from "../context.ts";
import { DRY_RUN, FILENAME, RECORD } from "../common-flags.ts";
import { formatApiError } from "../api-errors.ts";
import { checkManifest, checkNamespace, manifestRef, parseManifests, readFilenames, type Manifest } from "../manifests.ts";
import { canonicalJSON } from "../../util/canonical.ts";

export const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

/** What client-side apply records on the object: the manifest as sent, keys sorted like Go's map encoding. */
function withLastApplied(m: Manifest): Manifest {
  const meta = (m.metadata ?? {}) as Record<string, unknown>;
  const annotations = { ...((meta.annotations as Record<string, string> | undefined) ?? {}) };
  delete annotations[LAST_APPLIED];
  const recorded = { ...m, metadata: { ...meta, ...(Object.keys(annotations).length ? { annotations } : {}) } };
  if (!Object.keys(annotations).length) delete (recorded.metadata as Record<string, unknown>).annotations;
  return { ...m, metadata: { ...meta, annotations: { ...annotations, [LAST_APPLIED]: canonicalJSON(recorded) + "\n" } } };
}

/** Shared by apply and create -f: returns the exit code. */
export function applyManifests(ctx: CommandContext, mode: "apply" | "create"): number {
  const input = readFilenames(ctx, mode);
  if (!input.ok) return ctx.fail(input.error);
  const parsed = parseManifests(input.value.text, input.value.source);
  if (!parsed.ok) return ctx.fail(parsed.error);
  if (parsed.value.length === 0) return ctx.fail(`error: no objects passed to ${mode}`);
  const dryRun = ctx.flags.str("dry-run");
  if (!["none", "client", "server", "true", "false"].includes(dryRun)) {
    return ctx.fail(`Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".`);
  }
  let failed = false;
  for (const m of parsed.value) {
    const bad = checkManifest(m, input.value.source) ?? checkNamespace(ctx, m);
    if (bad) {
      ctx.warn(bad);
      failed = true;
      continue;
    }
    if (dryRun === "client" || dryRun === "server" || dryRun === "true") {
      ctx.print(`${manifestRef(m)} ${mode === "apply" ? "configured" : "created"} (${dryRun === "server" ? "server " : ""}dry run)`);
      continue;
    }
    if (mode === "create") {
      const r = ctx.cluster.create(m, ctx.namespace);
      if (!r.ok) {
        ctx.warn(formatApiError(r.error, { verb: "creating", source: input.value.source }));
        failed = true;
      } else ctx.print(`${manifestRef(m, r.value.metadata.name)} created`);
      continue;
    }
    const r = ctx.cluster.apply(withLastApplied(m), ctx.namespace);
    if (!r.ok) {
      const creating = !(typeof m.metadata?.name === "string" && ctx.cluster.get(m.kind as "Pod", String(m.metadata?.namespace ?? ctx.namespace), m.metadata.name));
      // Simplification: a failed update prints the server's error without kubectl's patch dump.
      ctx.warn(formatApiError(r.error, creating ? { verb: "creating", source: input.value.source } : undefined));
      failed = true;
      continue;
    }
    const verb = r.value.created ? "created" : r.value.unchanged ? "unchanged" : "configured";
    ctx.print(`${manifestRef(m, r.value.object.metadata.name)} ${verb}`);
  }
  return failed ? 1 : 0;
}

export const applyCommand: CommandDef = {
  name: "apply",
  group: "Advanced Commands",
  short: "Apply a configuration to a resource by file name or stdin",
  use: "kubectl apply (-f FILENAME | -k DIRECTORY) [options]",
  examples: `  # Apply the configuration in manifest.yaml (paste it: the game feeds it as stdin)
  kubectl apply -f -`,
  flags: [
    FILENAME,
    DRY_RUN,
    RECORD,
    { name: "server-side", type: "bool", default: false, usage: "If true, apply runs in the server instead of the client." },
    { name: "force", type: "bool", default: false, usage: "If true, immediately remove resources from API and bypass graceful deletion." },
    { name: "validate", type: "string", default: "strict", usage: "Must be one of: strict (or true), warn, ignore (or false)." },
  ],
  run: (ctx) => applyManifests(ctx, "apply"),
};
