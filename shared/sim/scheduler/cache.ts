import type { Stored } from "../../k8s/kinds.ts";
import type { Node, Taint } from "../../k8s/schema/node.ts";
import type { Pod } from "../../k8s/schema/pod.ts";
import type { Store } from "../store.ts";
import { nodeAllocatable, podRequest, QuantityCache, type PodRequest } from "./resources.ts";

/**
 * The scheduler's view of one node (framework.NodeInfo): allocatable, the sums of what its
 * pods request, their host ports and priorities. Requests of pods bound to a node the
 * scheduler has not seen yet are kept too, so the sums are right when the Node appears.
 */
export interface NodeInfo {
  name: string;
  node: Stored<Node> | undefined;
  allocCpuMillis: number;
  allocMemoryBytes: number;
  allocPods: number;
  requestedCpuMillis: number;
  requestedMemoryBytes: number;
  nonZeroCpuMillis: number;
  nonZeroMemoryBytes: number;
  podCount: number;
  unschedulable: boolean;
  /** NoSchedule and NoExecute taints, in the node's order (what the TaintToleration Filter checks). */
  filterTaints: Taint[];
  preferNoScheduleTaints: Taint[];
  /** Host port ⇒ number of pods using it. */
  usedHostPorts: Map<string, number>;
  /** Priority ⇒ number of pods (preemption asks whether lower-priority pods exist). */
  priorities: Map<number, number>;
}

/** What one bound, non-terminal pod adds to its node. */
interface Accounted {
  node: string;
  req: PodRequest;
  priority: number;
}

/** A pod the scheduler counts on a node: bound, and not Succeeded or Failed (the informer's field selector). */
export function isAssignedAndActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return !!pod.spec.nodeName && phase !== "Succeeded" && phase !== "Failed";
}

export function podPriority(pod: Pod): number {
  return pod.spec.priority ?? 0;
}

/**
 * The scheduler cache: derived entirely from the store (rebuilt on restore), then kept up to
 * date from watch events, so a scheduling decision never re-sums a node's pods.
 */
export class SchedulerCache {
  readonly quantities = new QuantityCache();
  private readonly infos = new Map<string, NodeInfo>();
  private readonly accounted = new Map<string, Accounted>();
  /** Nodes that exist, sorted by name: the order nodes are sampled in. */
  private nodeList: NodeInfo[] | null = null;
  /** Scratch buffers for one scheduling attempt (feasible nodes and their scores). */
  readonly feasible: NodeInfo[] = [];
  totals = new Float64Array(0);

  constructor(store: Store) {
    for (const node of store.list("Node")) this.setNode(node);
    for (const pod of store.list("Pod")) this.setPod(`${pod.metadata.namespace}/${pod.metadata.name}`, pod);
  }

  nodes(): readonly NodeInfo[] {
    if (!this.nodeList) {
      this.nodeList = [...this.infos.values()].filter((i) => i.node).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    }
    return this.nodeList;
  }

  nodeInfo(name: string): NodeInfo | undefined {
    return this.infos.get(name);
  }

  /** Record a node's current spec and status (add or update). */
  setNode(node: Stored<Node>): void {
    const info = this.info(node.metadata.name);
    if (!info.node) this.nodeList = null;
    info.node = node;
    const alloc = nodeAllocatable(node, this.quantities);
    info.allocCpuMillis = alloc.cpuMillis;
    info.allocMemoryBytes = alloc.memoryBytes;
    info.allocPods = alloc.pods;
    info.unschedulable = node.spec?.unschedulable === true;
    const taints = node.spec?.taints ?? [];
    info.filterTaints = taints.filter((t) => t.effect === "NoSchedule" || t.effect === "NoExecute");
    info.preferNoScheduleTaints = taints.filter((t) => t.effect === "PreferNoSchedule");
  }

  removeNode(name: string): void {
    const info = this.infos.get(name);
    if (!info) return;
    info.node = undefined;
    this.nodeList = null;
    if (info.podCount === 0) this.infos.delete(name);
  }

  /** Account for a pod's current version (undefined: deleted). */
  setPod(key: string, pod: Pod | undefined): void {
    const before = this.accounted.get(key);
    if (pod && isAssignedAndActive(pod)) {
      // Requests and priority of a bound pod never change (in-place resize is not simulated).
      if (before && before.node === pod.spec.nodeName) return;
      if (before) this.unaccount(key, before);
      const acc: Accounted = { node: pod.spec.nodeName!, req: podRequest(pod, this.quantities), priority: podPriority(pod) };
      this.accounted.set(key, acc);
      const info = this.info(acc.node);
      info.requestedCpuMillis += acc.req.cpuMillis;
      info.requestedMemoryBytes += acc.req.memoryBytes;
      info.nonZeroCpuMillis += acc.req.nonZeroCpuMillis;
      info.nonZeroMemoryBytes += acc.req.nonZeroMemoryBytes;
      info.podCount++;
      for (const p of acc.req.hostPorts) info.usedHostPorts.set(p, (info.usedHostPorts.get(p) ?? 0) + 1);
      info.priorities.set(acc.priority, (info.priorities.get(acc.priority) ?? 0) + 1);
    } else if (before) {
      this.unaccount(key, before);
    }
  }

  /** Whether `key` is counted on a node (bound and running or pending there). */
  isAccounted(key: string): boolean {
    return this.accounted.has(key);
  }

  /** What a counted pod requests, with its priority (for preemption's dry run). */
  accountedPod(key: string): { node: string; req: PodRequest; priority: number } | undefined {
    return this.accounted.get(key);
  }

  private unaccount(key: string, acc: Accounted): void {
    this.accounted.delete(key);
    const info = this.infos.get(acc.node);
    if (!info) return;
    info.requestedCpuMillis -= acc.req.cpuMillis;
    info.requestedMemoryBytes -= acc.req.memoryBytes;
    info.nonZeroCpuMillis -= acc.req.nonZeroCpuMillis;
    info.nonZeroMemoryBytes -= acc.req.nonZeroMemoryBytes;
    info.podCount--;
    for (const p of acc.req.hostPorts) {
      const n = (info.usedHostPorts.get(p) ?? 1) - 1;
      if (n === 0) info.usedHostPorts.delete(p);
      else info.usedHostPorts.set(p, n);
    }
    const n = (info.priorities.get(acc.priority) ?? 1) - 1;
    if (n === 0) info.priorities.delete(acc.priority);
    else info.priorities.set(acc.priority, n);
    if (!info.node && info.podCount === 0) this.infos.delete(acc.node);
  }

  private info(name: string): NodeInfo {
    let info = this.infos.get(name);
    if (!info) {
      info = {
        name,
        node: undefined,
        allocCpuMillis: 0,
        allocMemoryBytes: 0,
        allocPods: 0,
        requestedCpuMillis: 0,
        requestedMemoryBytes: 0,
        nonZeroCpuMillis: 0,
        nonZeroMemoryBytes: 0,
        podCount: 0,
        unschedulable: false,
        filterTaints: [],
        preferNoScheduleTaints: [],
        usedHostPorts: new Map(),
        priorities: new Map(),
      };
      this.infos.set(name, info);
    }
    return info;
  }
}
