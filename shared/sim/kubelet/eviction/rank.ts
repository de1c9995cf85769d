import type { Pod } from "../../../k8s/schema/pod.ts";
import { podPriority, podRequestBytes, type ReclaimableResource } from "./resources.ts";

/**
 * The kubelet's eviction ranking (pkg/kubelet/eviction/helpers.go): rankMemoryPressure =
 * orderedBy(exceedMemoryRequests, priority, memory), and rankDiskPressure the same over
 * ephemeral storage. Pods whose usage exceeds their request go first, then lower priority,
 * then the larger usage above request. Pure functions of explicit usage numbers.
 */

interface Ranked {
  pod: Pick<Pod, "metadata" | "spec">;
  usageBytes: number;
}

type Cmp = (a: Ranked & { requestBytes: number }, b: Ranked & { requestBytes: number }) => number;

/** cmpBool: true sorts before false. */
const cmpBool = (a: boolean, b: boolean): number => (a === b ? 0 : a ? -1 : 1);

const exceedsRequests: Cmp = (a, b) => cmpBool(a.usageBytes > a.requestBytes, b.usageBytes > b.requestBytes);
const priority: Cmp = (a, b) => Math.sign(podPriority(a.pod) - podPriority(b.pod));
/** Larger consumption relative to request first. */
const usageAboveRequest: Cmp = (a, b) => Math.sign((b.usageBytes - b.requestBytes) - (a.usageBytes - a.requestBytes));
/**
 * Go's sort.Sort is not stable, so Kubernetes leaves full ties in an arbitrary order; we break
 * them by namespace/name so the simulation is deterministic.
 */
const byName: Cmp = (a, b) => {
  const ka = `${a.pod.metadata.namespace ?? ""}/${a.pod.metadata.name ?? ""}`;
  const kb = `${b.pod.metadata.namespace ?? ""}/${b.pod.metadata.name ?? ""}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

/** orderedBy(cmp...): sort by the first comparison that tells the two apart. */
export function orderedBy<T extends Ranked>(items: readonly T[], resource: ReclaimableResource, ...cmps: Cmp[]): T[] {
  const withRequests = items.map((it) => ({ it, r: { ...it, requestBytes: podRequestBytes(it.pod, resource) } }));
  withRequests.sort((x, y) => {
    for (const c of [...cmps, byName]) {
      const v = c(x.r, y.r);
      if (v !== 0) return v;
    }
    return 0;
  });
  return withRequests.map((x) => x.it);
}

/** rankMemoryPressure: the order in which the kubelet evicts pods when memory.available is low. */
export function rankMemoryPressure<T extends Ranked>(items: readonly T[]): T[] {
  return orderedBy(items, "memory", exceedsRequests, priority, usageAboveRequest);
}

/** rankDiskPressure (nodefs, single filesystem): ranking by ephemeral-storage usage. */
export function rankDiskPressure<T extends Ranked>(items: readonly T[]): T[] {
  return orderedBy(items, "ephemeral-storage", exceedsRequests, priority, usageAboveRequest);
}

/** Pod names in the order the kubelet evicts them under memory pressure. */
export function rankForEviction(candidates: { pod: Pod; memoryWorkingSetBytes: number }[]): string[] {
  return rankMemoryPressure(candidates.map((c) => ({ pod: c.pod, usageBytes: c.memoryWorkingSetBytes }))).map((r) => r.pod.metadata.name ?? "");
}

/** Pod names in the order the kubelet evicts them under disk (nodefs) pressure. */
export function rankForDiskPressure(candidates: { pod: Pod; ephemeralStorageBytes: number }[]): string[] {
  return rankDiskPressure(candidates.map((c) => ({ pod: c.pod, usageBytes: c.ephemeralStorageBytes }))).map((r) => r.pod.metadata.name ?? "");
}

/** The individual comparisons, for tests that port helpers_test.go's single-criterion cases. */
export const evictionComparisons = { exceedsRequests, priority, usageAboveRequest };
