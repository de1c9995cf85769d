import { parseQuantityMillis } from "../../../k8s/quantity.ts";
import type { Pod } from "../../../k8s/schema/pod.ts";

const QOS_RESOURCES = ["cpu", "memory"];

/**
 * qos.GetPodQOS (kubectl/pkg/util/qos): BestEffort without cpu/memory requests or limits,
 * Guaranteed when every container limits both and requests equal limits, else Burstable.
 * A request left out where a limit is set counts as the limit, as API defaulting makes it.
 */
export function getPodQOS(pod: Pod): "Guaranteed" | "Burstable" | "BestEffort" {
  const requests = new Map<string, number>();
  const limits = new Map<string, number>();
  let isGuaranteed = true;
  for (const c of [...pod.spec.containers, ...(pod.spec.initContainers ?? [])]) {
    const lim = c.resources?.limits ?? {};
    const req = { ...lim, ...(c.resources?.requests ?? {}) };
    for (const name of QOS_RESOURCES) {
      if (req[name] !== undefined) {
        const v = parseQuantityMillis(req[name]);
        if (v !== 0) requests.set(name, (requests.get(name) ?? 0) + v);
      }
    }
    const found = new Set<string>();
    for (const name of QOS_RESOURCES) {
      if (lim[name] !== undefined) {
        const v = parseQuantityMillis(lim[name]);
        if (v !== 0) {
          found.add(name);
          limits.set(name, (limits.get(name) ?? 0) + v);
        }
      }
    }
    if (found.size !== QOS_RESOURCES.length) isGuaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return "BestEffort";
  if (isGuaranteed) {
    for (const [name, v] of requests) if (limits.get(name) !== v) isGuaranteed = false;
  }
  return isGuaranteed && requests.size === limits.size ? "Guaranteed" : "Burstable";
}
