/**
 * The one place the layers above ask the data plane whether a packet gets from a source to an
 * endpoint (after DNAT) and back: node routes, encapsulation, MTU, host firewall — by running
 * the data plane's traceRoute (shared/net/trace.ts) once per (source kind, source node,
 * destination node, protocol, port, sizes) and memoising the verdict in `memo` (the traffic
 * model keeps it in the state and clears it when routing inputs change). NetworkPolicy, the
 * target's port and the application's answer are left to the caller (no hooks are passed, and
 * port/application hops are not taken as path failures).
 *
 * The trace is addressed by pod key (`ns/name`), never by IP, so it does not scan all pods.
 */
import { KINDS, type Kind } from "../../k8s/kinds.ts";
import type { Cluster } from "../../sim/cluster.ts";
import type { Store } from "../../sim/store.ts";
import { traceRoute } from "../trace.ts";
import { healthyPath, type RouteTables } from "./fast-path.ts";
import type { DropReason } from "../trace-types.ts";

export interface PathQuery {
  /** Node the packet leaves from (undefined: outside the cluster). */
  fromNode?: string;
  fromIP: string;
  fromPod?: string;
  toNode: string;
  toIP: string;
  toPod?: string;
  protocol: "tcp" | "udp";
  port: number;
  requestBytes: number;
  responseBytes: number;
}

export type PathVerdict = { delivered: true; latencyUs: number } | { delivered: false; reason: DropReason; detail: string; hop: string };

const NOT_PATH_STAGES = new Set(["port", "application", "policy-egress", "policy-ingress", "resolve"]);

/**
 * traceRoute takes a Cluster but reads only get/state/store/nowMs: controllers hold a Store,
 * so they pass this read-only view of it.
 */
export function clusterView(store: Store): Cluster {
  const view = {
    store,
    state: store.state,
    get nowMs() {
      return store.nowMs();
    },
    get: (kind: string, namespace: string | undefined, name: string) => store.get(kind as never, KINDS[kind as Kind].namespaced ? `${namespace ?? "default"}/${name}` : name),
  };
  return view as unknown as Cluster;
}

export type PathMemo = Record<string, PathVerdict>;

export function packetPath(store: Store, q: PathQuery, memo?: PathMemo, tables?: RouteTables): PathVerdict {
  const from = q.fromPod ?? (q.fromNode ? `node/${q.fromNode}` : "external");
  const key = `${q.fromPod ? "pod" : q.fromNode ? "node" : "ext"}|${q.fromNode ?? ""}|${q.toNode}|${q.protocol}|${q.port}|${q.requestBytes}|${q.responseBytes}`;
  const hit = memo?.[key];
  if (hit) return hit;
  const fast = tables && q.fromNode ? healthyPath(store, tables, q.fromNode, q.fromIP, q.toNode, q.toIP) : undefined;
  if (fast) {
    const v: PathVerdict = { delivered: true, latencyUs: fast.latencyUs };
    if (memo) memo[key] = v;
    return v;
  }
  const t = traceRoute(clusterView(store), from, q.toPod ?? q.toIP, { port: q.port, bytes: q.requestBytes, responseBytes: q.responseBytes, protocol: q.protocol, hooks: {} });
  let v: PathVerdict;
  const d = t.dropped;
  if (d && !NOT_PATH_STAGES.has(t.hops[d.hopIndex]?.stage ?? "")) {
    v = { delivered: false, reason: d.reason, detail: d.detail, hop: t.hops[d.hopIndex]?.at ?? "" };
  } else if (!d && !t.ok && t.hops.length === 0) {
    // The trace could not start (a source or target without a sandbox): about that pod, not the path.
    return { delivered: false, reason: "no route to host", detail: (t as { error?: string }).error ?? "no path", hop: from };
  } else {
    v = { delivered: true, latencyUs: q.fromNode === q.toNode ? 50 : 300 };
  }
  if (memo) memo[key] = v;
  return v;
}
