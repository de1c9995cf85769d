import { compileRequiredNodeAffinity } from "../../k8s/node-affinity.ts";
import type { Stored } from "../../k8s/kinds.ts";
import type { Pod, Toleration } from "../../k8s/schema/pod.ts";
import { findUntoleratedTaint, TAINT_NODE_UNSCHEDULABLE, tolerationsTolerateTaint } from "../../k8s/taints.ts";
import type { NodeInfo } from "./cache.ts";
import { hostPortsConflict, type PodRequest } from "./resources.ts";

/**
 * A Filter plugin's verdict on one node (framework.Status). `UnschedulableAndUnresolvable`
 * means preemption cannot help; `Unschedulable` means removing pods might.
 */
export interface FilterStatus {
  code: "Unschedulable" | "UnschedulableAndUnresolvable";
  plugin: FilterPlugin;
  reasons: readonly string[];
}

export type FilterPlugin = "NodeUnschedulable" | "NodeName" | "TaintToleration" | "NodeAffinity" | "NodePorts" | "NodeResourcesFit";

/** The failure reasons, exactly as the plugins word them. */
export const ERR_REASON_UNSCHEDULABLE = "node(s) were unschedulable";
export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";
export const ERR_REASON_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";
export const ERR_REASON_TOO_MANY_PODS = "Too many pods";
export const ERR_REASON_INSUFFICIENT_CPU = "Insufficient cpu";
export const ERR_REASON_INSUFFICIENT_MEMORY = "Insufficient memory";

export function untoleratedTaintReason(key: string, value: string | undefined): string {
  return `node(s) had untolerated taint {${key}: ${value ?? ""}}`;
}

const unresolvable = (plugin: FilterPlugin, reason: string): FilterStatus => ({ code: "UnschedulableAndUnresolvable", plugin, reasons: [reason] });
const UNSCHEDULABLE_NODE = unresolvable("NodeUnschedulable", ERR_REASON_UNSCHEDULABLE);
const NODE_NAME_MISMATCH = unresolvable("NodeName", ERR_REASON_NODE_NAME);
const AFFINITY_MISMATCH = unresolvable("NodeAffinity", ERR_REASON_NODE_AFFINITY);
const PORTS_IN_USE: FilterStatus = { code: "Unschedulable", plugin: "NodePorts", reasons: [ERR_REASON_NODE_PORTS] };

/** Everything the filters need about the pod, computed once per scheduling attempt (the PreFilter step). */
export interface PodFilterInput {
  pod: Stored<Pod>;
  request: PodRequest;
  tolerations: readonly Toleration[];
  toleratesUnschedulable: boolean;
  matchesAffinity: ((node: NodeInfo["node"] & object) => boolean) | null;
}

export function preparePod(pod: Stored<Pod>, request: PodRequest): PodFilterInput {
  const tolerations = pod.spec.tolerations ?? [];
  const hasAffinity = (pod.spec.nodeSelector && Object.keys(pod.spec.nodeSelector).length > 0) || pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return {
    pod,
    request,
    tolerations,
    toleratesUnschedulable: tolerationsTolerateTaint(tolerations, { key: TAINT_NODE_UNSCHEDULABLE, effect: "NoSchedule" }),
    matchesAffinity: hasAffinity ? compileRequiredNodeAffinity(pod.spec) : null,
  };
}

/**
 * Run the Filter plugins of the default profile in their order (NodeUnschedulable, NodeName,
 * TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit); the first that rejects the node
 * decides, as RunFilterPlugins does. null: the pod fits.
 *
 * `freed` lets preemption's dry run ask "and without these pods?".
 */
export function runFilters(p: PodFilterInput, info: NodeInfo, freed?: { cpuMillis: number; memoryBytes: number; pods: number; hostPorts: string[] }): FilterStatus | null {
  if (info.unschedulable && !p.toleratesUnschedulable) return UNSCHEDULABLE_NODE;
  if (p.pod.spec.nodeName && p.pod.spec.nodeName !== info.name) return NODE_NAME_MISMATCH;
  if (info.filterTaints.length > 0) {
    const taint = findUntoleratedTaint(info.filterTaints, p.tolerations);
    if (taint) return unresolvable("TaintToleration", untoleratedTaintReason(taint.key, taint.value));
  }
  if (p.matchesAffinity && !p.matchesAffinity(info.node!)) return AFFINITY_MISMATCH;
  const req = p.request;
  if (req.hostPorts.length > 0 && info.usedHostPorts.size > 0) {
    for (const want of req.hostPorts) {
      for (const used of info.usedHostPorts.keys()) {
        if (freed?.hostPorts.includes(used)) continue;
        if (hostPortsConflict(want, used)) return PORTS_IN_USE;
      }
    }
  }
  return fitsRequest(req, info, freed);
}

/** NodeResourcesFit's fitsRequest: every insufficient resource is a reason, in this order. */
function fitsRequest(req: PodRequest, info: NodeInfo, freed?: { cpuMillis: number; memoryBytes: number; pods: number }): FilterStatus | null {
  const podCount = info.podCount - (freed?.pods ?? 0);
  const tooMany = podCount + 1 > info.allocPods;
  if (req.cpuMillis === 0 && req.memoryBytes === 0) {
    return tooMany ? { code: "Unschedulable", plugin: "NodeResourcesFit", reasons: [ERR_REASON_TOO_MANY_PODS] } : null;
  }
  const cpu = info.allocCpuMillis < req.cpuMillis + info.requestedCpuMillis - (freed?.cpuMillis ?? 0);
  const mem = info.allocMemoryBytes < req.memoryBytes + info.requestedMemoryBytes - (freed?.memoryBytes ?? 0);
  if (!tooMany && !cpu && !mem) return null;
  const reasons: string[] = [];
  if (tooMany) reasons.push(ERR_REASON_TOO_MANY_PODS);
  if (cpu) reasons.push(ERR_REASON_INSUFFICIENT_CPU);
  if (mem) reasons.push(ERR_REASON_INSUFFICIENT_MEMORY);
  return { code: "Unschedulable", plugin: "NodeResourcesFit", reasons };
}
