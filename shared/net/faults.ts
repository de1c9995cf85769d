/**
 * Network faults as plain state changes, for levels (referenced by name) and tests. Each one is
 * what really goes wrong on clusters; the comment says the real fix. They change objects through
 * the Cluster API (so controllers react) or the simulated machines' state (firewall, MTU, BGP).
 */
import type { Cluster } from "../sim/cluster.ts";
import { flannelNetConf } from "./addons.ts";
import type { FirewallRule } from "./state.ts";

function must(r: { ok: boolean; error?: { message: string } }, what: string): void {
  if (!r.ok) throw new Error(`${what}: ${r.error?.message}`);
}

function flannelConfigMap(cluster: Cluster) {
  const cm = cluster.get("ConfigMap", "kube-flannel", "kube-flannel-cfg");
  if (!cm) throw new Error("fault needs the flannel add-on (ConfigMap kube-flannel/kube-flannel-cfg)");
  return cm;
}

function setNetConf(cluster: Cluster, text: string): void {
  const cm = flannelConfigMap(cluster);
  must(cluster.update({ ...cm, data: { ...(cm.data ?? {}), "net-conf.json": text } }), "update kube-flannel-cfg");
}

/** Delete the flannel agent pods (on `nodes`, default all): the DaemonSet recreates them and they re-read their config. */
export function restartFlannelAgents(cluster: Cluster, nodes?: string[]): void {
  for (const p of cluster.list("Pod", { namespace: "kube-flannel", labelSelector: "app=flannel" })) {
    if (nodes && !nodes.includes(p.spec.nodeName ?? "")) continue;
    must(cluster.delete({ kind: "Pod", namespace: "kube-flannel", name: p.metadata.name }, { gracePeriodSeconds: 0 }), `delete ${p.metadata.name}`);
  }
}

/** Security group / host firewall drops VXLAN (UDP 8472, or 4789). Fix: allow the port between nodes. */
export function blockVxlan(cluster: Cluster, opts: { node?: string; port?: number } = {}): FirewallRule {
  return addFirewallRule(cluster, { name: "block-vxlan", protocol: "udp", port: opts.port ?? 8472, action: "DROP", ...(opts.node ? { node: opts.node } : {}) });
}

/** The firewall drops IP protocol 4 (IP-in-IP): Calico IPIP dies, BGP stays up. Fix: allow protocol 4. */
export function blockIPIP(cluster: Cluster, opts: { node?: string } = {}): FirewallRule {
  return addFirewallRule(cluster, { name: "block-ipip", protocol: "ipip", action: "DROP", ...(opts.node ? { node: opts.node } : {}) });
}

/** The firewall drops BGP (TCP 179): sessions go down, routes are withdrawn. Fix: allow TCP 179. */
export function blockBGP(cluster: Cluster, opts: { node?: string } = {}): FirewallRule {
  return addFirewallRule(cluster, { name: "block-bgp", protocol: "tcp", port: 179, action: "DROP", ...(opts.node ? { node: opts.node } : {}) });
}

export function addFirewallRule(cluster: Cluster, rule: FirewallRule): FirewallRule {
  cluster.state.network.firewall.push(rule);
  return rule;
}

/** The real fix for the firewall faults: remove the rule from the security group. */
export function removeFirewallRule(cluster: Cluster, name: string): void {
  cluster.state.network.firewall = cluster.state.network.firewall.filter((r) => r.name !== name);
}

/**
 * A typo in net-conf.json (trailing comma by default): restarted agents crash with
 * `error parsing subnet config: invalid character '}' ...`. Fix: correct the JSON, restart the pods.
 */
export function breakFlannelConfig(cluster: Cluster, text = '{\n  "Network": "10.244.0.0/16",\n  "Backend": {\n    "Type": "vxlan",\n  }\n}\n'): void {
  setNetConf(cluster, text);
}

/** `Network` that does not contain the nodes' pod CIDRs (e.g. copied from another cluster). Fix: set it to the cluster CIDR. */
export function wrongFlannelNetwork(cluster: Cluster, network = "10.245.0.0/16"): void {
  setNetConf(cluster, flannelNetConf(network));
}

/** The good config back (the fix for the two above, followed by restartFlannelAgents). */
export function fixFlannelConfig(cluster: Cluster, opts: { backend?: "vxlan" | "host-gw"; vni?: number; port?: number } = {}): void {
  setNetConf(cluster, flannelNetConf(cluster.state.config.clusterCIDR, opts.backend ?? "vxlan", opts.vni, opts.port));
}

/**
 * VNI (or backend) mismatch: the ConfigMap changes but only the agents on `nodes` restart, so
 * nodes disagree. Fix: make the config consistent and restart every agent.
 */
export function flannelConfigDrift(cluster: Cluster, nodes: string[], change: { vni?: number; backend?: "vxlan" | "host-gw"; port?: number }): void {
  setNetConf(cluster, flannelNetConf(cluster.state.config.clusterCIDR, change.backend ?? "vxlan", change.vni, change.port));
  restartFlannelAgents(cluster, nodes);
}

/** Someone ran `ip route del <dst>` on a node. Fix: restart the agent pod on that node (it reprograms). */
export function deleteRoute(cluster: Cluster, node: string, dst: string): void {
  const nc = cluster.state.network.cni.nodes[node];
  if (!nc) throw new Error(`node ${node} has no programmed network`);
  if (!nc.deletedRoutes.includes(dst)) nc.deletedRoutes.push(dst);
}

/**
 * A node registered with a pod CIDR already owned by another node (a hand-set --pod-cidr, two
 * clusters' nodes mixed). Written as an admin would, straight to the store. Fix: remove the node
 * and let it rejoin so node IPAM assigns a free range.
 */
export function overlapPodCIDR(cluster: Cluster, node: string, podCIDR: string): void {
  const n = cluster.get("Node", undefined, node);
  if (!n) throw new Error(`node ${node} not found`);
  cluster.store.update("Node", { ...n, spec: { ...n.spec, podCIDR, podCIDRs: [podCIDR] } });
}

/**
 * Move a node onto a second subnet behind the router (new InternalIP): host-gw cannot reach it.
 * Fix: a backend that crosses routers (vxlan), or put the node back on the shared L2 segment.
 */
export function moveNodeToSubnet(cluster: Cluster, node: string, subnet: { name: string; cidr: string; gateway: string; mtu?: number }, ip: string): void {
  const net = cluster.state.network;
  if (!net.subnets.some((s) => s.cidr === subnet.cidr)) net.subnets.push({ ...subnet, mtu: subnet.mtu ?? 1500 });
  const n = cluster.get("Node", undefined, node);
  if (!n) throw new Error(`node ${node} not found`);
  const addresses = (n.status?.addresses ?? []).map((a) => (a.type === "InternalIP" ? { ...a, address: ip } : a));
  cluster.store.updateStatus("Node", node, { ...n.status, addresses });
}

/** The underlay between subnets (or a segment) has a smaller MTU than the nodes believe. Fix: pod MTU ≤ path MTU − overhead. */
export function setSubnetMTU(cluster: Cluster, subnetName: string, mtu: number): void {
  const s = cluster.state.network.subnets.find((x) => x.name === subnetName);
  if (!s) throw new Error(`no subnet named ${subnetName}`);
  s.mtu = mtu;
}

export function setNodeMTU(cluster: Cluster, node: string, mtu: number): void {
  cluster.state.network.nodeMTU[node] = mtu;
}

/**
 * Pin the pod MTU in cni-conf.json's flannel delegate (1500 with VXLAN: the classic). Takes
 * effect for agents started afterwards. Fix: remove it (flannel then uses FLANNEL_MTU = MTU − 50).
 */
export function setFlannelPodMTU(cluster: Cluster, mtu: number | undefined): void {
  const cm = flannelConfigMap(cluster);
  const conf = JSON.parse(cm.data?.["cni-conf.json"] ?? "{}") as { plugins?: { type?: string; delegate?: Record<string, unknown> }[] };
  for (const p of conf.plugins ?? []) {
    if (p.type !== "flannel") continue;
    p.delegate = { ...(p.delegate ?? {}) };
    if (mtu === undefined) delete p.delegate.mtu;
    else p.delegate.mtu = mtu;
  }
  must(cluster.update({ ...cm, data: { ...(cm.data ?? {}), "cni-conf.json": `${JSON.stringify(conf, null, 2)}\n` } }), "update kube-flannel-cfg");
}

/** A node's BGP speaker loses every session (bird down): its routes are withdrawn everywhere. Fix: bring the peer back. */
export function bgpPeerDown(cluster: Cluster, node: string, down = true): void {
  const net = cluster.state.network;
  net.bgpDown = down ? [...new Set([...net.bgpDown, node])].sort() : net.bgpDown.filter((n) => n !== node);
}

/**
 * The CNI DaemonSet lost its tolerations, and `node` carries a NoSchedule taint: no agent runs
 * there, so its pods never get a network. Fix: restore `tolerations: [{operator: Exists, effect: NoSchedule}]`.
 */
export function removeCniToleration(cluster: Cluster, node: string, taint = { key: "dedicated", value: "gpu", effect: "NoSchedule" as const }): void {
  const ds = cluster.get("DaemonSet", "kube-flannel", "kube-flannel-ds");
  if (!ds) throw new Error("fault needs the flannel add-on");
  must(cluster.update({ ...ds, spec: { ...ds.spec, template: { ...ds.spec.template, spec: { ...ds.spec.template.spec, tolerations: [] } } } }), "update kube-flannel-ds");
  const n = cluster.get("Node", undefined, node);
  if (!n) throw new Error(`node ${node} not found`);
  must(cluster.update({ ...n, spec: { ...n.spec, taints: [...(n.spec?.taints ?? []), taint] } }), `taint ${node}`);
}

/** A node reboots: tmpfs (/run/flannel/subnet.env) and routes are gone until its agent runs again. */
export function rebootNodeNetwork(cluster: Cluster, node: string): void {
  const nc = cluster.state.network.cni.nodes[node];
  if (!nc) return;
  nc.everProgrammed = false;
  nc.up = false;
  nc.agentContainerID = undefined;
  nc.frozenAt = undefined;
  nc.deletedRoutes = [];
  cluster.engine.enqueue("cni-agent", node);
}

/** Names levels use to reference faults. */
export const NETWORK_FAULTS = {
  blockVxlan, blockIPIP, blockBGP, breakFlannelConfig, wrongFlannelNetwork, flannelConfigDrift, deleteRoute,
  overlapPodCIDR, moveNodeToSubnet, setSubnetMTU, setNodeMTU, setFlannelPodMTU, bgpPeerDown, removeCniToleration, rebootNodeNetwork,
} as const;
