import type { PodTemplateSpec } from "../../../k8s/schema/pod.ts";
import { canonicalJSON, fnv32a } from "../../../util/canonical.ts";
import { safeEncodeString } from "../../rng.ts";

/** The label that ties a ReplicaSet and its pods to one template of a Deployment. */
export const POD_TEMPLATE_HASH_LABEL = "pod-template-hash";

/**
 * controller.ComputeHash: fnv32a of the template (plus the collision count), printed as a
 * decimal number and passed through rand.SafeEncodeString, giving labels like `7d4b9c6f8`.
 * Simplification: Go hashes the template's spew dump; we hash its canonical JSON, so the value
 * for a given template differs from a real cluster's, but its shape and stability are the same.
 */
export function computeHash(template: PodTemplateSpec, collisionCount?: number): string {
  let input = canonicalJSON(semantic(withoutHashLabel(template)));
  if (collisionCount !== undefined) input += String(collisionCount);
  return safeEncodeString(String(fnv32a(input)));
}

/** The template without the pod-template-hash label (labels dropped when that leaves none). */
export function withoutHashLabel(template: PodTemplateSpec): PodTemplateSpec {
  const labels = template.metadata?.labels;
  if (!labels || !(POD_TEMPLATE_HASH_LABEL in labels)) return template;
  const rest = { ...labels };
  delete rest[POD_TEMPLATE_HASH_LABEL];
  return { ...template, metadata: { ...template.metadata, labels: rest } };
}

/** EqualIgnoreHash: templates equal apart from the hash label (apiequality.Semantic: nil == empty). */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  if (!a || !b) return a === b;
  return canonicalJSON(semantic(withoutHashLabel(a))) === canonicalJSON(semantic(withoutHashLabel(b)));
}

/** Drop empty maps and lists, which Semantic.DeepEqual treats as equal to absent ones. */
function semantic(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? v.map(semantic) : undefined;
  if (v === null || typeof v !== "object") return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const s = semantic(x);
    if (s !== undefined) out[k] = s;
  }
  return Object.keys(out).length ? out : undefined;
}
