/**
 * The simulated network underneath the cluster, kept in ClusterState.network so it is hashed,
 * saved and restored with everything else:
 * - the underlay: node subnets joined by one router, per-node interface MTUs, a host firewall
 *   (a security group evaluated on the receiving node), BGP sessions;
 * - what the CNI agent of each node has programmed (its config as read at start, the leases it
 *   has published, and, while it is down, the frozen view its routes were built from);
 * - what kube-proxy of each node has programmed (live, or a frozen snapshot while it is down);
 * - ClientIP session-affinity entries (`-m recent`).
 *
 * Everything that can be derived from the API objects (route tables, iptables rules) is derived
 * on demand and cached outside the state; only what would otherwise be lost is stored here.
 */

export type BackendType = "vxlan" | "host-gw" | "ipip" | "bgp";

export interface BackendConfig {
  type: BackendType;
  /** VXLAN network identifier (flannel default 1; calico 4096). */
  vni?: number;
  /** VXLAN UDP port: flannel defaults to 8472 (the Linux kernel's), the IANA port is 4789. */
  port?: number;
  /** Calico CrossSubnet: encapsulate only between subnets, route directly inside one. */
  crossSubnet?: boolean;
}

/** What the CNI agent runs with: flannel's net-conf.json (or calico's pool settings), parsed. */
export interface CniConfig {
  plugin: "flannel" | "calico";
  /** The pod network (flannel `Network`, calico's IP pool). */
  network: string;
  backend: BackendConfig;
  /** Pod interface MTU set explicitly (flannel cni-conf delegate `mtu`, calico veth_mtu); default: node MTU − overhead. */
  podMTU?: number;
}

export interface Subnet {
  name: string;
  cidr: string;
  /** The router's address on this subnet (the nodes' default gateway). */
  gateway: string;
  /** MTU of the segment (and of the router's interface on it). */
  mtu: number;
}

export type FirewallProtocol = "tcp" | "udp" | "icmp" | "ipip" | "all";

/**
 * One host firewall / security-group rule, evaluated on packets arriving at `node` (every node
 * when absent) from the underlay. First match wins; no match accepts.
 */
export interface FirewallRule {
  name: string;
  node?: string;
  protocol: FirewallProtocol;
  /** Destination port (tcp/udp); absent: every port. */
  port?: number;
  /** Source CIDR; absent: anywhere. */
  source?: string;
  action: "DROP" | "REJECT";
}

/** A node's flannel lease: what its agent published on the Node (backend-data, public-ip annotations). */
export interface Lease {
  podCIDR: string;
  publicIP: string;
  backend: BackendConfig;
  /** flannel.1's MAC address (VTEP), for VXLAN. */
  vtepMAC?: string;
}

/** The CNI agent of one node. */
export interface NodeCni {
  /** The agent container instance whose start read `config` (it re-reads only when restarted). */
  agentContainerID?: string;
  config?: CniConfig;
  /** Why the agent cannot run with what it read (its log line); undefined when fine. */
  configError?: string;
  /** The agent is running and has programmed this node. */
  up: boolean;
  /** Why the node is not programmed (for NetworkUnavailable and traces). */
  downReason?: string;
  /** The node was programmed at least once (cni0, flannel.1 and routes exist). */
  everProgrammed: boolean;
  /** While down: key of the frozen lease set (cni.snapshots) its routes were built from. */
  frozenAt?: string;
  /** Destinations of routes deleted by hand (`ip route del`), until the agent restarts. */
  deletedRoutes: string[];
}

export interface NodeKubeProxy {
  up: boolean;
  everSynced: boolean;
  /** While down: key of the frozen service table in kubeProxy.snapshots. */
  frozenAt?: string;
}

export interface NetworkState {
  subnets: Subnet[];
  /** Node name ⇒ eth0 MTU (default: its subnet's MTU). */
  nodeMTU: Record<string, number>;
  firewall: FirewallRule[];
  /** Nodes whose BGP speaker (bird) has no established session with any peer. */
  bgpDown: string[];
  cni: {
    /**
     * "implicit": the CNI is part of the machine image (no agent pods; every node programmed).
     * "daemonset": agent pods program their node; switched on when the CNI DaemonSet appears.
     */
    agent: "implicit" | "daemonset";
    /** The config of the implicit agent, and the default before an agent has read its ConfigMap. */
    config: CniConfig;
    leases: Record<string, Lease>;
    /** Bumped on every lease change; names snapshots. */
    revision: number;
    snapshots: Record<string, Record<string, Lease>>;
    nodes: Record<string, NodeCni>;
  };
  kubeProxy: {
    agent: "implicit" | "daemonset";
    /** Bumped when a node freezes a table: names snapshots. */
    revision: number;
    snapshots: Record<string, import("./kube-proxy/service-table.ts").ServiceTable>;
    nodes: Record<string, NodeKubeProxy>;
  };
  /** `-m recent` entries of sessionAffinity ClientIP: `<SVC chain>|<client IP>` ⇒ endpoint and expiry. */
  affinity: Record<string, { endpoint: string; untilMs: number }>;
  /** The layers above the packet path (load balancers, upstream DNS, traffic and SLOs): traffic/l7-state.ts. */
  l7?: import("./traffic/l7-state.ts").L7State;
}

/** What a level or test may say about the network when creating a cluster. */
export interface NetworkInit {
  /** Node subnets; default one `192.168.10.0/24` (gateway .1, MTU 1500). */
  subnets?: (Omit<Subnet, "gateway" | "mtu"> & { gateway?: string; mtu?: number })[];
  nodeMTU?: Record<string, number>;
  firewall?: FirewallRule[];
  bgpDown?: string[];
  /** The implicit CNI's settings (overridden per node by an agent DaemonSet's config). */
  cni?: Partial<CniConfig>;
}

export const DEFAULT_MTU = 1500;
export const DEFAULT_SUBNET: Subnet = { name: "nodes", cidr: "192.168.10.0/24", gateway: "192.168.10.1", mtu: DEFAULT_MTU };
export const DEFAULT_CNI_CONFIG: CniConfig = { plugin: "flannel", network: "10.244.0.0/16", backend: { type: "vxlan", vni: 1, port: 8472 } };

export function initialNetworkState(init: NetworkInit | undefined): NetworkState {
  const subnets = (init?.subnets ?? [DEFAULT_SUBNET]).map((s) => ({
    name: s.name,
    cidr: s.cidr,
    gateway: s.gateway ?? firstHost(s.cidr),
    mtu: s.mtu ?? DEFAULT_MTU,
  }));
  return {
    subnets,
    nodeMTU: { ...(init?.nodeMTU ?? {}) },
    firewall: [...(init?.firewall ?? [])],
    bgpDown: [...(init?.bgpDown ?? [])],
    cni: {
      agent: "implicit",
      // An empty network means "the cluster CIDR" (resolved where used: see effectiveConfig).
      config: { ...DEFAULT_CNI_CONFIG, network: "", ...(init?.cni ?? {}), backend: { ...DEFAULT_CNI_CONFIG.backend, ...(init?.cni?.backend ?? {}) } },
      leases: {},
      revision: 0,
      snapshots: {},
      nodes: {},
    },
    kubeProxy: { agent: "implicit", revision: 0, snapshots: {}, nodes: {} },
    affinity: {},
  };
}

function firstHost(cidr: string): string {
  const [ip] = cidr.split("/");
  const parts = ip.split(".");
  parts[3] = String(Number(parts[3]) + 1);
  return parts.join(".");
}
