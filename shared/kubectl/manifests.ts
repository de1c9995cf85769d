/**
 * Manifests as kubectl reads them from `-f -`: multi-document YAML (or JSON), `kind: List`
 * flattened, empty documents skipped; parse errors worded like kubectl's decoder.
 */
import { parseAllDocuments } from "yaml";
import { err, ok, type Result } from "../util/result.ts";
import { KINDS, isKind } from "../k8s/kinds.ts";
import type { CommandContext } from "./context.ts";
import { kindPrefix, typeOfKind } from "./resources.ts";

export type Manifest = Record<string, unknown> & { metadata?: Record<string, unknown> };

/** Parse `text` (source name for messages, e.g. `STDIN`) into objects. */
export function parseManifests(text: string, source: string): Result<Manifest[], string> {
  let docs;
  try {
    docs = parseAllDocuments(text, { version: "1.1", uniqueKeys: false });
  } catch (e) {
    return err(`error: error parsing ${source}: ${(e as Error).message}`);
  }
  const out: Manifest[] = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length) {
      const e = doc.errors[0];
      const line = e.linePos?.[0]?.line;
      return err(`error: error parsing ${source}: error converting YAML to JSON: yaml: ${line ? `line ${line}: ` : ""}${e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}`);
    }
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) continue;
    if (typeof value !== "object" || Array.isArray(value)) {
      return err(`error: error parsing ${source}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(value) ? "array" : typeof value === "string" ? "string" : "number"} into Go value of type map[string]interface {}`);
    }
    const m = value as Manifest;
    if (m.kind === "List" && Array.isArray(m.items)) out.push(...(m.items as Manifest[]).filter((i) => i && typeof i === "object"));
    else out.push(m);
  }
  return ok(out);
}

/** The client-side checks kubectl makes before sending (kind/apiVersion set, a known kind). */
export function checkManifest(m: Manifest, source: string): string | undefined {
  if (typeof m.apiVersion !== "string" || m.apiVersion === "") {
    return `error: error validating "${source}": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false`;
  }
  if (typeof m.kind !== "string" || m.kind === "") {
    return `error: error validating "${source}": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false`;
  }
  if (!isKind(m.kind) || KINDS[m.kind].apiVersion !== m.apiVersion) {
    const name = typeof m.metadata?.name === "string" ? m.metadata.name : "";
    const ns = typeof m.metadata?.namespace === "string" ? m.metadata.namespace : "";
    return `error: resource mapping not found for name: "${name}" namespace: "${ns}" from "${source}": no matches for kind "${m.kind}" in version "${m.apiVersion}"\nensure CRDs are installed first`;
  }
  return undefined;
}

/** `-n b` on a manifest that says namespace `a` is refused, as kubectl does. */
export function checkNamespace(ctx: CommandContext, m: Manifest): string | undefined {
  const ns = m.metadata?.namespace;
  if (ctx.namespaceGiven && typeof ns === "string" && ns !== "" && ns !== ctx.namespace && isKind(String(m.kind)) && KINDS[m.kind as keyof typeof KINDS].namespaced) {
    return `error: the namespace from the provided object "${ns}" does not match the namespace "${ctx.namespace}". You must pass '--namespace=${ns}' to perform this operation.`;
  }
  return undefined;
}

/** `deployment.apps/web` for a manifest of a known kind. */
export function manifestRef(m: Manifest, name?: string): string {
  const t = typeOfKind(m.kind as keyof typeof KINDS);
  return `${kindPrefix(t)}/${name ?? String(m.metadata?.name ?? "")}`;
}

/** Read `-f` arguments: only `-` (stdin) exists in the game. */
export function readFilenames(ctx: CommandContext, verb: string): Result<{ text: string; source: string }, string> {
  const files = ctx.flags.list("filename");
  if (files.length === 0) return err(verb === "apply" ? "error: must specify one of -f and -k" : "error: must specify one of -f and -k");
  const path = files.find((f) => f !== "-");
  if (path !== undefined) return err(`error: the path "${path}" does not exist`);
  const text = ctx.options.stdin ?? "";
  return ok({ text, source: "STDIN" });
}
