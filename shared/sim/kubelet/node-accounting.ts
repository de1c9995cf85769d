/**
 * Per-node totals the kubelet needs on every admission and sandbox: requests of the pods it
 * admitted and still runs (admission), and the pod IPs in use (IPAM). Summing the node's pods
 * each time made starting 30,000 pods quadratic per node; this keeps the totals incrementally.
 *
 * Derived cache, like blocked-index.ts: the truth is PodRuntime (requests, terminal, rejected,
 * podIP); the cache is rebuilt from ClusterState.pods on first use after a restore, and the
 * kubelet reports every change through `countPod` / `releasePod`.
 */
import type { ClusterState } from "../state.ts";
import type { PodRuntime } from "./runtime.ts";

export interface NodeTotals {
  pods: number;
  cpuMillis: number;
  memoryBytes: number;
  ephemeralStorageBytes: number;
  /** uids counted in the sums. */
  counted: Set<string>;
  /** Pod IPs in use (held until the pod's runtime state is dropped). */
  ips: Set<string>;
}

const caches = new WeakMap<ClusterState, Map<string, NodeTotals>>();

function totalsOf(m: Map<string, NodeTotals>, node: string): NodeTotals {
  let t = m.get(node);
  if (!t) m.set(node, (t = { pods: 0, cpuMillis: 0, memoryBytes: 0, ephemeralStorageBytes: 0, counted: new Set(), ips: new Set() }));
  return t;
}

function counts(rt: PodRuntime): boolean {
  return !rt.rejected && !rt.terminal && rt.requests !== undefined;
}

function add(t: NodeTotals, rt: PodRuntime): void {
  if (t.counted.has(rt.uid) || !counts(rt)) return;
  t.counted.add(rt.uid);
  t.pods++;
  t.cpuMillis += rt.requests!.cpuMillis;
  t.memoryBytes += rt.requests!.memoryBytes;
  t.ephemeralStorageBytes += rt.requests!.ephemeralStorageBytes;
}

function subtract(t: NodeTotals, rt: PodRuntime): void {
  if (!t.counted.delete(rt.uid)) return;
  t.pods--;
  t.cpuMillis -= rt.requests!.cpuMillis;
  t.memoryBytes -= rt.requests!.memoryBytes;
  t.ephemeralStorageBytes -= rt.requests!.ephemeralStorageBytes;
}

function cacheOf(state: ClusterState): Map<string, NodeTotals> {
  let m = caches.get(state);
  if (!m) {
    m = new Map();
    for (const uid of Object.keys(state.pods).sort()) {
      const rt = state.pods[uid];
      const t = totalsOf(m, rt.node);
      add(t, rt);
      if (rt.podIP) t.ips.add(rt.podIP);
    }
    caches.set(state, m);
  }
  return m;
}

export function nodeTotals(state: ClusterState, node: string): Readonly<NodeTotals> {
  return totalsOf(cacheOf(state), node);
}

/** After admission, a sandbox IP, or a change of terminal state: bring the totals in line with `rt`. */
export function countPod(state: ClusterState, rt: PodRuntime): void {
  const t = totalsOf(cacheOf(state), rt.node);
  if (counts(rt)) add(t, rt);
  else subtract(t, rt);
  if (rt.podIP) t.ips.add(rt.podIP);
}

/** The pod's runtime state is dropped: it no longer counts and its IP is free. */
export function releasePod(state: ClusterState, rt: PodRuntime): void {
  const t = totalsOf(cacheOf(state), rt.node);
  subtract(t, rt);
  if (rt.podIP) t.ips.delete(rt.podIP);
}
