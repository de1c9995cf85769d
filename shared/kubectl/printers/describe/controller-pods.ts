import type { Stored } from "../../../k8s/kinds.ts";
import type { Store } from "../../../sim/store.ts";

export interface PodPhaseCounts {
  running: number;
  waiting: number;
  succeeded: number;
  failed: number;
}

/**
 * getPodStatusForController: the phases of the pods whose controller is `owner`. kubectl lists
 * by the owner's selector and keeps those with the owner's controllerRef; the dependents index
 * yields the same pods.
 */
export function podStatusForController(store: Store, owner: Stored): PodPhaseCounts {
  const counts = { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  for (const dep of store.dependents(owner.metadata.uid)) {
    const [kind, key] = dep.split("\0");
    if (kind !== "Pod") continue;
    const pod = store.get("Pod", key);
    const ref = pod?.metadata.ownerReferences?.find((r) => r.controller);
    if (!pod || ref?.uid !== owner.metadata.uid) continue;
    switch (pod.status?.phase) {
      case "Running": counts.running++; break;
      case "Pending": counts.waiting++; break;
      case "Succeeded": counts.succeeded++; break;
      case "Failed": counts.failed++; break;
    }
  }
  return counts;
}

export function formatPodPhaseCounts(c: PodPhaseCounts): string {
  return `${c.running} Running / ${c.waiting} Waiting / ${c.succeeded} Succeeded / ${c.failed} Failed`;
}
