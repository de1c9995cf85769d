/**
 * `ip addr`, `ip route` (and `ip route get`), `ip link`, `bridge fdb show`: what iproute2 prints
 * in a pod's network namespace or on a node.
 */
import type { Cluster } from "../../sim/cluster.ts";
import { nthAddress, parseCIDR } from "../cidr.ts";
import { leasesSeenBy, nodeConfig } from "../cni-agent.ts";
import { podInterfaceMTU, vethName } from "../addresses.ts";
import { formatRoute, lookupRoute, nodeRoutes } from "../routes.ts";
import { macFor, nodeIP, nodeMTU, subnetOf, tunnelDevice } from "../underlay.ts";
import { fail, nodeOf, ok, podAt, seesNode, type ToolResult, type Where } from "./where.ts";

const LO = [
  "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000",
  "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00",
  "    inet 127.0.0.1/8 scope host lo",
  "       valid_lft forever preferred_lft forever",
];

function podAddr(cluster: Cluster, where: { pod: string }): string[] {
  const pod = podAt(cluster, where)!;
  const ip = cluster.state.pods[pod.metadata.uid]?.podIP;
  const node = pod.spec.nodeName!;
  const cidr = cluster.get("Node", undefined, node)?.spec?.podCIDR;
  const mtu = podInterfaceMTU(cluster.state, cluster.store, node);
  const prefix = cidr ? parseCIDR(cidr).prefix : 24;
  return [
    ...LO,
    `2: eth0@if${4 + (parseInt(vethName(pod.metadata.uid).slice(4, 6), 16) % 60)}: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu ${mtu} qdisc noqueue state UP group default`,
    `    link/ether ${macFor(`eth0\0${pod.metadata.uid}`)} brd ff:ff:ff:ff:ff:ff link-netnsid 0`,
    ...(ip ? [`    inet ${ip}/${prefix} brd ${cidr ? nthAddress(cidr, 2 ** (32 - prefix) - 1) : ""} scope global eth0`, "       valid_lft forever preferred_lft forever"] : []),
  ];
}

function nodeAddr(cluster: Cluster, node: string): string[] {
  const st = cluster.state;
  const n = cluster.get("Node", undefined, node);
  const ip = nodeIP(n) ?? "";
  const subnet = subnetOf(st.network, ip);
  const prefix = subnet ? parseCIDR(subnet.cidr).prefix : 24;
  const mtu = nodeMTU(st.network, node, ip);
  const lines = [...LO,
    `2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu ${mtu} qdisc mq state UP group default qlen 1000`,
    `    link/ether ${macFor(`eth0\0${node}`)} brd ff:ff:ff:ff:ff:ff`,
    `    inet ${ip}/${prefix} brd ${subnet ? nthAddress(subnet.cidr, 2 ** (32 - prefix) - 1) : ""} scope global eth0`,
    "       valid_lft forever preferred_lft forever"];
  let idx = 3;
  const nc = st.network.cni.nodes[node];
  const cidr = n?.spec?.podCIDR;
  if (nc?.everProgrammed && cidr) {
    const cfg = nodeConfig(st, node);
    const dev = tunnelDevice(cfg.backend, cfg.plugin);
    if (dev) {
      const tmtu = mtu - (cfg.backend.type === "vxlan" ? 50 : 20);
      lines.push(`${idx++}: ${dev}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu ${tmtu} qdisc noqueue state UNKNOWN group default`);
      lines.push(cfg.backend.type === "vxlan" ? `    link/ether ${macFor(`vtep\0${node}`)} brd ff:ff:ff:ff:ff:ff` : "    link/ipip 0.0.0.0 brd 0.0.0.0");
      lines.push(`    inet ${nthAddress(cidr, 0)}/32 scope global ${dev}`, "       valid_lft forever preferred_lft forever");
    }
    lines.push(`${idx++}: cni0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu ${podInterfaceMTU(st, cluster.store, node)} qdisc noqueue state UP group default qlen 1000`);
    lines.push(`    link/ether ${macFor(`cni0\0${node}`)} brd ff:ff:ff:ff:ff:ff`);
    lines.push(`    inet ${nthAddress(cidr, 1)}/${parseCIDR(cidr).prefix} brd ${nthAddress(cidr, 2 ** (32 - parseCIDR(cidr).prefix) - 1)} scope global cni0`, "       valid_lft forever preferred_lft forever");
    for (const key of [...cluster.store.podKeysOnNode(node)].sort()) {
      const p = cluster.store.get("Pod", key);
      if (!p || p.spec.hostNetwork || !st.pods[p.metadata.uid]?.podIP) continue;
      lines.push(`${idx++}: ${vethName(p.metadata.uid)}@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu ${podInterfaceMTU(st, cluster.store, node)} qdisc noqueue master cni0 state UP group default`);
      lines.push(`    link/ether ${macFor(`veth\0${p.metadata.uid}`)} brd ff:ff:ff:ff:ff:ff link-netns cni-${p.metadata.uid}`);
    }
  }
  return lines;
}

function podRoutes(cluster: Cluster, where: { pod: string }): string[] {
  const pod = podAt(cluster, where)!;
  const ip = cluster.state.pods[pod.metadata.uid]?.podIP;
  const cidr = cluster.get("Node", undefined, pod.spec.nodeName ?? "")?.spec?.podCIDR;
  if (!ip || !cidr) return [];
  const gw = nthAddress(cidr, 1);
  const network = nodeConfig(cluster.state, pod.spec.nodeName!).network;
  return [`default via ${gw} dev eth0`, `${network} via ${gw} dev eth0`, `${cidr} dev eth0 proto kernel scope link src ${ip}`];
}

export function ipTool(cluster: Cluster, where: Where, argv: string[]): ToolResult {
  const node = nodeOf(cluster, where);
  if (!node) return fail(`Error: ${"pod" in where ? `pod ${where.pod}` : "node"} not found\n`);
  const host = seesNode(cluster, where);
  const args = argv.slice(1).filter((a) => a !== "-4");
  const obj = args[0] ?? "";
  if (["a", "addr", "address"].includes(obj) || ["l", "link"].includes(obj)) {
    const lines = host ? nodeAddr(cluster, node) : podAddr(cluster, where as { pod: string });
    const link = ["l", "link"].includes(obj);
    return ok(lines.filter((l) => !link || !/^\s+(inet|valid_lft)/.test(l)).join("\n") + "\n");
  }
  if (["r", "ro", "route"].includes(obj)) {
    const table = host ? nodeRoutes(cluster.state, cluster.store, node).map(formatRoute) : podRoutes(cluster, where as { pod: string });
    if (args[1] === "get") {
      const dst = args[2];
      if (!dst) return fail("Command line is not complete. Try option \"help\"\n", 255);
      if (!host) return ok(`${dst} via ${table[0]?.split(" ")[2] ?? "?"} dev eth0 src ${cluster.state.pods[podAt(cluster, where)!.metadata.uid]?.podIP ?? ""} uid 0 \n    cache \n`);
      const r = lookupRoute(nodeRoutes(cluster.state, cluster.store, node), dst);
      if (!r) return fail("RTNETLINK answers: Network is unreachable\n", 2);
      return ok(`${dst} ${r.via ? `via ${r.via} ` : ""}dev ${r.dev} src ${r.src ?? nodeIP(cluster.get("Node", undefined, node))} uid 0 \n    cache \n`);
    }
    return ok(table.map((l) => `${l} \n`).join(""));
  }
  return fail(`Object "${obj}" is unknown, try "ip help".\n`, 255);
}

export function bridgeTool(cluster: Cluster, where: Where, argv: string[]): ToolResult {
  const node = nodeOf(cluster, where);
  if (!node || !seesNode(cluster, where)) return fail("bridge: command not found\n", 127);
  if (argv[1] !== "fdb") return fail(`Object "${argv[1] ?? ""}" is unknown, try "bridge help".\n`, 255);
  const st = cluster.state;
  const lines: string[] = [];
  const cfg = nodeConfig(st, node);
  if (st.network.cni.nodes[node]?.everProgrammed && cfg.backend.type === "vxlan") {
    const leases = leasesSeenBy(st.network, node);
    for (const other of Object.keys(leases).sort()) {
      if (other === node || leases[other].backend.type !== "vxlan") continue;
      lines.push(`${leases[other].vtepMAC} dev ${tunnelDevice(cfg.backend, cfg.plugin)} dst ${leases[other].publicIP} self permanent`);
    }
    for (const key of [...cluster.store.podKeysOnNode(node)].sort()) {
      const p = cluster.store.get("Pod", key);
      if (p && !p.spec.hostNetwork && st.pods[p.metadata.uid]?.podIP) lines.push(`${macFor(`veth\0${p.metadata.uid}`)} dev ${vethName(p.metadata.uid)} master cni0 permanent`);
    }
  }
  return ok(lines.map((l) => `${l}\n`).join(""));
}
