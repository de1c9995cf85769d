/**
 * traceRoute: the hops one packet takes through the model, and where and why it dies.
 *
 *   pod eth0 → veth → cni0 → [DNAT by kube-proxy] → [egress policy] → route lookup
 *   → (local: cni0 → veth → eth0) | (remote: encapsulation → underlay: router, MTU, firewall
 *   → decapsulation on the next node → route lookup there …) → [ingress policy] → port
 *   → [application answer] → [response path MTU]
 *
 * Pure apart from the DNAT pick, which draws from state.rng (as the kernel's statistic match
 * would) and records ClientIP affinity. Cost: O(hops × nodes) (a route table per node visited).
 */
import type { Cluster } from "../sim/cluster.ts";
import { nextInt } from "../sim/rng.ts";
import { cidrContains } from "./cidr.ts";
import { leasesSeenBy, nodeConfig } from "./cni-agent.ts";
import { nodeListening, nodeWithIP, podInterfaceMTU, podKey, podListening, podWithIPOnNode, vethName } from "./addresses.ts";
import { chooseEndpoint, matchService } from "./kube-proxy/dnat.ts";
import { proxyTableOn } from "./kube-proxy/programmed.ts";
import { formatRoute, lookupRoute, nodeRoutes } from "./routes.ts";
import type { BackendConfig } from "./state.ts";
import { DEFAULT_TRACE_HOOKS } from "./trace-hooks.ts";
import { parseSource, parseTarget, type Source } from "./trace-endpoints.ts";
import type { DropReason, Hop, TraceOptions, TraceResult } from "./trace-types.ts";
import { encapOverhead, firewallVerdict, nodeIP, nodeMTU, tunnelDevice, underlayPath, vxlanPort } from "./underlay.ts";

export type { Hop, TraceOptions, TraceResult, DropReason } from "./trace-types.ts";

const TCP_IP_HEADERS = 40;
const MAX_NODE_VISITS = 6;

interface Walk {
  cluster: Cluster;
  hops: Hop[];
  opts: Required<Pick<TraceOptions, "port" | "bytes" | "protocol">> & TraceOptions;
  srcIP: string;
  dstIP: string;
  port: number;
  /** MTU of the interface the packet was first sent from (TCP segments to fit it). */
  senderMTU: number;
  /** Node-to-node crossings, for the response path. */
  crossings: { from: string; to: string; backend?: BackendConfig }[];
}

export function traceRoute(cluster: Cluster, from: string, to: string, options: TraceOptions = {}): TraceResult {
  const hooks = options.hooks ?? DEFAULT_TRACE_HOOKS;
  const opts = { port: 80, bytes: 64, protocol: "tcp" as const, ...options, hooks };
  const src = parseSource(cluster, from);
  if (!src.ok) return { ok: false, hops: [], error: src.error } as TraceResult;
  const s = src.value;
  const hops: Hop[] = [];
  const tgt = parseTarget(cluster, to, { pod: s.kind === "pod" ? s.pod : undefined, node: s.kind === "node" ? s.node : undefined }, hooks);
  if (!tgt.ok) {
    if (!tgt.reason) return { ok: false, hops: [], error: tgt.error } as TraceResult;
    hops.push({ stage: "resolve", at: from, action: `resolve ${to}`, dropped: { reason: tgt.reason, detail: tgt.error } });
    return finish(hops);
  }
  if (tgt.value.resolved) hops.push({ stage: "resolve", at: from, action: tgt.value.resolved });
  const w: Walk = {
    cluster, hops, opts, srcIP: s.ip, dstIP: tgt.value.ip, port: opts.port,
    senderMTU: s.kind === "pod" ? podInterfaceMTU(cluster.state, cluster.store, s.node) : s.kind === "node" ? nodeMTU(cluster.state.network, s.node, s.ip) : 1500,
    crossings: [],
  };
  let node: string | undefined;
  if (s.kind === "pod") {
    const pod = cluster.get("Pod", s.pod.split("/")[0], s.pod.split("/")[1])!;
    hops.push({ stage: "pod-eth0", at: s.pod, device: "eth0", action: `send ${describe(w)} from ${s.ip} (MTU ${w.senderMTU})`, src: s.ip, dst: w.dstIP });
    hops.push({ stage: "veth", at: s.node, device: vethName(pod.metadata.uid), action: "leaves the pod's network namespace through its veth pair" });
    hops.push({ stage: "bridge", at: s.node, device: "cni0", action: "enters the node's bridge cni0 and the host's IP stack" });
    node = s.node;
  } else if (s.kind === "node") {
    hops.push({ stage: "route", at: s.node, device: "eth0", action: `send ${describe(w)} from the host ${s.ip}`, src: s.ip, dst: w.dstIP });
    node = s.node;
  } else {
    node = enterFromOutside(w, s);
    if (!node) return finish(hops);
  }
  return finish(walkNodes(w, s, node), tgt.value.pod);
}

function describe(w: Walk): string {
  return w.opts.protocol === "icmp" ? "ICMP echo request" : `${w.opts.protocol.toUpperCase()} ${w.opts.bytes} bytes to port ${w.port}`;
}

function drop(w: Walk, hop: Omit<Hop, "dropped">, reason: DropReason, detail: string): Hop[] {
  w.hops.push({ ...hop, dropped: { reason, detail } });
  return w.hops;
}

/** A client outside: the router forwards to a node IP, or the cloud load balancer to some node. */
function enterFromOutside(w: Walk, s: Extract<Source, { kind: "external" }>): string | undefined {
  const { cluster } = w;
  const direct = nodeWithIP(cluster.store, w.dstIP);
  w.hops.push({ stage: "external", at: "internet", action: `client ${s.ip} sends ${describe(w)} to ${w.dstIP}`, src: s.ip, dst: w.dstIP });
  if (direct) {
    const rule = firewallVerdict(cluster.state.network, direct, { protocol: w.opts.protocol, port: w.port, sourceIP: s.ip });
    if (rule) {
      drop(w, { stage: "firewall", at: direct, action: `host firewall of ${direct}` }, rule.action === "REJECT" ? "connection refused" : "i/o timeout", `rule "${rule.name}" ${rule.action}s ${w.opts.protocol}/${w.port} from ${s.ip}`);
      return undefined;
    }
    return direct;
  }
  const lbNodes = cluster.store.list("Node").map((n) => n.metadata.name);
  const svc = cluster.store.list("Service").find((x) => (x.status?.loadBalancer?.ingress ?? []).some((i) => i.ip === w.dstIP) || (x.spec.externalIPs ?? []).includes(w.dstIP));
  if (!svc || lbNodes.length === 0) {
    drop(w, { stage: "router", at: "internet", action: `route to ${w.dstIP}` }, "i/o timeout", `${w.dstIP} is not a node, load-balancer or external IP of this cluster`);
    return undefined;
  }
  // The cloud load balancer spreads connections over the nodes (Local policy: health checks keep only nodes with endpoints).
  const picked = lbNodes[nextInt(w.cluster.state.rng, lbNodes.length)];
  w.hops.push({ stage: "underlay", at: "load balancer", action: `load balancer for ${svc.metadata.namespace}/${svc.metadata.name} forwards to node ${picked}` });
  return picked;
}

function walkNodes(w: Walk, s: Source, start: string): Hop[] {
  const { cluster } = w;
  const st = cluster.state;
  let node = start;
  for (let visit = 0; visit < MAX_NODE_VISITS; visit++) {
    const ip = nodeIP(cluster.get("Node", undefined, node))!;
    if (visit === 0 && w.opts.protocol !== "icmp") {
      const stop = dnat(w, node, ip, s);
      if (stop) return stop;
    }
    if (visit === 0 && s.kind === "pod" && w.opts.hooks?.policy) {
      const dstPod = podAt(w, w.dstIP);
      const v = w.opts.hooks.policy(cluster, { direction: "egress", protocol: w.opts.protocol, port: w.port, src: { ip: s.ip, pod: s.pod }, dst: { ip: w.dstIP, pod: dstPod } });
      if (!v.allowed) return drop(w, { stage: "policy-egress", at: node, action: "egress NetworkPolicy check" }, "dropped by NetworkPolicy", v.detail);
    }
    if (w.dstIP === ip) return deliverToHost(w, node);
    const routes = nodeRoutes(st, cluster.store, node);
    const r = lookupRoute(routes, w.dstIP);
    if (!r) return drop(w, { stage: "route", at: node, action: `ip route get ${w.dstIP}` }, "no route to host", `node ${node} has no route to ${w.dstIP}`);
    w.hops.push({ stage: "route", at: node, device: r.dev, action: `ip route get ${w.dstIP}: ${formatRoute(r)}` });
    if (r.kind === "local-pods") return deliverToPod(w, node, s);
    let next: string | undefined;
    let backend: BackendConfig | undefined;
    if (r.kind === "remote-pods") {
      const cfg = nodeConfig(st, node);
      const lease = leasesSeenBy(st.network, node)[r.node!];
      const tunnel = r.dev === tunnelDevice(cfg.backend, cfg.plugin);
      const outerDst = tunnel ? lease.publicIP : r.via!;
      next = nodeWithIP(cluster.store, outerDst);
      if (tunnel) {
        backend = cfg.backend;
        const what = backend.type === "vxlan" ? `VXLAN VNI ${backend.vni ?? 1}, UDP ${vxlanPort(backend)}, inner dst MAC ${lease.vtepMAC ?? "?"}` : "IP-in-IP (IP protocol 4)";
        w.hops.push({ stage: "encapsulation", at: node, device: r.dev, action: `encapsulate: outer ${ip} → ${outerDst}, ${what}, +${encapOverhead(backend, true)} bytes`, src: ip, dst: outerDst });
      }
      if (!next) return drop(w, { stage: "underlay", at: node, device: "eth0", action: `send to ${outerDst}` }, "i/o timeout", `no node answers at ${outerDst} any more (stale route)`);
    } else if (r.kind === "node-subnet") {
      next = nodeWithIP(cluster.store, w.dstIP);
      if (!next) return drop(w, { stage: "underlay", at: node, device: "eth0", action: `ARP for ${w.dstIP}` }, "no route to host", `no host answers ARP for ${w.dstIP} on ${r.dst}`);
    } else {
      const gw = r.via!;
      next = nodeWithIP(cluster.store, w.dstIP);
      if (!next) return leaveThroughRouter(w, node, gw);
      w.hops.push({ stage: "router", at: `router ${gw}`, action: `forward to ${w.dstIP} (node ${next})` });
    }
    const stop = crossUnderlay(w, node, next, backend);
    if (stop) return stop;
    node = next;
  }
  return drop(w, { stage: "route", at: node, action: "forward" }, "i/o timeout", "routing loop: TTL exceeded in transit");
}

function podAt(w: Walk, ip: string): string | undefined {
  for (const n of w.cluster.store.list("Node")) {
    if (!n.spec?.podCIDR || !cidrContains(n.spec.podCIDR, ip)) continue;
    const p = podWithIPOnNode(w.cluster.state, w.cluster.store, n.metadata.name, ip);
    if (p) return podKey(p);
  }
  return undefined;
}

/** kube-proxy's nat table on the first node: ClusterIP / NodePort / LB IP → one endpoint. */
function dnat(w: Walk, node: string, nodeIPAddr: string, s: Source): Hop[] | undefined {
  const { cluster } = w;
  const table = proxyTableOn(cluster.state, cluster.store, node);
  const inServiceCIDR = cidrContains(cluster.state.config.serviceCIDR, w.dstIP);
  if (!table) {
    if (inServiceCIDR) w.hops.push({ stage: "dnat", at: node, action: `no KUBE-SERVICES chain on ${node}: kube-proxy has never run here, ${w.dstIP} is not translated` });
    return undefined;
  }
  const m = matchService(table, w.dstIP, w.port, w.opts.protocol, w.dstIP === nodeIPAddr);
  if (!m) {
    if (inServiceCIDR) w.hops.push({ stage: "dnat", at: node, device: "KUBE-SERVICES", action: `no rule for ${w.dstIP}:${w.port}/${w.opts.protocol} in KUBE-SERVICES on ${node}` });
    return undefined;
  }
  const r = chooseEndpoint(cluster.state, m, w.srcIP, node, cluster.nowMs);
  if (!r.ok) {
    const reason: DropReason = r.reason === "no endpoints" ? "connection refused" : "i/o timeout";
    return drop(w, { stage: "dnat", at: node, device: r.svcChain, action: `${m.via} ${w.dstIP}:${w.port} of ${m.entry.servicePortName}` }, reason, r.why);
  }
  const before = `${w.dstIP}:${w.port}`;
  w.dstIP = r.endpoint.ip;
  w.port = r.endpoint.port;
  if (m.via !== "cluster IP" && !(m.entry.externalPolicyLocal) && s.kind === "external") w.srcIP = nodeIPAddr;
  w.hops.push({
    stage: "dnat", at: node, device: `${r.svcChain} → ${r.sepChain}`,
    action: `DNAT ${before} (${m.entry.servicePortName} ${m.via}) → ${r.endpoint.ip}:${r.endpoint.port}${r.endpoint.pod ? ` (pod ${r.endpoint.pod})` : ""}: ${r.why}`,
    src: w.srcIP, dst: `${w.dstIP}:${w.port}`,
  });
  return undefined;
}

/** Where the default route leads for an address no node owns: outside, or nowhere. */
function leaveThroughRouter(w: Walk, node: string, gw: string): Hop[] {
  const st = w.cluster.state;
  const internal = cidrContains(st.config.clusterCIDR, w.dstIP) || cidrContains(st.config.serviceCIDR, w.dstIP) || st.network.subnets.some((s) => cidrContains(s.cidr, w.dstIP));
  if (internal) {
    return drop(w, { stage: "router", at: `router ${gw}`, action: `forward ${w.dstIP}` }, "i/o timeout",
      `the router ${gw} has no route to ${w.dstIP}: pod and Service addresses exist only in the nodes' own tables; the packet is dropped silently`);
  }
  w.hops.push({ stage: "external", at: `router ${gw}`, action: `leaves the cluster network toward ${w.dstIP} (SNAT to ${nodeIP(w.cluster.get("Node", undefined, node))})` });
  return w.hops;
}

/** One node-to-node crossing of the underlay: path, MTU (DF set), the receiver's firewall, decapsulation. */
function crossUnderlay(w: Walk, from: string, to: string, backend: BackendConfig | undefined): Hop[] | undefined {
  const { cluster } = w;
  const st = cluster.state;
  const fromIP = nodeIP(cluster.get("Node", undefined, from))!;
  const toIP = nodeIP(cluster.get("Node", undefined, to))!;
  const path = underlayPath(st.network, from, fromIP, to, toIP);
  const route = path.sameSubnet ? `same L2 subnet ${path.from?.cidr}` : `through the router (${path.from?.cidr ?? "?"} → ${path.to?.cidr ?? "?"})`;
  const overhead = backend ? encapOverhead(backend, !path.sameSubnet) : 0;
  const inner = Math.min(w.opts.bytes + TCP_IP_HEADERS, w.senderMTU);
  const outer = inner + overhead;
  w.hops.push({ stage: "underlay", at: `${from} → ${to}`, device: "eth0", action: `${route}, path MTU ${path.mtu}, packet ${outer} bytes` });
  if (w.opts.protocol === "tcp" && outer > path.mtu) {
    return drop(w, { stage: "underlay", at: `${from} → ${to}`, action: "MTU check (DF set)" }, "fragmentation needed",
      `${outer}-byte packet (${inner} inner${overhead ? ` + ${overhead} ${backend!.type === "vxlan" ? "VXLAN" : "IP-in-IP"}` : ""}) exceeds the path MTU ${path.mtu}; with DF set it is dropped (ICMP fragmentation needed)`);
  }
  const pkt = backend?.type === "vxlan" ? { protocol: "udp" as const, port: vxlanPort(backend), sourceIP: fromIP }
    : backend?.type === "ipip" ? { protocol: "ipip" as const, sourceIP: fromIP }
    : { protocol: w.opts.protocol, port: w.port, sourceIP: w.srcIP };
  const rule = firewallVerdict(st.network, to, pkt);
  if (rule) {
    const what = pkt.protocol === "ipip" ? "IP protocol 4 (IP-in-IP)" : pkt.protocol === "icmp" ? "ICMP" : `${pkt.protocol}/${pkt.port}`;
    const reason: DropReason = rule.action === "REJECT" && !backend && pkt.protocol === "tcp" ? "connection refused" : "i/o timeout";
    return drop(w, { stage: "firewall", at: to, action: `host firewall of ${to}` }, reason, `rule "${rule.name}" ${rule.action}s ${what} from ${pkt.sourceIP}`);
  }
  w.crossings.push({ from, to, backend });
  if (!backend) return undefined;
  const recv = nodeConfig(st, to);
  const programmed = st.network.cni.nodes[to]?.everProgrammed ?? false;
  const dev = tunnelDevice(backend, recv.plugin) ?? "tunl0";
  if (!programmed || recv.backend.type !== backend.type) {
    const port = backend.type === "vxlan" ? `UDP ${vxlanPort(backend)}` : "IP protocol 4";
    return drop(w, { stage: "decapsulation", at: to, action: `receive ${port}` }, "i/o timeout", `node ${to} has no ${backend.type === "vxlan" ? "VXLAN" : "IP-in-IP"} device (its CNI runs ${programmed ? recv.backend.type : "nothing"}): ${port} is dropped`);
  }
  if (backend.type === "vxlan" && (recv.backend.vni !== backend.vni || vxlanPort(recv.backend) !== vxlanPort(backend))) {
    return drop(w, { stage: "decapsulation", at: to, device: dev, action: "match VXLAN VNI and port" }, "i/o timeout",
      `packet has VNI ${backend.vni} on UDP ${vxlanPort(backend)} but ${dev} on ${to} is VNI ${recv.backend.vni} on UDP ${vxlanPort(recv.backend)}: no device accepts it`);
  }
  w.hops.push({ stage: "decapsulation", at: to, device: dev, action: `decapsulate: inner ${w.srcIP} → ${w.dstIP}` });
  return undefined;
}

function deliverToHost(w: Walk, node: string): Hop[] {
  const { cluster } = w;
  if (w.opts.protocol === "icmp") {
    w.hops.push({ stage: "deliver", at: node, device: "eth0", action: `host ${w.dstIP} answers the echo request` });
    return w.hops;
  }
  if (!nodeListening(cluster.state, cluster.store, node, w.port, cluster.nowMs)) {
    return drop(w, { stage: "port", at: node, action: `connect ${w.dstIP}:${w.port}` }, "connection refused", `nothing listens on ${w.dstIP}:${w.port} on node ${node} (RST)`);
  }
  w.hops.push({ stage: "port", at: node, action: `host ${w.dstIP} accepts on port ${w.port}` });
  return w.hops;
}

function deliverToPod(w: Walk, node: string, s: Source): Hop[] {
  const { cluster } = w;
  const st = cluster.state;
  const pod = podWithIPOnNode(st, cluster.store, node, w.dstIP);
  if (!pod) return drop(w, { stage: "bridge", at: node, device: "cni0", action: `ARP for ${w.dstIP} on cni0` }, "no route to host", `no pod on ${node} has ${w.dstIP}: ARP gets no answer (Destination Host Unreachable)`);
  const key = podKey(pod);
  if (w.opts.hooks?.policy) {
    const v = w.opts.hooks.policy(cluster, { direction: "ingress", protocol: w.opts.protocol, port: w.port, src: { ip: w.srcIP, pod: s.kind === "pod" ? s.pod : undefined }, dst: { ip: w.dstIP, pod: key } });
    if (!v.allowed) return drop(w, { stage: "policy-ingress", at: node, action: "ingress NetworkPolicy check" }, "dropped by NetworkPolicy", v.detail);
  }
  w.hops.push({ stage: "bridge", at: node, device: "cni0", action: `bridge forwards to ${vethName(pod.metadata.uid)}` });
  w.hops.push({ stage: "veth", at: node, device: vethName(pod.metadata.uid), action: `into the network namespace of ${key}` });
  w.hops.push({ stage: "pod-eth0", at: key, device: "eth0", action: `arrives at ${w.dstIP}`, src: w.srcIP, dst: w.dstIP });
  if (w.opts.protocol === "icmp") {
    w.hops.push({ stage: "port", at: key, action: "the pod's kernel answers the echo request" });
  } else if (w.opts.protocol === "tcp") {
    const l = podListening(st, pod, w.port, cluster.nowMs);
    if (!l.listening) return drop(w, { stage: "port", at: key, action: `connect to port ${w.port}` }, "connection refused", `${l.detail} (RST)`);
    w.hops.push({ stage: "port", at: key, action: `${l.detail}; connection accepted${l.ready ? "" : " (the pod is not Ready: Services leave it out, direct connections still work)"}` });
    const answer = w.opts.hooks?.answer?.(cluster, { pod: key, port: w.port }, w.opts);
    if (answer) {
      w.hops.push(answer);
      if (answer.dropped) return w.hops;
    }
  }
  return responsePath(w, node);
}

/** The reply crosses the same node boundaries backwards, sized by the server's pod MTU. */
function responsePath(w: Walk, serverNode: string): Hop[] {
  if (w.opts.responseBytes === undefined || w.crossings.length === 0 || w.opts.protocol !== "tcp") return w.hops;
  const { cluster } = w;
  const st = cluster.state;
  const mtu = podInterfaceMTU(st, cluster.store, serverNode);
  for (const c of [...w.crossings].reverse()) {
    const fromIP = nodeIP(cluster.get("Node", undefined, c.to))!;
    const toIP = nodeIP(cluster.get("Node", undefined, c.from))!;
    const path = underlayPath(st.network, c.to, fromIP, c.from, toIP);
    const backend = c.backend ? nodeConfig(st, c.to).backend : undefined;
    const overhead = backend ? encapOverhead(backend, !path.sameSubnet) : 0;
    const inner = Math.min(w.opts.responseBytes + TCP_IP_HEADERS, mtu);
    if (inner + overhead > path.mtu) {
      return drop(w, { stage: "response", at: `${c.to} → ${c.from}`, action: `response of ${w.opts.responseBytes} bytes` }, "fragmentation needed",
        `response segments of ${inner} bytes (server pod MTU ${mtu}) + ${overhead} encapsulation = ${inner + overhead} exceed the path MTU ${path.mtu}: the request got through, the response is dropped`);
    }
    w.hops.push({ stage: "response", at: `${c.to} → ${c.from}`, action: `response ${inner + overhead}-byte packets fit the path MTU ${path.mtu}` });
  }
  return w.hops;
}

function finish(hops: Hop[], _targetPod?: string): TraceResult {
  const i = hops.findIndex((h) => h.dropped);
  if (i >= 0) return { ok: false, hops, dropped: { ...hops[i].dropped!, hopIndex: i } };
  // The arrival is the last hop into a pod, a node or outside; later hops (port, application) happen there.
  const last = [...hops].reverse().find((h) => h.stage === "pod-eth0" || h.stage === "deliver" || h.stage === "external");
  if (!last) return { ok: true, hops };
  const pod = last.stage === "pod-eth0" ? last.at : undefined;
  return { ok: true, hops, reached: { ip: last.dst ?? "", ...(pod ? { pod } : { node: last.at }) } };
}
