import type { Pod } from "../../../k8s/schema/pod.ts";
import { formatBytes } from "../../../k8s/quantity.ts";
import { containerRequestBytes, containerRequestString, type ReclaimableResource } from "./resources.ts";

/** Reason in the pod status, the Evicted event and admission refusals (eviction.Reason). */
export const EVICTED_REASON = "Evicted";

/**
 * evictionMessage (pkg/kubelet/eviction/helpers.go), word for word, trailing spaces included:
 * `The node was low on resource: memory. Threshold quantity: 100Mi, available: 51200Ki. ` then,
 * for every container using more than it requested,
 * `Container web was using 300Mi, request is 100Mi, has larger consumption of memory. `.
 * `containerUsageBytes` is the per-container usage the stats report (memory working set);
 * containers without stats are left out, as in the kubelet. Simplification: no per-container
 * disk stats are simulated, so disk messages carry no container part.
 */
export function evictionMessage(
  resource: ReclaimableResource,
  pod: Pick<Pod, "spec">,
  thresholdInfo: { quantity: string; available: string } | undefined,
  containerUsageBytes: Record<string, number> | undefined,
): string {
  let message = `The node was low on resource: ${resource}. `;
  if (thresholdInfo) message += `Threshold quantity: ${thresholdInfo.quantity}, available: ${thresholdInfo.available}. `;
  if (!containerUsageBytes) return message;
  for (const c of [...pod.spec.containers, ...(pod.spec.initContainers ?? [])]) {
    const usage = containerUsageBytes[c.name];
    if (usage === undefined) continue;
    if (usage > containerRequestBytes(c, resource)) {
      message += `Container ${c.name} was using ${formatBytes(usage)}, request is ${containerRequestString(c, resource)}, has larger consumption of ${resource}. `;
    }
  }
  return message;
}

/** nodeConditionMessageFmt with Go's %v of a []NodeConditionType: `The node had condition: [MemoryPressure]. `. */
export function nodeConditionMessage(conditions: readonly string[]): string {
  return `The node had condition: [${conditions.join(" ")}]. `;
}
