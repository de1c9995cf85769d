/**
 * The machines' network: which subnet a node sits on, the router between subnets, interface
 * MTUs, the host firewall, and what each encapsulation costs. Pure reads of NetworkState and
 * the Node objects.
 */
import type { Stored } from "../k8s/kinds.ts";
import type { Node } from "../k8s/schema/node.ts";
import { cidrContains } from "./cidr.ts";
import { hex64 } from "../sim/kubelet/ids.ts";
import type { BackendConfig, FirewallRule, NetworkState, Subnet } from "./state.ts";

/** The node's InternalIP (what flannel uses as its public IP). */
export function nodeIP(node: Stored<Node> | undefined): string | undefined {
  return node?.status?.addresses?.find((a) => a.type === "InternalIP")?.address;
}

export function subnetOf(net: NetworkState, ip: string): Subnet | undefined {
  return net.subnets.find((s) => cidrContains(s.cidr, ip));
}

/** eth0's MTU on a node: its own setting, else its subnet's. */
export function nodeMTU(net: NetworkState, nodeName: string, ip: string | undefined): number {
  return net.nodeMTU[nodeName] ?? (ip ? subnetOf(net, ip)?.mtu : undefined) ?? 1500;
}

/** Bytes an encapsulation adds to each packet: VXLAN 50 (outer IP 20 + UDP 8 + VXLAN 8 + inner Ethernet 14), IP-in-IP 20. */
export function encapOverhead(backend: BackendConfig, crossesSubnet: boolean): number {
  switch (backend.type) {
    case "vxlan":
      return 50;
    case "ipip":
      return backend.crossSubnet && !crossesSubnet ? 0 : 20;
    case "host-gw":
    case "bgp":
      return 0;
  }
}

/** Whether packets between two subnets are encapsulated under this backend. */
export function encapsulates(backend: BackendConfig, crossesSubnet: boolean): boolean {
  return encapOverhead(backend, crossesSubnet) > 0;
}

/** The tunnel device a backend routes through. */
export function tunnelDevice(backend: BackendConfig, plugin: "flannel" | "calico"): string | undefined {
  if (backend.type === "vxlan") return plugin === "flannel" ? "flannel.1" : "vxlan.calico";
  if (backend.type === "ipip") return "tunl0";
  return undefined;
}

export function vxlanPort(backend: BackendConfig): number {
  return backend.port ?? 8472;
}

/**
 * The pod interface MTU the CNI sets: its explicit setting, else what flannel writes to
 * subnet.env as FLANNEL_MTU: the node's MTU minus the backend's overhead (1450 for VXLAN).
 */
export function podMTU(explicit: number | undefined, backend: BackendConfig, nodeMtu: number): number {
  return explicit ?? nodeMtu - (backend.type === "vxlan" ? 50 : backend.type === "ipip" ? 20 : 0);
}

/** A deterministic locally administered MAC from a seed (flannel.1's VTEP MAC, veth MACs). */
export function macFor(seed: string): string {
  const h = hex64(`mac\0${seed}`);
  const bytes = [0, 1, 2, 3, 4, 5].map((i) => parseInt(h.slice(i * 2, i * 2 + 2), 16));
  bytes[0] = (bytes[0] & 0xfc) | 0x02;
  return bytes.map((b) => b.toString(16).padStart(2, "0")).join(":");
}

/** The underlay path between two node IPs: same subnet, or through the router; its MTU. */
export interface UnderlayPath {
  sameSubnet: boolean;
  from?: Subnet;
  to?: Subnet;
  /** The smallest MTU along the way (both NICs and every segment crossed). */
  mtu: number;
}

export function underlayPath(net: NetworkState, fromNode: string, fromIP: string, toNode: string, toIP: string): UnderlayPath {
  const from = subnetOf(net, fromIP);
  const to = subnetOf(net, toIP);
  const sameSubnet = !!from && from === to;
  const mtus = [nodeMTU(net, fromNode, fromIP), nodeMTU(net, toNode, toIP)];
  if (from) mtus.push(from.mtu);
  if (to) mtus.push(to.mtu);
  return { sameSubnet, from, to, mtu: Math.min(...mtus) };
}

export interface UnderlayPacket {
  protocol: "tcp" | "udp" | "icmp" | "ipip";
  port?: number;
  sourceIP: string;
}

/** The first firewall rule of `node` matching the packet (first match wins), or undefined (accepted). */
export function firewallVerdict(net: NetworkState, node: string, pkt: UnderlayPacket): FirewallRule | undefined {
  return net.firewall.find((r) => {
    if (r.node !== undefined && r.node !== node) return false;
    if (r.protocol !== "all" && r.protocol !== pkt.protocol) return false;
    if (r.port !== undefined && (pkt.protocol === "icmp" || pkt.protocol === "ipip" || r.port !== pkt.port)) return false;
    if (r.source !== undefined && !cidrContains(r.source, pkt.sourceIP)) return false;
    return true;
  });
}

/** How a firewall rule reads in `iptables -S`-like listings and trace details. */
export function describeRule(r: FirewallRule): string {
  const proto = r.protocol === "ipip" ? "4" : r.protocol;
  const parts = [`-A INPUT`];
  if (r.source) parts.push(`-s ${r.source}`);
  if (r.protocol !== "all") parts.push(`-p ${proto}`);
  if (r.port !== undefined) parts.push(`-m ${r.protocol} --dport ${r.port}`);
  parts.push(`-m comment --comment "${r.name}"`);
  parts.push(r.action === "REJECT" ? "-j REJECT --reject-with icmp-port-unreachable" : "-j DROP");
  return parts.join(" ");
}
