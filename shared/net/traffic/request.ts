/**
 * One request, followed hop by hop through the model, as the distribution of what happens to
 * requests of that kind (kube-proxy spreads them over endpoints):
 * DNS (the source's resolver) → kube-proxy DNAT on the node the packet enters (ClusterIP,
 * NodePort, LoadBalancer IP; no rule ⇒ timeout, no endpoints ⇒ REJECT ⇒ refused) →
 * NetworkPolicy (egress, ingress) → the data plane (routes, encapsulation, MTU, firewall) →
 * the target container's port → the application's answer (or ingress-nginx's, which proxies
 * again) → the answers of the target's own dependencies.
 *
 * Simplification: sessionAffinity is ignored here (it changes which client meets which
 * endpoint, not the mix over many clients).
 */
import type { Stored } from "../../k8s/kinds.ts";
import type { Pod } from "../../k8s/schema/pod.ts";
import type { Store } from "../../sim/store.ts";
import { parseIPv4 } from "../cidr.ts";
import { firstAddress, resolveName } from "../dns/resolve.ts";
import { matchService } from "../kube-proxy/dnat.ts";
import { proxyTableOn } from "../kube-proxy/programmed.ts";
import { usableEndpoints, type ProxyEndpoint } from "../kube-proxy/service-table.ts";
import { policyAllows } from "../policy/evaluate.ts";
import { podByIP } from "../policy/pod-ip-index.ts";
import { nodeIP } from "../underlay.ts";
import { appAnswer, nextAnswerChangeMs } from "./app-answer.ts";
import { packetPath, type PathMemo } from "./data-plane.ts";
import type { RouteTables } from "./fast-path.ts";
import { readL7 } from "./l7-state.ts";
import { CONNECT_TIMEOUT_MS, DNS_TIMEOUT_MS, fail, isSilentDrop, single, type Distribution, type Outcome } from "./outcome.ts";
import { MAX_ENDPOINTS, sampleEvenly } from "./sample.ts";

export type RequestSource = { kind: "pod"; pod: Stored<Pod> } | { kind: "node"; node: string } | { kind: "external"; ip: string; viaNode: string };

export interface RequestSpec {
  host: string;
  port: number;
  path: string;
  mode: "http" | "tcp";
  requestBytes: number;
  responseBytes: number;
  /** Host header when `host` is an address (users of an Ingress). */
  hostHeader?: string;
}

/** A target app's own calls: what each of its successful answers also needs. */
export interface DependencyCall {
  ratio: number;
  label: string;
  distribution: Distribution;
}

export interface EvalContext {
  store: Store;
  nowMs: number;
  /** Rotates the sample of large endpoint sets between recomputations. */
  rotate: number;
  /** Data-plane verdicts already known (node pair, port, sizes). */
  paths?: PathMemo;
  /** Node route tables, built once per context (fast-path.ts). */
  routeTables?: RouteTables;
  /** Collects what the flow being computed depends on (see FlowState.deps). */
  deps?: Set<string>;
  /** Earliest time an app consulted will change its answer by itself (set while evaluating). */
  validUntilMs?: number;
  /** Node name by InternalIP, built once per context. */
  nodesByIP?: Map<string, string>;
  /** Calls made by the app behind `pod` per request (the traffic spec's dependencies). */
  dependencies?: (pod: Stored<Pod>, depth: number) => DependencyCall[];
  /** Hook for ingress-nginx pods: their answer to an HTTP request (ingress/answer.ts). */
  proxyAnswer?: (controller: Stored<Pod>, req: RequestSpec, ctx: EvalContext, depth: number) => Distribution | undefined;
}

/** The dependency every name lookup has: the cluster DNS Service (its pods, its Corefile). */
export const DNS_DEP = "kube-system/kube-dns";

export function isIPv4(s: string): boolean {
  try {
    parseIPv4(s);
    return true;
  } catch {
    return false;
  }
}

function sourceNode(src: RequestSource): string | undefined {
  return src.kind === "pod" ? src.pod.spec.nodeName : src.kind === "node" ? src.node : src.viaNode;
}

function sourceIP(store: Store, src: RequestSource): string {
  if (src.kind === "pod") return src.pod.spec.hostNetwork ? nodeIP(store.get("Node", src.pod.spec.nodeName ?? "")) ?? "" : src.pod.status?.podIP ?? "";
  if (src.kind === "node") return nodeIP(store.get("Node", src.node)) ?? "";
  return src.ip;
}

function nodeWithIP(ctx: EvalContext, ip: string): string | undefined {
  if (!ctx.nodesByIP) {
    ctx.nodesByIP = new Map();
    for (const n of ctx.store.list("Node")) {
      const a = nodeIP(n);
      if (a && !ctx.nodesByIP.has(a)) ctx.nodesByIP.set(a, n.metadata.name);
    }
  }
  return ctx.nodesByIP.get(ip);
}

/** The distribution of outcomes of `req` sent by `src`. */
export function requestDistribution(ctx: EvalContext, src: RequestSource, req: RequestSpec, depth = 0): Distribution {
  const { store } = ctx;
  let ip = req.host;
  let dnsMs = 0;
  if (!isIPv4(ip)) {
    ctx.deps?.add(DNS_DEP);
    if (src.kind === "external") {
      const up = readL7(store.state).upstreamDNS[ip.toLowerCase()];
      if (!up) return single(fail("NXDOMAIN", `lookup ${req.host}: no such host`, 1));
      ip = up;
    } else {
      const r = resolveName(store, src.kind === "pod" ? { pod: `${src.pod.metadata.namespace}/${src.pod.metadata.name}` } : { node: src.node }, req.host, { paths: ctx.paths });
      if ("error" in r) {
        if (r.error === "NXDOMAIN") return single(fail("NXDOMAIN", `lookup ${req.host} on ${r.server}:53: no such host`, 2));
        return single(fail("DNS timeout", `lookup ${req.host} on ${r.server}:53: i/o timeout (${r.detail})`, DNS_TIMEOUT_MS));
      }
      ip = firstAddress(r) ?? "";
      dnsMs = 1;
    }
  }
  const withIP = (d: Distribution) => d.map((w) => ({ weight: w.weight, outcome: { ...w.outcome, connectIP: ip, latencyMs: w.outcome.latencyMs + dnsMs } }));
  return withIP(toAddress(ctx, src, ip, req, depth));
}

function toAddress(ctx: EvalContext, src: RequestSource, ip: string, req: RequestSpec, depth: number): Distribution {
  const { store } = ctx;
  const srcNode = sourceNode(src);
  // A node's own address (NodePort on another node included): that node's rules apply.
  const targetNode = nodeWithIP(ctx, ip);
  const ruleNode = targetNode ?? srcNode;
  const table = ruleNode ? proxyTableOn(store.state, store, ruleNode) : undefined;
  const m = table && matchService(table, ip, req.port, "tcp", targetNode !== undefined);
  if (m) {
    ctx.deps?.add(m.entry.svcKey);
    const external = m.via !== "cluster IP";
    const local = external ? m.entry.externalPolicyLocal : m.entry.internalPolicyLocal;
    const eps = usableEndpoints(m.entry, local, ruleNode);
    if (eps.length === 0) {
      // Charged to the Service whose missing endpoints caused it, so its own stats show the outage.
      const svc = { service: m.entry.svcKey };
      if (local && external) return single(fail("i/o timeout", `${m.entry.svcKey}: externalTrafficPolicy Local and no ready endpoint on ${ruleNode} (DROP)`, CONNECT_TIMEOUT_MS, svc));
      return single(fail("connection refused", `kube-proxy on ${ruleNode}: ${m.entry.svcKey} has no endpoints (REJECT)`, 1, svc));
    }
    // Traffic from outside is masqueraded to the node's IP unless the policy is Local.
    const fromIP = src.kind === "external" && !local ? nodeIP(store.get("Node", ruleNode!)) ?? src.ip : sourceIP(store, src);
    const chosen = sampleEvenly(eps, MAX_ENDPOINTS, ctx.rotate);
    const out: Distribution = [];
    for (const ep of chosen) {
      for (const w of endpointLeg(ctx, src, ruleNode!, fromIP, ep, req, depth, m.entry.svcKey)) out.push({ weight: w.weight / chosen.length, outcome: { service: m.entry.svcKey, ...w.outcome } });
    }
    return out;
  }
  if (targetNode) {
    return single(fail("connection refused", `nothing listens on ${ip}:${req.port} (node ${targetNode})`, 1));
  }
  const pod = podByIP(store, ip);
  if (pod) {
    const ep: ProxyEndpoint = { ip, port: req.port, nodeName: pod.spec.nodeName, ready: true, serving: true, terminating: false, pod: `${pod.metadata.namespace}/${pod.metadata.name}` };
    return endpointLeg(ctx, src, srcNode ?? "", sourceIP(store, src), ep, req, depth);
  }
  if (ruleNode && !table) return single(fail("i/o timeout", `no kube-proxy rules on ${ruleNode}: ${ip}:${req.port} is not translated`, CONNECT_TIMEOUT_MS));
  if (Object.values(readL7(store.state).upstreamDNS).includes(ip)) {
    return single({ ok: true, status: 200, body: "ok", detail: `external host ${ip} answered`, latencyMs: 20 });
  }
  return single(fail("i/o timeout", `no rule for ${ip}:${req.port}/TCP: packets go to the default route and are lost`, CONNECT_TIMEOUT_MS));
}

/** From the node where DNAT happened to one endpoint, and the answer there. */
export function endpointLeg(ctx: EvalContext, src: RequestSource, fromNode: string, fromIP: string, ep: ProxyEndpoint, req: RequestSpec, depth: number, svcKey?: string): Distribution {
  const { store } = ctx;
  const target = `${ep.ip}:${ep.port}`;
  const toPod = ep.pod ? store.get("Pod", ep.pod) : undefined;
  const fromPod = src.kind === "pod" ? src.pod : undefined;
  const v = policyAllows(store, { fromPod, fromIP, toPod, toIP: ep.ip, port: ep.port, protocol: "TCP" });
  if (!v.allowed) {
    return single(fail("dropped by NetworkPolicy", `${v.direction} of ${v.direction === "egress" ? key(fromPod) : ep.pod} denied by ${v.policy} (to ${target})`, CONNECT_TIMEOUT_MS, { endpoint: target }));
  }
  const path = packetPath(store, {
    fromNode: fromNode || undefined,
    fromIP,
    fromPod: key(fromPod),
    toNode: ep.nodeName ?? "",
    toIP: ep.ip,
    toPod: ep.pod,
    protocol: "tcp",
    port: ep.port,
    requestBytes: req.requestBytes,
    responseBytes: req.responseBytes,
  }, ctx.paths, ctx.routeTables);
  if (!path.delivered) {
    return single(fail(path.reason, `${path.hop}: ${path.detail}`, isSilentDrop(path.reason) ? CONNECT_TIMEOUT_MS : 1, { endpoint: target }));
  }
  const netMs = path.latencyUs / 1000;
  if (!toPod) return single({ ok: true, detail: `endpoint ${target} (not a pod) accepted`, latencyMs: netMs, endpoint: target });
  if (ctx.proxyAnswer && req.mode === "http") {
    const proxied = ctx.proxyAnswer(toPod, { ...req, port: ep.port }, ctx, depth);
    if (proxied) return proxied.map((w) => ({ weight: w.weight, outcome: { ...w.outcome, latencyMs: w.outcome.latencyMs + netMs, endpoint: target } }));
  }
  const ans = appAnswer(store.state, toPod, ep.port, req.path, req.mode, ctx.nowMs);
  if (ctx.validUntilMs !== undefined) ctx.validUntilMs = Math.min(ctx.validUntilMs, nextAnswerChangeMs(store.state, toPod, ctx.nowMs));
  if (ans.kind === "refused") return single(fail("connection refused", ans.detail, netMs + 1, { endpoint: target }));
  const served = svcKey ? { servedBy: svcKey } : {};
  let base: Outcome;
  if (ans.kind === "connected") base = { ...served, ok: true, detail: `connected to ${target} (${ep.pod})`, latencyMs: netMs, endpoint: target, ...(req.mode === "http" ? { status: 200, body: "" } : {}) };
  else if (ans.status >= 500) base = fail(`HTTP ${ans.status}`, `${ep.pod} answered ${ans.status}`, netMs + ans.latencyMs, { ...served, status: ans.status, body: ans.body, endpoint: target });
  else base = { ...served, ok: ans.status < 400, ...(ans.status >= 400 ? { reason: `HTTP ${ans.status}` as const } : {}), status: ans.status, body: ans.body, detail: `${ep.pod} answered ${ans.status}`, latencyMs: netMs + ans.latencyMs, endpoint: target };
  if (!base.ok || !ctx.dependencies || depth >= 6) return single(base);
  return withDependencies(base, ctx.dependencies(toPod, depth + 1));
}

/** The app answers successfully only when the calls it makes do; a failed call makes it answer 500 with the call's root cause. */
export function withDependencies(base: Outcome, calls: DependencyCall[]): Distribution {
  let remaining = 1;
  let extraMs = 0;
  const out: Distribution = [];
  for (const call of calls) {
    for (const w of call.distribution) {
      const share = remaining * call.ratio * w.weight;
      if (w.outcome.ok) {
        extraMs += call.ratio * w.weight * w.outcome.latencyMs;
        continue;
      }
      if (share <= 0) continue;
      out.push({ weight: share, outcome: { ...base, ok: false, status: 500, body: "Internal Server Error", reason: w.outcome.reason, detail: `${call.label}: ${w.outcome.detail}`, latencyMs: base.latencyMs + w.outcome.latencyMs } });
    }
    const failed = call.distribution.reduce((s, w) => s + (w.outcome.ok ? 0 : w.weight), 0);
    remaining *= 1 - call.ratio * failed;
  }
  if (remaining > 0) out.unshift({ weight: remaining, outcome: { ...base, latencyMs: base.latencyMs + extraMs } });
  return out;
}

function key(p: Stored<Pod> | undefined): string | undefined {
  return p ? `${p.metadata.namespace}/${p.metadata.name}` : undefined;
}
