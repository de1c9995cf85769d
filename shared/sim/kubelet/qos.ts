/**
 * The pod's QoS class (pkg/apis/core/v1/helper/qos/qos.go), which the API server sets on
 * create. Used only when the stored status has none (admission here does not set it yet).
 */
import type { Pod } from "../../k8s/schema/pod.ts";
import { parseQuantity } from "../../k8s/quantity.ts";

export function podQOSClass(pod: Pick<Pod, "spec">): "Guaranteed" | "Burstable" | "BestEffort" {
  const all = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
  let anySet = false;
  let guaranteed = true;
  for (const c of all) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const r of ["cpu", "memory"]) {
      const rq = req[r] !== undefined ? parseQuantity(req[r]) : undefined;
      const lm = lim[r] !== undefined ? parseQuantity(lim[r]) : undefined;
      if ((rq !== undefined && rq !== 0) || (lm !== undefined && lm !== 0)) anySet = true;
      if (lm === undefined) guaranteed = false;
      else if (rq !== undefined && rq !== lm) guaranteed = false;
    }
  }
  if (!anySet) return "BestEffort";
  return guaranteed ? "Guaranteed" : "Burstable";
}
