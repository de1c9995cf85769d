import { compileRequiredNodeAffinity } from "../../../k8s/node-affinity.ts";
import type { Node } from "../../../k8s/schema/node.ts";
import type { Pod, PodSpec, Toleration } from "../../../k8s/schema/pod.ts";
import type { DaemonSet } from "../../../k8s/schema/workloads.ts";
import {
  TAINT_NODE_DISK_PRESSURE,
  TAINT_NODE_MEMORY_PRESSURE,
  TAINT_NODE_NETWORK_UNAVAILABLE,
  TAINT_NODE_NOT_READY,
  TAINT_NODE_PID_PRESSURE,
  TAINT_NODE_UNREACHABLE,
  TAINT_NODE_UNSCHEDULABLE,
  findUntoleratedTaint,
} from "../../../k8s/taints.ts";

/** pkg/controller/daemon/util/daemonset_util.go and NodeShouldRunDaemonPod (daemon_controller.go). */
export const CONTROLLER_REVISION_HASH_LABEL = "controller-revision-hash";
export const TEMPLATE_GENERATION_LABEL = "pod-template-generation";

/** AddOrUpdateDaemonPodTolerations: what lets daemons run on nodes that are unhealthy or cordoned. */
export function addDaemonPodTolerations(spec: PodSpec): Toleration[] {
  const auto: Toleration[] = [
    { key: TAINT_NODE_NOT_READY, operator: "Exists", effect: "NoExecute" },
    { key: TAINT_NODE_UNREACHABLE, operator: "Exists", effect: "NoExecute" },
    { key: TAINT_NODE_DISK_PRESSURE, operator: "Exists", effect: "NoSchedule" },
    { key: TAINT_NODE_MEMORY_PRESSURE, operator: "Exists", effect: "NoSchedule" },
    { key: TAINT_NODE_PID_PRESSURE, operator: "Exists", effect: "NoSchedule" },
    { key: TAINT_NODE_UNSCHEDULABLE, operator: "Exists", effect: "NoSchedule" },
  ];
  if (spec.hostNetwork) auto.push({ key: TAINT_NODE_NETWORK_UNAVAILABLE, operator: "Exists", effect: "NoSchedule" });
  const out = [...(spec.tolerations ?? [])];
  for (const t of auto) {
    // AddOrUpdateTolerationInPodSpec: an identical toleration is kept, not duplicated.
    const same = out.findIndex((o) => o.key === t.key && (o.operator ?? "Equal") === t.operator && (o.value ?? "") === "" && o.effect === t.effect);
    if (same >= 0) out[same] = t;
    else out.push(t);
  }
  return out;
}

/**
 * ReplaceDaemonSetPodNodeNameNodeAffinity: pin the pod to one node with a required
 * `matchFields metadata.name In [node]` term (kept with each term's matchExpressions), so
 * the default scheduler binds it.
 */
export function pinToNode(spec: PodSpec, nodeName: string): PodSpec {
  const field = { key: "metadata.name", operator: "In" as const, values: [nodeName] };
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const terms = required?.nodeSelectorTerms?.length
    ? required.nodeSelectorTerms.map((t) => ({ ...t, matchFields: [field] }))
    : [{ matchFields: [field] }];
  return {
    ...spec,
    affinity: {
      ...(spec.affinity ?? {}),
      nodeAffinity: { ...(spec.affinity?.nodeAffinity ?? {}), requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } },
    },
  };
}

/** The node a daemon pod is for: its nodeName, else the node of its matchFields affinity (GetTargetNodeName). */
export function targetNodeName(pod: Pod): string | undefined {
  if (pod.spec.nodeName) return pod.spec.nodeName;
  for (const t of pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const f of t.matchFields ?? []) if (f.key === "metadata.name" && f.operator === "In" && f.values?.length === 1) return f.values[0];
  }
  return undefined;
}

export interface NodeEligibility {
  /** A daemon pod should be created there. */
  shouldRun: boolean;
  /** An existing daemon pod may stay (it tolerates the NoExecute taints). */
  shouldContinueRunning: boolean;
}

/** A DaemonSet's eligibility check, compiled once per sync. */
export function compileNodeEligibility(ds: DaemonSet): (node: Node) => NodeEligibility {
  const spec = ds.spec.template.spec;
  const tolerations = addDaemonPodTolerations(spec);
  const affinity = compileRequiredNodeAffinity(spec);
  return (node) => {
    const name = node.metadata.name ?? "";
    if (spec.nodeName && spec.nodeName !== name) return { shouldRun: false, shouldContinueRunning: false };
    if (!affinity(node)) return { shouldRun: false, shouldContinueRunning: false };
    const taints = node.spec?.taints;
    const blocking = findUntoleratedTaint(taints, tolerations, (t) => t.effect === "NoSchedule" || t.effect === "NoExecute");
    if (!blocking) return { shouldRun: true, shouldContinueRunning: true };
    const evicting = findUntoleratedTaint(taints, tolerations, (t) => t.effect === "NoExecute");
    return { shouldRun: false, shouldContinueRunning: !evicting };
  };
}

/** RollingUpdate maxUnavailable of the DaemonSet (default 1), scaled on the desired count, rounded up. */
export function daemonMaxUnavailable(ds: DaemonSet, desired: number): number {
  const v = ds.spec.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1;
  let n: number;
  if (typeof v === "number") n = v;
  else {
    const m = /^(\d+)%$/.exec(v);
    n = m ? Math.ceil((Number(m[1]) * desired) / 100) : Number(v) || 0;
  }
  return n === 0 ? 1 : n;
}
