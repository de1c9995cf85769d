/**
 * A node's routing table, as `ip route` shows it: what its CNI agent programmed (from the leases
 * it has seen) plus the kernel's own routes and the default route. Built on demand: O(nodes).
 *
 * Per backend (flannel vxlan/host-gw, calico ipip/vxlan/bgp):
 *   vxlan    10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink
 *   host-gw  10.244.1.0/24 via 192.168.10.11 dev eth0          (only to nodes on the same L2 subnet)
 *   ipip     10.244.1.0/24 via 192.168.10.11 dev tunl0 proto bird onlink   (learned over BGP)
 *   bgp      10.244.1.0/24 via 192.168.10.11 dev eth0 proto bird            (learned over BGP, same subnet)
 */
import type { Store } from "../sim/store.ts";
import type { ClusterState } from "../sim/state.ts";
import { cidrContains, formatIPv4, nthAddress, parseCIDR } from "./cidr.ts";
import { leasesSeenBy, nodeConfig } from "./cni-agent.ts";
import type { Lease, NetworkState } from "./state.ts";
import { firewallVerdict, nodeIP, subnetOf, tunnelDevice } from "./underlay.ts";

export interface Route {
  /** `default` or a CIDR. */
  dst: string;
  via?: string;
  dev: string;
  proto?: "kernel" | "bird" | "static";
  scopeLink?: boolean;
  src?: string;
  onlink?: boolean;
  /** What the route is for (not printed). */
  kind: "default" | "node-subnet" | "local-pods" | "remote-pods";
  /** For remote-pods routes: the node owning that pod CIDR, per the lease. */
  node?: string;
}

/** `ip route` text of one route. */
export function formatRoute(r: Route): string {
  const parts = [r.dst];
  if (r.via) parts.push(`via ${r.via}`);
  parts.push(`dev ${r.dev}`);
  if (r.proto) parts.push(`proto ${r.proto}`);
  if (r.scopeLink) parts.push("scope link");
  if (r.src) parts.push(`src ${r.src}`);
  if (r.onlink) parts.push("onlink");
  return parts.join(" ");
}

/** Whether the BGP session between two nodes is Established (both speakers up, TCP 179 open both ways). */
export function bgpEstablished(net: NetworkState, a: string, aIP: string, b: string, bIP: string): boolean {
  if (net.bgpDown.includes(a) || net.bgpDown.includes(b)) return false;
  return !firewallVerdict(net, b, { protocol: "tcp", port: 179, sourceIP: aIP }) && !firewallVerdict(net, a, { protocol: "tcp", port: 179, sourceIP: bIP });
}

export function nodeRoutes(state: ClusterState, store: Store, nodeName: string): Route[] {
  const net = state.network;
  const node = store.get("Node", nodeName);
  const ip = nodeIP(node);
  if (!node || !ip) return [];
  const subnet = subnetOf(net, ip);
  const routes: Route[] = [];
  if (subnet) routes.push({ dst: "default", via: subnet.gateway, dev: "eth0", proto: "static", kind: "default" });
  const nc = net.cni.nodes[nodeName];
  if (nc?.everProgrammed) {
    const remote = new Map<string, Route>();
    const leases = leasesSeenBy(net, nodeName);
    const own = leases[nodeName]?.podCIDR ?? node.spec?.podCIDR;
    for (const other of Object.keys(leases).sort()) {
      if (other === nodeName) continue;
      const lease = leases[other];
      if (lease.podCIDR === own) continue;
      const r = remoteRoute(state, nodeName, ip, other, lease);
      // flannel uses RouteReplace: for a duplicated pod CIDR the lease handled last wins.
      if (r) remote.set(r.dst, r);
    }
    const deleted = new Set(nc.deletedRoutes);
    if (own && !deleted.has(own)) {
      const gw = nthAddress(own, 1);
      routes.push({ dst: own, dev: "cni0", proto: "kernel", scopeLink: true, src: gw, kind: "local-pods" });
    }
    for (const r of remote.values()) if (!deleted.has(r.dst)) routes.push(r);
  }
  if (subnet) routes.push({ dst: subnet.cidr, dev: "eth0", proto: "kernel", scopeLink: true, src: ip, kind: "node-subnet" });
  return routes.sort(routeOrder);
}

function remoteRoute(state: ClusterState, self: string, selfIP: string, other: string, lease: Lease): Route | undefined {
  const net = state.network;
  const cfg = nodeConfig(state, self);
  // Agents ignore leases of another backend type ("Ignoring non-vxlan subnet").
  if (lease.backend.type !== cfg.backend.type) return undefined;
  const sameSubnet = subnetOf(net, selfIP) !== undefined && subnetOf(net, selfIP) === subnetOf(net, lease.publicIP);
  const base = { dst: lease.podCIDR, kind: "remote-pods" as const, node: other };
  switch (cfg.backend.type) {
    case "vxlan":
      if (cfg.backend.crossSubnet && sameSubnet) return { ...base, via: lease.publicIP, dev: "eth0" };
      return { ...base, via: formatIPv4(parseCIDR(lease.podCIDR).base), dev: tunnelDevice(cfg.backend, cfg.plugin)!, onlink: true };
    case "host-gw":
      // The kernel refuses a gateway that is not on a directly connected subnet
      // ("Error adding route to ...: network is unreachable"): no route is installed.
      return sameSubnet ? { ...base, via: lease.publicIP, dev: "eth0" } : undefined;
    case "ipip":
    case "bgp": {
      if (!bgpEstablished(net, self, selfIP, other, lease.publicIP)) return undefined;
      if (cfg.backend.type === "bgp" || (cfg.backend.crossSubnet && sameSubnet)) {
        return sameSubnet ? { ...base, via: lease.publicIP, dev: "eth0", proto: "bird" } : undefined;
      }
      return { ...base, via: lease.publicIP, dev: "tunl0", proto: "bird", onlink: true };
    }
  }
}

/** `ip route` lists the default route first, then by destination address. */
function routeOrder(a: Route, b: Route): number {
  if (a.dst === "default") return -1;
  if (b.dst === "default") return 1;
  const pa = parseCIDR(a.dst);
  const pb = parseCIDR(b.dst);
  return pa.base - pb.base || pa.prefix - pb.prefix;
}

/** Longest prefix match, as the kernel's FIB lookup: the most specific route containing `ip`. */
export function lookupRoute(routes: readonly Route[], ip: string): Route | undefined {
  let best: Route | undefined;
  let bestPrefix = -1;
  for (const r of routes) {
    const prefix = r.dst === "default" ? 0 : parseCIDR(r.dst).prefix;
    if (prefix <= bestPrefix) continue;
    if (r.dst !== "default" && !cidrContains(r.dst, ip)) continue;
    best = r;
    bestPrefix = prefix;
  }
  return best;
}
