/**
 * Who owns an address, and what listens on it: pods by IP (the kernel's truth, the kubelet's
 * sandbox IPs), nodes by InternalIP, Services by ClusterIP, interface names and MTUs.
 * Lookups are O(nodes) or O(pods on a node): fine for traces and debug tools.
 */
import type { Stored } from "../k8s/kinds.ts";
import type { Pod } from "../k8s/schema/pod.ts";
import type { Service } from "../k8s/schema/service.ts";
import type { Store } from "../sim/store.ts";
import type { ClusterState } from "../sim/state.ts";
import { tcpConnect } from "../sim/apps/process.ts";
import { hex64 } from "../sim/kubelet/ids.ts";
import { cidrContains } from "./cidr.ts";
import { nodeConfig } from "./cni-agent.ts";
import { nodeIP, nodeMTU, podMTU } from "./underlay.ts";

/** The host side of a pod's veth pair: `veth` + 8 hex digits derived from the pod uid. */
export function vethName(podUid: string): string {
  return `veth${hex64(`veth\0${podUid}`).slice(0, 8)}`;
}

/** The pod's IP as its sandbox has it (undefined: no sandbox yet). */
export function podIPOf(state: ClusterState, pod: Stored<Pod>): string | undefined {
  return state.pods[pod.metadata.uid]?.podIP ?? pod.status?.podIP;
}

export function podKey(pod: Stored<Pod>): string {
  return `${pod.metadata.namespace ?? "default"}/${pod.metadata.name}`;
}

/** The pod on `nodeName` whose (non-host-network) sandbox holds `ip`. */
export function podWithIPOnNode(state: ClusterState, store: Store, nodeName: string, ip: string): Stored<Pod> | undefined {
  for (const key of [...store.podKeysOnNode(nodeName)].sort()) {
    const pod = store.get("Pod", key);
    if (pod && !pod.spec.hostNetwork && state.pods[pod.metadata.uid]?.podIP === ip) return pod;
  }
  return undefined;
}

export function nodeWithIP(store: Store, ip: string): string | undefined {
  for (const n of store.list("Node")) if (nodeIP(n) === ip) return n.metadata.name;
  return undefined;
}

/** The node whose podCIDR contains `ip` (the first by name when pod CIDRs overlap). */
export function nodeOwningPodIP(store: Store, ip: string): string | undefined {
  for (const n of store.list("Node")) if (n.spec?.podCIDR && cidrContains(n.spec.podCIDR, ip)) return n.metadata.name;
  return undefined;
}

export function serviceWithClusterIP(store: Store, ip: string): Stored<Service> | undefined {
  return store.list("Service").find((s) => s.spec.clusterIP === ip);
}

/** MTU of a pod's eth0 on a node: what the CNI set when the node was programmed. */
export function podInterfaceMTU(state: ClusterState, store: Store, nodeName: string): number {
  const cfg = nodeConfig(state, nodeName);
  const mtu = nodeMTU(state.network, nodeName, nodeIP(store.get("Node", nodeName)));
  return podMTU(cfg.podMTU, cfg.backend, mtu);
}

export interface ListenResult {
  listening: boolean;
  /** The container that listens (or the reason nothing does). */
  detail: string;
  container?: string;
  ready: boolean;
}

/** Does anything in the pod accept a TCP connection on `port` now? */
export function podListening(state: ClusterState, pod: Stored<Pod>, port: number, nowMs: number): ListenResult {
  const rt = state.pods[pod.metadata.uid];
  const ready = pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
  if (!rt) return { listening: false, detail: "the pod has no sandbox", ready };
  for (const [i, c] of pod.spec.containers.entries()) {
    const inst = rt.containers[i]?.current;
    if (!inst || inst.exited) continue;
    if (tcpConnect(inst.plan, nowMs - inst.startedMs, port)) return { listening: true, detail: `container ${c.name} listens on ${port}`, container: c.name, ready };
  }
  return { listening: false, detail: `nothing listens on port ${port} in pod ${podKey(pod)}`, ready };
}

/** Ports the node itself listens on: sshd, the kubelet, kube-proxy's health and metrics, host-network pods. */
export function nodeListening(state: ClusterState, store: Store, nodeName: string, port: number, nowMs: number): boolean {
  if ([22, 10250].includes(port)) return true;
  const node = store.get("Node", nodeName);
  if (port === 6443 && node?.metadata.labels?.["node-role.kubernetes.io/control-plane"] !== undefined) return true;
  for (const key of store.podKeysOnNode(nodeName)) {
    const pod = store.get("Pod", key);
    if (pod?.spec.hostNetwork && podListening(state, pod, port, nowMs).listening) return true;
  }
  return false;
}
