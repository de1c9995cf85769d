/**
 * The flows of a traffic spec (one per entry point, one per call) and their outcome classes,
 * recomputed from the cluster as it is now and stored in the state, so counting is cheap per
 * tick and a restored cluster continues exactly. Dependencies are folded in: a request served
 * by `frontend` fails when frontend's own call to `checkout` fails (with checkout's reason).
 */
import type { Stored } from "../../k8s/kinds.ts";
import type { Pod } from "../../k8s/schema/pod.ts";
import { compileSelector } from "../../k8s/labels.ts";
import type { Store } from "../../sim/store.ts";
import { ingressAnswer } from "../ingress/answer.ts";
import { INGRESS_CONTROLLER, INGRESS_NAMESPACE } from "../ingress/addon.ts";
import { liveServiceTable } from "../kube-proxy/service-table.ts";
import { nodeIP } from "../underlay.ts";
import type { FlowClass, TrafficCounters } from "./counters.ts";
import { fail, single, type Distribution } from "./outcome.ts";
import { requestDistribution, type DependencyCall, type EvalContext, type RequestSpec } from "./request.ts";
import { MAX_SOURCE_NODES, sampleEvenly } from "./sample.ts";
import { routeTablesFor } from "./fast-path.ts";
import { parseTarget, type TrafficCall, type TrafficEntry, type TrafficSpec } from "./spec.ts";

/** Where synthetic users come from (TEST-NET-2, outside every pool the cluster uses). */
export const USER_IP = "198.51.100.23";

export const entryFlowId = (e: TrafficEntry) => `entry:${e.name}`;
export const callFlowId = (i: number) => `call:${i}`;

function readyNodes(store: Store): string[] {
  return store
    .list("Node")
    .filter((n) => n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"))
    .map((n) => n.metadata.name);
}

function mixture(parts: { weight: number; dist: Distribution }[]): Distribution {
  const total = parts.reduce((s, p) => s + p.weight, 0);
  if (total === 0) return [];
  return parts.flatMap((p) => p.dist.map((w) => ({ weight: (w.weight * p.weight) / total, outcome: w.outcome })));
}

/** Users arriving at `address:port` through each node a load balancer (or the user) picks. */
function throughNodes(ctx: EvalContext, nodes: string[], address: (node: string) => string, port: number, req: Omit<RequestSpec, "host" | "port">): Distribution {
  const chosen = sampleEvenly(nodes, MAX_SOURCE_NODES, ctx.rotate);
  if (chosen.length === 0) return single(fail("i/o timeout", "no Ready node to send to", 5000));
  return mixture(chosen.map((n) => ({ weight: 1, dist: requestDistribution(ctx, { kind: "external", ip: USER_IP, viaNode: n }, { ...req, host: address(n), port }) })));
}

function entryDistribution(ctx: EvalContext, e: TrafficEntry): Distribution {
  const { store } = ctx;
  const req = { path: e.via.path, mode: "http" as const, requestBytes: e.requestBytes, responseBytes: e.responseBytes };
  const ipOf = (n: string) => nodeIP(store.get("Node", n)) ?? "";
  if (e.via.kind === "nodePort") return throughNodes(ctx, e.via.node ? [e.via.node] : readyNodes(store), ipOf, e.via.port, req);
  const svcKey = e.via.kind === "ingress" ? `${INGRESS_NAMESPACE}/${INGRESS_CONTROLLER}` : e.via.service;
  const svc = store.get("Service", svcKey);
  if (!svc) return single(fail("i/o timeout", `service ${svcKey} does not exist: nothing answers for users`, 5000));
  const withHost = e.via.kind === "ingress" ? { ...req, hostHeader: e.via.host } : req;
  const port = e.via.kind === "ingress" ? 80 : e.via.port;
  if (svc.spec.type === "LoadBalancer") {
    const lb = svc.status?.loadBalancer?.ingress?.find((i) => i.ip)?.ip;
    if (!lb) return single(fail("i/o timeout", `service ${svcKey}: load balancer <pending>, users cannot reach it`, 5000));
    let nodes = readyNodes(store);
    if (svc.spec.externalTrafficPolicy === "Local") {
      // The cloud's health check (healthCheckNodePort) only keeps nodes with a local endpoint.
      const local = new Set((liveServiceTable(store)[svcKey] ?? []).flatMap((p) => p.endpoints.filter((x) => x.ready).map((x) => x.nodeName)));
      nodes = nodes.filter((n) => local.has(n));
    }
    return throughNodes(ctx, nodes, () => lb, port, withHost);
  }
  const sp = (svc.spec.ports ?? []).find((p) => p.port === port);
  if (!sp?.nodePort) return single(fail("i/o timeout", `service ${svcKey} (${svc.spec.type ?? "ClusterIP"}) is not reachable from outside the cluster`, 5000));
  return throughNodes(ctx, readyNodes(store), ipOf, sp.nodePort, withHost);
}

/** The ready pods behind `ns/name` (the callers of a call), from its EndpointSlices. */
function servingPods(store: Store, svcKey: string): Stored<Pod>[] {
  const keys = new Set<string>();
  for (const entry of liveServiceTable(store)[svcKey] ?? []) for (const ep of entry.endpoints) if (ep.ready && ep.pod) keys.add(ep.pod);
  return [...keys].sort().map((k) => store.get("Pod", k)).filter((p): p is Stored<Pod> => !!p);
}

function callDistribution(ctx: EvalContext, call: TrafficCall): Distribution {
  const t = parseTarget(call.to);
  if (!t) return single(fail("NXDOMAIN", `bad target ${call.to}`, 1));
  const pods = servingPods(ctx.store, call.from);
  if (pods.length === 0) return [];
  const byNode = new Map<string, Stored<Pod>[]>();
  for (const p of pods) {
    const n = p.spec.nodeName ?? "";
    if (!byNode.has(n)) byNode.set(n, []);
    byNode.get(n)!.push(p);
  }
  const nodes = sampleEvenly([...byNode.keys()].sort(), MAX_SOURCE_NODES, ctx.rotate);
  const req: RequestSpec = { host: t.host, port: t.port, path: t.path, mode: call.mode, requestBytes: call.requestBytes, responseBytes: call.responseBytes };
  return mixture(nodes.map((n) => ({ weight: byNode.get(n)!.length, dist: requestDistribution(ctx, { kind: "pod", pod: byNode.get(n)![0] }, req) })));
}

export function toClasses(d: Distribution): FlowClass[] {
  const m = new Map<string, FlowClass>();
  for (const { weight, outcome: o } of d) {
    const k = `${o.ok}|${o.reason ?? ""}|${o.servedBy ?? ""}|${o.service ?? ""}`;
    const c = m.get(k);
    if (c) {
      c.latencyMs = (c.latencyMs * c.weight + o.latencyMs * weight) / (c.weight + weight);
      c.weight += weight;
    } else {
      m.set(k, { weight, ok: o.ok, ...(o.reason ? { reason: o.reason } : {}), ...(o.servedBy ? { servedBy: o.servedBy } : {}), ...(o.service ? { service: o.service } : {}), latencyMs: o.latencyMs, detail: o.detail });
    }
  }
  return [...m.values()].map((c) => ({ ...c, weight: Math.round(c.weight * 1e9) / 1e9, latencyMs: Math.round(c.latencyMs * 1000) / 1000 }));
}

function fromClasses(classes: FlowClass[]): Distribution {
  return classes.map((c) => ({ weight: c.weight, outcome: { ok: c.ok, ...(c.reason ? { reason: c.reason as never } : {}), detail: c.detail, latencyMs: c.latencyMs } }));
}

/**
 * An evaluation context whose dependencies are the spec's calls: computed once per refresh,
 * or taken from the state when that call's flow is not being refreshed now.
 */
export function trafficContext(
  store: Store,
  spec: TrafficSpec,
  rotate: number,
  stored?: { counters: TrafficCounters; due: (id: string, index: number) => boolean },
): { ctx: EvalContext; callDist: (i: number) => Distribution } {
  const memo = new Map<number, Distribution>();
  const inProgress = new Set<number>();
  const selectors = spec.calls.map((c) => {
    const svc = store.get("Service", c.from);
    return svc?.spec.selector && Object.keys(svc.spec.selector).length > 0 ? { ns: svc.metadata.namespace, match: compileSelector({ matchLabels: svc.spec.selector }) } : undefined;
  });
  const ctx: EvalContext = { store, nowMs: store.nowMs(), rotate, proxyAnswer: ingressAnswer,
    routeTables: stored ? routeTablesFor(store, `${stored.counters.fingerprint}|${stored.counters.routesGen}`) : new Map(),
    ...(stored ? { paths: stored.counters.paths } : {}),
  };
  /** Dependencies of each call computed in this context (a call flow computed as someone's dependency first). */
  const memoDeps = new Map<number, Set<string>>();
  const callDist = (i: number): Distribution => {
    const hit = memo.get(i);
    if (hit) {
      for (const d of memoDeps.get(i) ?? []) ctx.deps?.add(d);
      return hit;
    }
    const kept = stored?.counters.flows[callFlowId(i)];
    if (stored && kept && !stored.due(callFlowId(i), spec.entries.length + i)) {
      const d = fromClasses(kept.classes);
      memo.set(i, d);
      return d;
    }
    // A cycle (A calls B calls A): the inner call is taken as succeeding, so a past failure cannot feed itself.
    if (inProgress.has(i)) return [];
    inProgress.add(i);
    const outer = ctx.deps;
    ctx.deps = new Set([spec.calls[i].from]);
    const d = callDistribution(ctx, spec.calls[i]);
    memoDeps.set(i, ctx.deps);
    if (outer) for (const x of ctx.deps) outer.add(x);
    ctx.deps = outer;
    inProgress.delete(i);
    memo.set(i, d);
    return d;
  };
  // Which calls a pod makes depends only on its namespace and labels: memoised per label set.
  const callsByLabels = new Map<string, number[]>();
  ctx.dependencies = (pod, _depth): DependencyCall[] => {
    const labels = pod.metadata.labels ?? {};
    const k = `${pod.metadata.namespace}|${JSON.stringify(labels)}`;
    let idx = callsByLabels.get(k);
    if (!idx) {
      idx = [];
      for (let i = 0; i < spec.calls.length; i++) {
        const sel = selectors[i];
        if (sel && sel.ns === pod.metadata.namespace && sel.match(labels)) idx.push(i);
      }
      callsByLabels.set(k, idx);
    }
    for (const i of idx) ctx.deps?.add(callFlowId(i));
    return idx.map((i) => ({ ratio: spec.calls[i].ratio, label: `${spec.calls[i].from} → ${spec.calls[i].to}`, distribution: callDist(i) }));
  };
  return { ctx, callDist };
}

function finite(ms: number | undefined): number | null {
  return ms === undefined || !Number.isFinite(ms) ? null : ms;
}

/** Recompute every flow (or those due), in spec order. */
export function computeFlows(store: Store, spec: TrafficSpec, counters: TrafficCounters, tick: number, due: (id: string, index: number) => boolean): void {
  const { ctx, callDist } = trafficContext(store, spec, tick, { counters, due });
  spec.entries.forEach((e, i) => {
    const id = entryFlowId(e);
    if (!due(id, i)) return;
    const prev = counters.flows[id];
    ctx.validUntilMs = Infinity;
    ctx.deps = new Set(e.via.kind === "loadBalancer" ? [e.via.service] : e.via.kind === "ingress" ? ["ingress", `${INGRESS_NAMESPACE}/${INGRESS_CONTROLLER}`] : []);
    const classes = toClasses(entryDistribution(ctx, e));
    counters.flows[id] = { id, classes, computedTick: tick, validUntilMs: finite(ctx.validUntilMs), deps: [...ctx.deps].sort(), ratePerSec: e.ratePerSec, carry: prev?.carry ?? 0 };
  });
  spec.calls.forEach((_c, i) => {
    const id = callFlowId(i);
    if (!due(id, spec.entries.length + i)) return;
    const prev = counters.flows[id];
    ctx.validUntilMs = Infinity;
    ctx.deps = new Set([spec.calls[i].from]);
    const classes = toClasses(callDist(i));
    counters.flows[id] = { id, classes, computedTick: tick, validUntilMs: finite(ctx.validUntilMs), deps: [...ctx.deps].sort(), ratePerSec: prev?.ratePerSec ?? 0, carry: prev?.carry ?? 0 };
  });
  deriveCallRates(spec, counters);
}

/** A call carries `ratio` × the requests its caller's app receives (entries and other calls); iterated to a fixed point (a call chain's depth in passes). */
function deriveCallRates(spec: TrafficSpec, counters: TrafficCounters): void {
  const served = (id: string, rate: number, into: Map<string, number>) => {
    if (rate === 0) return;
    for (const c of counters.flows[id]?.classes ?? []) if (c.servedBy) into.set(c.servedBy, (into.get(c.servedBy) ?? 0) + rate * c.weight);
  };
  const fromEntries = new Map<string, number>();
  for (const e of spec.entries) served(entryFlowId(e), e.ratePerSec, fromEntries);
  let rates = spec.calls.map(() => 0);
  for (let pass = 0; pass <= spec.calls.length; pass++) {
    const arrivals = new Map(fromEntries);
    spec.calls.forEach((_c, i) => served(callFlowId(i), rates[i], arrivals));
    const next = spec.calls.map((c) => c.ratio * (arrivals.get(c.from) ?? 0));
    const same = next.every((r, i) => Math.abs(r - rates[i]) < 1e-9);
    rates = next;
    if (same) break;
  }
  spec.calls.forEach((_c, i) => {
    const f = counters.flows[callFlowId(i)];
    if (f) f.ratePerSec = Math.round(rates[i] * 1000) / 1000;
  });
}
