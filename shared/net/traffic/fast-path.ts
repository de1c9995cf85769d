/**
 * A cheap answer for the common case — the path between two nodes is plainly healthy — so the
 * traffic model does not run a full traceRoute for every node pair of a large cluster. It says
 * "delivered" only when all of these hold, and otherwise returns undefined so the caller asks
 * traceRoute (which knows every fault and words it):
 * - both ways, the route to the peer's pod CIDR is the peer's lease (or the local bridge);
 * - both nodes run the same backend settings (type, VNI, port);
 * - no host firewall rule exists at all;
 * - the pod MTU plus the encapsulation overhead fits the underlay path's MTU.
 * Route tables are built once per node and kept while `token` (the traffic state's routing
 * fingerprint and generation) stays the same: a cache of a pure function of the state.
 */
import type { Store } from "../../sim/store.ts";
import { nodeConfig } from "../cni-agent.ts";
import { podInterfaceMTU } from "../addresses.ts";
import { nodeRoutes, type Route } from "../routes.ts";
import { parseCIDR, parseIPv4, prefixMask } from "../cidr.ts";
import { encapOverhead, nodeIP, underlayPath } from "../underlay.ts";

/** A node's routes with their prefixes parsed once, for longest-prefix matches without re-parsing. */
interface CompiledRoute {
  base: number;
  mask: number;
  prefix: number;
  route: Route;
}
export type RouteTables = Map<string, CompiledRoute[]>;

const cached = new WeakMap<Store, { token: string; tables: RouteTables }>();

/** The route tables of this state's routing generation (built lazily per node). */
export function routeTablesFor(store: Store, token: string): RouteTables {
  const c = cached.get(store);
  if (c && c.token === token) return c.tables;
  const tables: RouteTables = new Map();
  cached.set(store, { token, tables });
  return tables;
}

function routesOf(store: Store, tables: RouteTables, node: string): CompiledRoute[] {
  let r = tables.get(node);
  if (!r) {
    r = nodeRoutes(store.state, store, node).map((route) => {
      const c = route.dst === "default" ? { base: 0, prefix: 0 } : parseCIDR(route.dst);
      return { base: c.base, prefix: c.prefix, mask: prefixMask(c.prefix), route };
    });
    tables.set(node, r);
  }
  return r;
}

/** Longest prefix match (routes.ts lookupRoute, on parsed prefixes). */
function lookupRoute(routes: readonly CompiledRoute[], ip: string): Route | undefined {
  let a: number;
  try {
    a = parseIPv4(ip);
  } catch {
    return undefined;
  }
  let best: CompiledRoute | undefined;
  for (const r of routes) {
    if (best && r.prefix <= best.prefix) continue;
    if (((a & r.mask) >>> 0) === r.base) best = r;
  }
  return best?.route;
}

function sameBackend(a: ReturnType<typeof nodeConfig>, b: ReturnType<typeof nodeConfig>): boolean {
  return a.plugin === b.plugin && a.backend.type === b.backend.type && (a.backend.vni ?? 1) === (b.backend.vni ?? 1) && (a.backend.port ?? 8472) === (b.backend.port ?? 8472) && !!a.backend.crossSubnet === !!b.backend.crossSubnet;
}

/** `{ latencyUs }` when the path is plainly healthy; undefined: ask traceRoute. */
export function healthyPath(store: Store, tables: RouteTables, fromNode: string, fromIP: string, toNode: string, toIP: string): { latencyUs: number } | undefined {
  const net = store.state.network;
  if (net.firewall.length > 0) return undefined;
  const out = lookupRoute(routesOf(store, tables, fromNode), toIP);
  if (fromNode === toNode) return out?.kind === "local-pods" ? { latencyUs: 50 } : undefined;
  if (out?.kind !== "remote-pods" || out.node !== toNode) return undefined;
  const inbound = lookupRoute(routesOf(store, tables, toNode), toIP);
  if (inbound?.kind !== "local-pods") return undefined;
  const back = lookupRoute(routesOf(store, tables, toNode), fromIP);
  if (!back || !((back.kind === "remote-pods" && back.node === fromNode) || back.kind === "node-subnet")) return undefined;
  const a = nodeConfig(store.state, fromNode);
  const b = nodeConfig(store.state, toNode);
  if (!sameBackend(a, b)) return undefined;
  const aIP = nodeIP(store.get("Node", fromNode));
  const bIP = nodeIP(store.get("Node", toNode));
  if (!aIP || !bIP) return undefined;
  const u = underlayPath(net, fromNode, aIP, toNode, bIP);
  const overhead = encapOverhead(a.backend, !u.sameSubnet);
  const mtu = Math.max(podInterfaceMTU(store.state, store, fromNode), podInterfaceMTU(store.state, store, toNode));
  if (mtu + overhead > u.mtu) return undefined;
  return { latencyUs: 300 };
}
