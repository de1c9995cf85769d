/**
 * What the CNI agent on one node does, as a level-based reconcile of that node:
 * - reads its config when its container starts (flanneld reads net-conf.json once; a changed
 *   ConfigMap only matters after a restart), from the agent pod's container instance id;
 * - with a good config and the node's podCIDR inside `Network`, publishes the node's lease
 *   (flannel's Node annotations) and programs the node (cni0, flannel.1, routes to every lease);
 * - when it stops (crash loop, deleted, never scheduled) the node keeps what was programmed:
 *   its routes are frozen to the leases of that moment, and new nodes never appear in them.
 *
 * Both agents read from here: cniSandboxCheck (the kubelet), routes.ts (the node's table).
 */
import type { Stored } from "../k8s/kinds.ts";
import type { Node } from "../k8s/schema/node.ts";
import type { Pod } from "../k8s/schema/pod.ts";
import type { Store } from "../sim/store.ts";
import type { ClusterState } from "../sim/state.ts";
import { cidrContains, parseCIDR } from "./cidr.ts";
import { parseFlannelConfig } from "./flannel-config.ts";
import { parseCalicoConfig } from "./calico-config.ts";
import type { CniConfig, Lease, NetworkState, NodeCni } from "./state.ts";
import { macFor, nodeIP } from "./underlay.ts";

/** The CNI DaemonSets the simulator knows, as their upstream manifests name them. */
export const CNI_AGENTS = {
  flannel: { namespace: "kube-flannel", daemonSet: "kube-flannel-ds", label: ["app", "flannel"], configMap: "kube-flannel-cfg" },
  calico: { namespace: "kube-system", daemonSet: "calico-node", label: ["k8s-app", "calico-node"], configMap: "calico-config" },
} as const;
export type CniPlugin = keyof typeof CNI_AGENTS;

/** Which agent DaemonSet is installed (flannel first), if any. */
export function installedAgent(store: Store): CniPlugin | undefined {
  for (const plugin of ["flannel", "calico"] as const) {
    const a = CNI_AGENTS[plugin];
    if (store.get("DaemonSet", `${a.namespace}/${a.daemonSet}`)) return plugin;
  }
  return undefined;
}

/** The implicit agent's config: an empty network means the cluster CIDR. */
export function effectiveConfig(state: ClusterState): CniConfig {
  const c = state.network.cni.config;
  return c.network ? c : { ...c, network: state.config.clusterCIDR };
}

/** The agent pod bound to `nodeName` (any of the known agents), if one exists. */
export function agentPodOn(store: Store, nodeName: string): Stored<Pod> | undefined {
  for (const key of [...store.podKeysOnNode(nodeName)].sort()) {
    const pod = store.get("Pod", key);
    if (pod && agentPluginOf(pod)) return pod;
  }
  return undefined;
}

export function agentPluginOf(pod: Pod): CniPlugin | undefined {
  for (const plugin of ["flannel", "calico"] as const) {
    const a = CNI_AGENTS[plugin];
    if (pod.metadata.namespace === a.namespace && pod.metadata.labels?.[a.label[0]] === a.label[1]) return plugin;
  }
  return undefined;
}

/** The running agent container's id, or undefined when it is not running (waiting, terminated, no pod). */
function runningAgentContainer(pod: Stored<Pod> | undefined): string | undefined {
  if (!pod || pod.metadata.deletionTimestamp || pod.status?.phase !== "Running") return undefined;
  const cs = pod.status.containerStatuses?.[0];
  const running = cs?.state && "running" in cs.state && cs.state.running;
  return running ? cs.containerID ?? `${pod.metadata.uid}/${cs.restartCount}` : undefined;
}

function readConfig(store: Store, plugin: CniPlugin, pod: Stored<Pod>): { config?: CniConfig; error?: string } {
  const a = CNI_AGENTS[plugin];
  const cm = store.get("ConfigMap", `${a.namespace}/${a.configMap}`);
  if (plugin === "flannel") {
    const r = parseFlannelConfig(cm?.data?.["net-conf.json"], cm?.data?.["cni-conf.json"]);
    return r.ok ? { config: r.config } : { error: r.log };
  }
  const r = parseCalicoConfig(pod, cm?.data ?? {});
  return r.ok ? { config: r.config } : { error: r.log };
}

export interface AgentSync {
  /** The lease changed (routes of up nodes change). */
  leaseChanged: boolean;
  /** Up/down, reason or config changed (the Node's condition may need a write). */
  changed: boolean;
}

/** Reconcile the network programming of one node. Mutates state.network only when something changed. */
export function syncNodeNetwork(state: ClusterState, store: Store, nodeName: string): AgentSync {
  const net = state.network;
  const node = store.get("Node", nodeName);
  if (!node) {
    const had = nodeName in net.cni.leases || nodeName in net.cni.nodes;
    if (nodeName in net.cni.leases) bumpLeases(net, () => delete net.cni.leases[nodeName]);
    delete net.cni.nodes[nodeName];
    pruneSnapshots(net);
    return { leaseChanged: had, changed: had };
  }
  const plugin = installedAgent(store);
  if (plugin && net.cni.agent === "implicit") net.cni.agent = "daemonset";
  const prev = net.cni.nodes[nodeName];
  const nc: NodeCni = prev ? { ...prev, deletedRoutes: [...prev.deletedRoutes] } : { up: false, everProgrammed: false, deletedRoutes: [] };

  let config: CniConfig | undefined;
  if (net.cni.agent === "implicit") {
    config = effectiveConfig(state);
    nc.config = config;
    nc.configError = undefined;
  } else {
    const pod = agentPodOn(store, nodeName);
    const running = runningAgentContainer(pod);
    if (running && running !== nc.agentContainerID) {
      // A new agent process: it reads its config now and reprograms the node from scratch.
      const plugin2 = agentPluginOf(pod!)!;
      const r = readConfig(store, plugin2, pod!);
      nc.agentContainerID = running;
      nc.config = r.config;
      nc.configError = r.error;
      nc.deletedRoutes = [];
    }
    if (!running) nc.agentContainerID = undefined;
    config = running ? nc.config : undefined;
    if (!running) nc.downReason = pod ? `the CNI agent pod ${pod.metadata.namespace}/${pod.metadata.name} is not running` : `no CNI agent pod is running on node ${nodeName}`;
  }
  const podCIDR = node.spec?.podCIDR;
  const ip = nodeIP(node);
  let up = false;
  if (config && !nc.configError) {
    if (!podCIDR) nc.downReason = `Error registering network: failed to acquire lease: node "${nodeName}" pod cidr not assigned`;
    // Calico here uses host-local IPAM on the node's podCIDR (usePodCidr), so only flannel checks containment.
    else if (config.plugin === "flannel" && !cidrInside(config.network, podCIDR)) {
      nc.downReason = `Error registering network: failed to acquire lease: subnet "${config.network}" specified in the flannel net config doesn't contain "${podCIDR}" PodCIDR of the "${nodeName}" node`;
    } else if (!ip) nc.downReason = `failed to find the interface: no InternalIP on node ${nodeName}`;
    else up = true;
  } else if (nc.configError) nc.downReason = nc.configError;
  let leaseChanged = false;
  if (up) {
    nc.downReason = undefined;
    nc.frozenAt = undefined;
    nc.everProgrammed = true;
    const lease: Lease = {
      podCIDR: podCIDR!,
      publicIP: ip!,
      backend: config!.backend,
      ...(config!.backend.type === "vxlan" ? { vtepMAC: macFor(`vtep\0${nodeName}`) } : {}),
    };
    if (JSON.stringify(net.cni.leases[nodeName]) !== JSON.stringify(lease)) {
      bumpLeases(net, () => (net.cni.leases[nodeName] = lease));
      leaseChanged = true;
    }
  } else if (nc.everProgrammed && nc.frozenAt === undefined) {
    nc.frozenAt = snapshotLeases(net);
  }
  nc.up = up;
  const changed = JSON.stringify(prev) !== JSON.stringify(nc);
  if (changed) net.cni.nodes[nodeName] = nc;
  pruneSnapshots(net);
  return { leaseChanged, changed };
}

function cidrInside(network: string, podCIDR: string): boolean {
  const n = parseCIDR(network);
  const p = parseCIDR(podCIDR);
  return p.prefix >= n.prefix && cidrContains(n, p.base);
}

function bumpLeases(net: NetworkState, change: () => void): void {
  change();
  net.cni.revision++;
}

/** A frozen copy of the current leases, shared by every node that froze at this revision. */
function snapshotLeases(net: NetworkState): string {
  const key = String(net.cni.revision);
  net.cni.snapshots[key] ??= JSON.parse(JSON.stringify(net.cni.leases)) as Record<string, Lease>;
  return key;
}

function pruneSnapshots(net: NetworkState): void {
  const used = new Set(Object.values(net.cni.nodes).map((n) => n.frozenAt));
  for (const key of Object.keys(net.cni.snapshots)) if (!used.has(key)) delete net.cni.snapshots[key];
}

/** The leases a node's routes are built from: current while its agent is up, frozen while down. */
export function leasesSeenBy(net: NetworkState, nodeName: string): Record<string, Lease> {
  if (net.cni.agent === "implicit") return net.cni.leases;
  const nc = net.cni.nodes[nodeName];
  if (!nc?.everProgrammed) return {};
  if (nc.up) return net.cni.leases;
  return (nc.frozenAt && net.cni.snapshots[nc.frozenAt]) || {};
}

/** The config the node was programmed with (its agent's, or the implicit one). */
export function nodeConfig(state: ClusterState, nodeName: string): CniConfig {
  return state.network.cni.nodes[nodeName]?.config ?? effectiveConfig(state);
}

/** Whether the node has been programmed (cni0 and the tunnel device exist). */
export function nodeProgrammed(net: NetworkState, nodeName: string): boolean {
  return !!net.cni.nodes[nodeName]?.everProgrammed;
}

/** Flannel's Node annotations for a lease (kubectl describe node shows them). */
export function leaseAnnotations(lease: Lease): Record<string, string> {
  const data = lease.backend.type === "vxlan" ? JSON.stringify({ VNI: lease.backend.vni ?? 1, VtepMAC: lease.vtepMAC }) : "null";
  return {
    "flannel.alpha.coreos.com/backend-data": data,
    "flannel.alpha.coreos.com/backend-type": lease.backend.type,
    "flannel.alpha.coreos.com/kube-subnet-manager": "true",
    "flannel.alpha.coreos.com/public-ip": lease.publicIP,
  };
}

export type { Node };
