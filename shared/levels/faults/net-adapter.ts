/**
 * Network faults, referenced by name from level files (`kind: network, name: blockVxlan,
 * params: {...}`): a thin adapter onto shared/net/faults.ts (NETWORK_FAULTS), giving each fault
 * a zod schema for its params so a level file is checked before anything runs.
 */
import { z } from "zod";
import type { Cluster } from "../../sim/cluster.ts";
import type { Result } from "../../util/result.ts";
import { err, ok } from "../../util/result.ts";
import * as net from "../../net/faults.ts";

export const networkFaultSchema = z.record(z.string(), z.unknown());

const node = z.string().min(1);
const optNode = z.strictObject({ node: node.optional() });
const flannelChange = z.strictObject({ vni: z.number().int().optional(), backend: z.enum(["vxlan", "host-gw"]).optional(), port: z.number().int().optional() });

interface NetFaultDef {
  params: z.ZodType;
  describe(p: Record<string, unknown>): string;
  apply(cluster: Cluster, p: Record<string, unknown>): void;
}
type P = Record<string, never> & Record<string, unknown>;
const def = <S extends z.ZodType>(params: S, describe: (p: z.output<S>) => string, apply: (c: Cluster, p: z.output<S>) => void): NetFaultDef => ({
  params,
  describe: describe as (p: P) => string,
  apply: apply as (c: Cluster, p: P) => void,
});

export const NETWORK_FAULTS: Record<string, NetFaultDef> = {
  blockVxlan: def(z.strictObject({ node: node.optional(), port: z.number().int().optional() }), (p) => `firewall drops VXLAN (udp/${p.port ?? 8472})${p.node ? ` to ${p.node}` : ""}`, (c, p) => void net.blockVxlan(c, p)),
  blockIPIP: def(optNode, (p) => `firewall drops IP-in-IP${p.node ? ` to ${p.node}` : ""}`, (c, p) => void net.blockIPIP(c, p)),
  blockBGP: def(optNode, (p) => `firewall drops BGP (tcp/179)${p.node ? ` to ${p.node}` : ""}`, (c, p) => void net.blockBGP(c, p)),
  breakFlannelConfig: def(z.strictObject({ text: z.string().optional() }), () => "kube-flannel-cfg net-conf.json broken", (c, p) => net.breakFlannelConfig(c, p.text)),
  wrongFlannelNetwork: def(z.strictObject({ network: z.string().optional() }), (p) => `flannel Network set to ${p.network ?? "10.245.0.0/16"}`, (c, p) => net.wrongFlannelNetwork(c, p.network)),
  flannelConfigDrift: def(z.strictObject({ nodes: z.array(node).min(1), change: flannelChange }), (p) => `flannel config drift on ${p.nodes.join(", ")}`, (c, p) => net.flannelConfigDrift(c, p.nodes, p.change)),
  deleteRoute: def(z.strictObject({ node, destination: z.string().min(1) }), (p) => `route to ${p.destination} deleted on ${p.node}`, (c, p) => net.deleteRoute(c, p.node, p.destination)),
  overlapPodCIDR: def(z.strictObject({ node, podCIDR: z.string().min(1) }), (p) => `${p.node} podCIDR overlaps (${p.podCIDR})`, (c, p) => net.overlapPodCIDR(c, p.node, p.podCIDR)),
  moveNodeToSubnet: def(
    z.strictObject({ node, subnet: z.strictObject({ name: z.string(), cidr: z.string(), gateway: z.string(), mtu: z.number().int().optional() }), ip: z.string() }),
    (p) => `${p.node} moved to subnet ${p.subnet.cidr}`,
    (c, p) => net.moveNodeToSubnet(c, p.node, p.subnet, p.ip),
  ),
  setSubnetMTU: def(z.strictObject({ subnet: z.string().min(1), mtu: z.number().int() }), (p) => `MTU of subnet ${p.subnet} set to ${p.mtu}`, (c, p) => net.setSubnetMTU(c, p.subnet, p.mtu)),
  setNodeMTU: def(z.strictObject({ node, mtu: z.number().int() }), (p) => `MTU of ${p.node} set to ${p.mtu}`, (c, p) => net.setNodeMTU(c, p.node, p.mtu)),
  setFlannelPodMTU: def(z.strictObject({ mtu: z.number().int().optional() }), (p) => `flannel pod MTU set to ${p.mtu ?? "default"}`, (c, p) => net.setFlannelPodMTU(c, p.mtu)),
  bgpPeerDown: def(z.strictObject({ node, down: z.boolean().default(true) }), (p) => `BGP sessions of ${p.node} ${p.down ? "down" : "up"}`, (c, p) => net.bgpPeerDown(c, p.node, p.down)),
  removeCniToleration: def(
    z.strictObject({ node, taint: z.strictObject({ key: z.string(), value: z.string(), effect: z.literal("NoSchedule") }).optional() }),
    (p) => `CNI DaemonSet loses the toleration ${p.node} needs`,
    (c, p) => net.removeCniToleration(c, p.node, p.taint),
  ),
  /** Not a breakage by itself: agents re-read their (possibly broken) config, as after a node upgrade. */
  restartFlannelAgents: def(z.strictObject({ nodes: z.array(node).optional() }), (p) => `flannel agents restarted${p.nodes ? ` on ${p.nodes.join(", ")}` : ""}`, (c, p) => net.restartFlannelAgents(c, p.nodes)),
  rebootNodeNetwork: def(z.strictObject({ node }), (p) => `${p.node} rebooted: CNI state wiped`, (c, p) => net.rebootNodeNetwork(c, p.node)),
};

export function checkNetworkFault(name: string, params: unknown): string[] {
  const d = NETWORK_FAULTS[name];
  if (!d) return [`unknown network fault "${name}" (known: ${Object.keys(NETWORK_FAULTS).join(", ")})`];
  const r = d.params.safeParse(params ?? {});
  return r.success ? [] : r.error.issues.map((i) => `params${i.path.length ? "." + i.path.join(".") : ""}: ${i.message}`);
}

export function describeNetworkFault(name: string, params: unknown): string {
  const d = NETWORK_FAULTS[name];
  const r = d?.params.safeParse(params ?? {});
  return d && r?.success ? d.describe(r.data as Record<string, unknown>) : `network fault ${name}`;
}

export function applyNetworkFault(cluster: Cluster, name: string, params: unknown): Result<void, string> {
  const d = NETWORK_FAULTS[name];
  if (!d) return err(`unknown network fault "${name}"`);
  const r = d.params.safeParse(params ?? {});
  if (!r.success) return err(`network fault ${name}: ${r.error.issues.map((i) => i.message).join("; ")}`);
  try {
    d.apply(cluster, r.data as Record<string, unknown>);
    return ok(undefined);
  } catch (e) {
    return err(`network fault ${name}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
