import type { Stored } from "../../k8s/kinds.ts";
import type { Node } from "../../k8s/schema/node.ts";
import { cidrsOverlap, formatCIDR, parseCIDR, prefixMask, type CIDR } from "../../net/cidr.ts";
import type { Controller, SimContext } from "../controller.ts";
import type { ClusterConfig } from "../state.ts";
import type { Store } from "../store.ts";

const NAME = "node-ipam";
/** The recorder's component name in range_allocator.go (NewCIDRRangeAllocator). */
const EVENT_SOURCE = { component: "cidrAllocator" };

/**
 * cidrset.CidrSet reduced to its geometry: the cluster CIDR cut into `max` blocks of
 * /nodePrefix, block i being the i-th in address order (10.244.0.0/16, /24: block 1 is
 * 10.244.1.0/24).
 */
export interface CidrSet {
  cluster: CIDR;
  nodePrefix: number;
  max: number;
}

export function newCidrSet(clusterCIDR: string, nodeCIDRMaskSize: number): CidrSet {
  const cluster = parseCIDR(clusterCIDR);
  if (nodeCIDRMaskSize < cluster.prefix || nodeCIDRMaskSize > 32) {
    throw new Error(`node-ipam: --node-cidr-mask-size ${nodeCIDRMaskSize} does not fit in cluster CIDR ${clusterCIDR}`);
  }
  return { cluster, nodePrefix: nodeCIDRMaskSize, max: 2 ** (nodeCIDRMaskSize - cluster.prefix) };
}

export function blockCIDR(set: CidrSet, index: number): string {
  return formatCIDR({ base: set.cluster.base + index * 2 ** (32 - set.nodePrefix), prefix: set.nodePrefix });
}

/**
 * getBeginningAndEndIndices: the blocks a CIDR covers, or undefined when it is unparsable or
 * outside the cluster CIDR (such a node keeps its podCIDR; the allocator just cannot track it).
 * A CIDR as wide as the cluster's (or wider) covers every block, as in the real cidrset.
 */
export function blockRange(set: CidrSet, cidr: string): [number, number] | undefined {
  let c: CIDR;
  try {
    c = parseCIDR(cidr);
  } catch {
    return undefined;
  }
  if (!cidrsOverlap(set.cluster, c)) return undefined;
  if (c.prefix <= set.cluster.prefix) return [0, set.max - 1];
  const shift = 2 ** (32 - set.nodePrefix);
  const first = Math.floor((((c.base & prefixMask(set.nodePrefix)) >>> 0) - set.cluster.base) / shift);
  const lastAddr = c.base + 2 ** (32 - c.prefix) - 1;
  const last = Math.floor((((lastAddr & prefixMask(set.nodePrefix)) >>> 0) - set.cluster.base) / shift);
  return [first, last];
}

/**
 * Allocation state derived from the nodes (rebuildable after a restore, so it is not part of
 * ClusterState): which blocks each node holds, and which nodes still wait for one.
 */
interface IpamIndex {
  configKey: string;
  set: CidrSet;
  /** Blocks occupied by the Service CIDR (filterOutServiceRange). */
  reserved: Set<number>;
  byNode: Map<string, number[]>;
  /** block ⇒ how many nodes hold it (overlapping podCIDRs given by a level count twice). */
  holders: Map<number, number>;
  waiting: Set<string>;
}

/** Derived indexes per store (a cache, never state: it is rebuilt from the objects on demand). */
function indexFor(store: Store, cfg: ClusterConfig): IpamIndex {
  const configKey = `${cfg.clusterCIDR}/${cfg.nodeCIDRMaskSize}/${cfg.serviceCIDR}`;
  let ix = store.derived.get("node-ipam") as IpamIndex | undefined;
  if (ix && ix.configKey === configKey) return ix;
  const set = newCidrSet(cfg.clusterCIDR, cfg.nodeCIDRMaskSize);
  const reserved = new Set<number>();
  const svc = blockRange(set, cfg.serviceCIDR);
  if (svc) for (let i = svc[0]; i <= svc[1]; i++) reserved.add(i);
  ix = { configKey, set, reserved, byNode: new Map(), holders: new Map(), waiting: new Set() };
  store.derived.set("node-ipam", ix);
  for (const node of store.list("Node")) track(ix, node.metadata.name, node);
  return ix;
}

function podCIDRsOf(node: Node): string[] {
  const spec = node.spec ?? {};
  if (spec.podCIDRs && spec.podCIDRs.length > 0) return spec.podCIDRs;
  return spec.podCIDR ? [spec.podCIDR] : [];
}

/** Idempotent: forget what `name` held, then record what `node` (if any) holds now. */
function track(ix: IpamIndex, name: string, node: Node | undefined): void {
  for (const b of ix.byNode.get(name) ?? []) {
    const n = (ix.holders.get(b) ?? 1) - 1;
    if (n <= 0) ix.holders.delete(b);
    else ix.holders.set(b, n);
  }
  ix.byNode.delete(name);
  ix.waiting.delete(name);
  if (!node) return;
  const cidrs = podCIDRsOf(node);
  if (cidrs.length === 0) {
    ix.waiting.add(name);
    return;
  }
  // Only the first (IPv4) CIDR is tracked: the simulated cluster is single-stack.
  const range = blockRange(ix.set, cidrs[0]);
  if (!range) return;
  const blocks: number[] = [];
  for (let b = range[0]; b <= range[1]; b++) {
    blocks.push(b);
    ix.holders.set(b, (ix.holders.get(b) ?? 0) + 1);
  }
  ix.byNode.set(name, blocks);
}

/**
 * AllocateNext with the real rotation: the search starts at nextCandidate and wraps, so a block
 * freed by a deleted node is not handed out again before the others.
 * Simplification: the real nextCandidate lives in kube-controller-manager's memory (and resets
 * to 0 when it restarts); we derive it from the nodes as one past the highest block any node
 * holds, which matches the real order while nodes are only added or lower blocks freed.
 */
export function nextFreeBlock(ix: Pick<IpamIndex, "set" | "holders" | "reserved">): number | undefined {
  const { max } = ix.set;
  let highest = -1;
  for (const b of ix.holders.keys()) if (b > highest) highest = b;
  let candidate = (highest + 1) % max;
  for (let i = 0; i < max; i++) {
    if (!ix.holders.has(candidate) && !ix.reserved.has(candidate)) return candidate;
    candidate = (candidate + 1) % max;
  }
  return undefined;
}

/**
 * The node IPAM controller's range allocator (pkg/controller/nodeipam/ipam/range_allocator.go):
 * every node without spec.podCIDRs gets the next free /nodeCIDRMaskSize block of the cluster
 * CIDR; nodes that came with one keep it (marked used when it lies in range); a deleted node's
 * block returns to the pool.
 *
 * When the range is exhausted the real allocator records a *Normal* event `CIDRNotAvailable`
 * ("Node <name> status is now: CIDRNotAvailable", RecordNodeStatusChange) and sets no node
 * condition: NetworkUnavailable belongs to the cloud route controller and the CNI. It retries
 * on every update of the node; we also retry when another node's deletion frees a block.
 * `CIDRAssignmentFailed` follows a failed patch of the Node, which cannot happen here.
 */
export const nodeIpamController: Controller = {
  name: NAME,
  watches: {
    Node: (ev, ctx) => {
      const ix = indexFor(ctx.store, ctx.state.config);
      const freed = ev.type === "DELETED" && podCIDRsOf(ev.object as Stored<Node>).length > 0;
      track(ix, ev.key, ev.type === "DELETED" ? undefined : (ev.object as Stored<Node>));
      if (ix.waiting.has(ev.key)) ctx.enqueue(NAME, ev.key);
      if (freed) for (const name of [...ix.waiting].sort()) ctx.enqueue(NAME, name);
    },
  },
  sync(key, ctx) {
    syncNode(key, ctx);
  },
};

function syncNode(name: string, ctx: SimContext): void {
  const node = ctx.store.get("Node", name);
  if (!node || podCIDRsOf(node).length > 0) return;
  const ix = indexFor(ctx.store, ctx.state.config);
  const block = nextFreeBlock(ix);
  if (block === undefined) {
    ctx.recordEvent(node, "Normal", "CIDRNotAvailable", `Node ${name} status is now: CIDRNotAvailable`, EVENT_SOURCE);
    return;
  }
  const cidr = blockCIDR(ix.set, block);
  ctx.store.update("Node", { ...node, spec: { ...(node.spec ?? {}), podCIDR: cidr, podCIDRs: [cidr] } });
}
