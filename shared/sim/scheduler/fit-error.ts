/** ErrNoNodesAvailable: the cluster has no Node at all. */
export const ERR_NO_NODES_AVAILABLE = "no nodes available to schedule pods";

/** The status of each node that was checked and failed, by node name. */
export type NodeToStatus = Map<string, { reasons: readonly string[] }>;

/** framework.Diagnosis, what FitError.Error() words. */
export interface Diagnosis {
  numAllNodes: number;
  nodeToStatus: NodeToStatus;
  /** A PreFilter rejection (the pod fails before any node is looked at). */
  preFilterMsg?: string;
  /** What PostFilter (preemption) says, already prefixed `preemption: `. */
  postFilterMsg?: string;
}

/** Go's sort.Strings: byte order, which for these ASCII strings is code unit order. */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The reasons histogram: `<count> <reason>` per distinct reason over every node's reasons,
 * sorted as strings (so "10 Insufficient cpu" sorts before "2 Insufficient memory", exactly
 * as the real scheduler prints it).
 */
export function reasonsHistogram(nodeToStatus: NodeToStatus): string[] {
  const counts = new Map<string, number>();
  for (const status of nodeToStatus.values()) for (const r of status.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts].map(([reason, n]) => `${n} ${reason}`).sort(byteOrder);
}

/**
 * FitError.Error() (pkg/scheduler/framework/types.go):
 * `0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient memory. preemption: ...`
 */
export function fitErrorMessage(d: Diagnosis): string {
  let msg = `0/${d.numAllNodes} nodes are available:`;
  if (d.preFilterMsg) {
    msg += ` ${d.preFilterMsg}.`;
  } else {
    const histogram = reasonsHistogram(d.nodeToStatus);
    if (histogram.length > 0) msg += ` ${histogram.join(", ")}.`;
  }
  if (d.postFilterMsg) msg += ` ${d.postFilterMsg}`;
  return msg;
}
