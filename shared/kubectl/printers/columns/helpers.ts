import type { Container } from "../../../k8s/schema/pod.ts";
import { formatLabelSelector, formatSelector, labelSelectorAsRequirements, type LabelSelector } from "../../../k8s/labels.ts";

/** labels.FormatLabels: `k=v` pairs sorted by key, joined by ","; `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | null | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return "<none>";
  return keys.map((k) => `${k}=${labels![k]}`).join(",");
}

/** layoutContainerCells: container names and images, each joined by ",". */
export function layoutContainerCells(containers: readonly Container[]): [string, string] {
  return [containers.map((c) => c.name).join(","), containers.map((c) => c.image ?? "").join(",")];
}

/** metav1.FormatLabelSelector: `<none>` for an empty or missing selector, `<error>` for a broken one. */
export { formatLabelSelector };

/** LabelSelectorAsSelector(sel).String(): "" for an empty selector, `<invalid>` when it fails to convert. */
export function selectorString(sel: LabelSelector | null | undefined): string {
  try {
    const reqs = labelSelectorAsRequirements(sel);
    return reqs === "nothing" ? "" : formatSelector(reqs);
  } catch {
    return "<invalid>";
  }
}

/** The cell Go's printer makes of an integer or a boolean (`%v`). */
export const num = (n: number | undefined): string => String(n ?? 0);
