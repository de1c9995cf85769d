/**
 * How level files name cluster objects: `{ kind, namespace, name }` (the namespace defaults to
 * `default` for namespaced kinds) and label selectors in kubectl's string form (`app=web,tier!=db`).
 */
import { z } from "zod";
import { KINDS, isKind, objectKey, type Kind } from "../k8s/kinds.ts";

export const kindSchema = z.string().refine(isKind, { message: `expected a simulated kind (${Object.keys(KINDS).join(", ")})` }) as unknown as z.ZodType<Kind>;

export const objectRefSchema = z.strictObject({
  kind: kindSchema,
  namespace: z.string().min(1).optional(),
  name: z.string().min(1),
});
export type LevelObjectRef = z.infer<typeof objectRefSchema>;

/** A label selector as `kubectl get -l` takes it. */
export const selectorStringSchema = z.string().min(1, "expected a label selector such as app=web");

/** The namespace a ref lives in (undefined for cluster-scoped kinds). */
export function refNamespace(ref: LevelObjectRef): string | undefined {
  return KINDS[ref.kind].namespaced ? ref.namespace ?? "default" : undefined;
}

/** `deployment/web` (namespace-qualified when not `default`), as a player reads it. */
export function formatRef(ref: LevelObjectRef): string {
  const ns = refNamespace(ref);
  const base = `${KINDS[ref.kind].singular}/${ref.name}`;
  return ns && ns !== "default" ? `${base} -n ${ns}` : base;
}

/** Stable identity of a ref (store key plus kind). */
export function refKey(ref: LevelObjectRef): string {
  return `${ref.kind}:${objectKey(refNamespace(ref), ref.name)}`;
}
