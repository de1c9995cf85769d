/**
 * One tick of traffic: refresh the flows that are due (all of them after a routing change, or
 * one whose apps change their answers by themselves now: warm-up over, wedged, exited),
 * then split each flow's requests of this tick over its outcome classes and count them.
 * Requests are whole numbers: the fractional part carries to the next tick, and the split uses
 * stochastic rounding drawn from state.rng, so the counts are exact in expectation and the same
 * on every replay.
 */
import type { ClusterState } from "../../sim/state.ts";
import type { Store } from "../../sim/store.ts";
import { nextFloat } from "../../sim/rng.ts";
import { clearPaths, record, type FlowState, type TrafficCounters } from "./counters.ts";
import { computeFlows } from "./flows.ts";
import type { TrafficSpec } from "./spec.ts";


export function networkFingerprint(state: ClusterState): string {
  const net = state.network;
  const nodes = Object.keys(net.cni.nodes).sort().map((n) => `${n}:${net.cni.nodes[n].up ? 1 : 0}:${net.cni.nodes[n].deletedRoutes.length}:${net.cni.nodes[n].frozenAt ?? ""}`).join(",");
  const proxies = Object.keys(net.kubeProxy.nodes).sort().map((n) => `${n}:${net.kubeProxy.nodes[n].up ? 1 : 0}`).join(",");
  return `${net.cni.revision}|${net.kubeProxy.revision}|${nodes}|${proxies}|${JSON.stringify([net.firewall, net.nodeMTU, net.bgpDown, net.subnets, net.cni.agent, net.kubeProxy.agent])}`;
}

export function trafficTick(store: Store, spec: TrafficSpec, counters: TrafficCounters): void {
  const state = store.state;
  const fp = networkFingerprint(state);
  if (fp !== counters.fingerprint) {
    counters.fingerprint = fp;
    counters.dirty = true;
    clearPaths(counters);
  }
  const ids = [...spec.entries.map((e) => `entry:${e.name}`), ...spec.calls.map((_c, i) => `call:${i}`)];
  const dueSet = dueFlows(counters, ids, store.nowMs());
  if (dueSet.size > 0) computeFlows(store, spec, counters, state.tick, (id) => dueSet.has(id));
  counters.dirty = false;
  counters.dirtyDeps = [];
  countRequests(state, counters, ids);
}

/**
 * The flows to recompute: all after a cluster-wide change; else those never computed, those
 * whose apps change their answers now, those depending on a changed Service, and — to a fixed
 * point — those folding in a call flow that is recomputed.
 */
export function dueFlows(counters: TrafficCounters, ids: string[], nowMs: number): Set<string> {
  if (counters.dirty) return new Set(ids);
  const changed = new Set(counters.dirtyDeps);
  const due = new Set<string>();
  for (const id of ids) {
    const f = counters.flows[id];
    if (!f || (f.validUntilMs !== null && f.validUntilMs <= nowMs) || f.deps.some((d) => changed.has(d))) due.add(id);
  }
  for (let grew = due.size > 0; grew; ) {
    grew = false;
    for (const id of ids) {
      if (due.has(id)) continue;
      if (counters.flows[id]?.deps.some((d) => due.has(d))) {
        due.add(id);
        grew = true;
      }
    }
  }
  return due;
}

function countRequests(state: ClusterState, counters: TrafficCounters, ids: string[]): void {
  const sec = Math.floor((state.tick * state.msPerTick) / 1000);
  for (const id of ids) {
    const f = counters.flows[id];
    if (!f) continue;
    const expected = (f.ratePerSec * state.msPerTick) / 1000 + f.carry;
    const n = Math.floor(expected);
    f.carry = Math.round((expected - n) * 1e6) / 1e6;
    if (n > 0) split(state, counters, f, n, sec);
  }
}

function split(state: ClusterState, counters: TrafficCounters, f: FlowState, n: number, sec: number): void {
  let leftN = n;
  let leftW = f.classes.reduce((s, c) => s + c.weight, 0);
  const entry = f.id.startsWith("entry:") ? f.id : undefined;
  for (let i = 0; i < f.classes.length && leftN > 0; i++) {
    const c = f.classes[i];
    let k: number;
    if (i === f.classes.length - 1 || leftW <= c.weight) k = leftN;
    else {
      const x = (leftN * c.weight) / leftW;
      k = Math.floor(x);
      const frac = x - k;
      if (frac > 1e-9 && nextFloat(state.rng) < frac) k++;
      k = Math.min(k, leftN);
    }
    leftN -= k;
    leftW -= c.weight;
    if (k === 0) continue;
    if (entry) record(counters, entry, sec, k, c.ok, c.reason, c.latencyMs);
    if (c.service) record(counters, `svc:${c.service}`, sec, k, c.ok, c.reason, c.latencyMs);
  }
}
