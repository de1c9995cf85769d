/**
 * The slim view of a cluster that the map draws: nodes with their conditions, pods with the
 * kubectl STATUS a player would see, Services with their endpoint counts, overlay links between
 * nodes with their health, and the users' traffic/SLO figures. The server projects it into room
 * state; the browser's solo mode calls the same function. Never the object store, never faults.
 */
import type { Cluster } from "../sim/cluster.ts";
import { printPodRow } from "../k8s/printers/pod-row.ts";
import { readL7 } from "../net/traffic/l7-state.ts";
import { trafficStats, type TrafficStats } from "../net/traffic/stats.ts";
import { networkFingerprint } from "../net/traffic/tick.ts";
import type { Node } from "../k8s/schema/node.ts";
import type { Pod } from "../k8s/schema/pod.ts";
import type { Stored } from "../k8s/kinds.ts";
import { linkPairs, linkViews, nodeIP, podNetworkTargets, type LinkView } from "./view-links.ts";
import { mebibytes, usageOfNodes, VIEW_USAGE_SAMPLE_MS, type NodeUsageView } from "./view-usage.ts";

export { VIEW_MAX_LINK_NODES, VIEW_MAX_RING_NODES, type LinkHealth, type LinkView } from "./view-links.ts";
export { VIEW_USAGE_SAMPLE_MS, type NodeUsageView } from "./view-usage.ts";

export interface NodeView {
  name: string;
  /** Ready condition status: "True" | "False" | "Unknown". */
  ready: string;
  /** Every condition as `Type=Status`, with the reason when the node is not healthy on it. */
  conditions: { type: string; status: string; reason: string }[];
  unschedulable: boolean;
  taints: number;
  ip: string;
  podCIDR: string;
  /** Memory/disk the node uses (system daemons + running pods) and its capacity, whole MiB. */
  memoryUsedMi: number;
  memoryCapacityMi: number;
  diskUsedMi: number;
  diskCapacityMi: number;
}

export interface PodView {
  /** `namespace/name`. */
  key: string;
  namespace: string;
  name: string;
  phase: string;
  /** What `kubectl get pods` prints in STATUS (CrashLoopBackOff, ImagePullBackOff, Running...). */
  status: string;
  /** READY column, e.g. "1/2". */
  ready: string;
  node: string;
  ip: string;
  restarts: number;
  /** The owning workload, e.g. "ReplicaSet/web-7d9f" ("" when none). */
  owner: string;
}

export interface ServiceView {
  key: string;
  namespace: string;
  name: string;
  type: string;
  clusterIP: string;
  readyEndpoints: number;
  notReadyEndpoints: number;
  /** The pods behind it (EndpointSlice endpoints whose targetRef is a Pod), sorted; at most VIEW_MAX_ENDPOINTS. */
  endpoints: EndpointView[];
  /** Requests through it in the stats window; absent without traffic or when none passed. */
  traffic?: ServiceTrafficView;
}

export interface EndpointView {
  /** Pod key `namespace/name`. */
  pod: string;
  ready: boolean;
}

export interface ServiceTrafficView {
  requestsPerSec: number;
  /** 0..1 over the stats window, rounded to 4 decimals. */
  successRate: number;
  /** The most frequent failure reasons in the window (at most VIEW_MAX_REASONS) → count. */
  reasons: Record<string, number>;
}

export interface TrafficView {
  requestsPerSec: number;
  /** 0..1 in the last minute. */
  successRate: number;
  latencyMs: number;
  sloTarget: number;
  budgetRemaining: number;
  burnRate: number;
}

export interface ClusterViewData {
  nodes: NodeView[];
  pods: PodView[];
  services: ServiceView[];
  links: LinkView[];
  /** Absent when the level runs no user traffic. */
  traffic?: TrafficView;
}

/** Above this many pods the list is cut; so is each Service's endpoint list (the counts stay exact). */
export const VIEW_MAX_PODS = 400;
export const VIEW_MAX_ENDPOINTS = 400;
/** Failure reasons sent per Service. */
export const VIEW_MAX_REASONS = 3;

/**
 * What the caller keeps between calls so a quiet cluster costs almost nothing: the last view
 * (returned as is while no object and no network setting changed and there is no traffic to
 * count), pod rows by resourceVersion, and link verdicts by network fingerprint and targets.
 */
export interface ViewMemo {
  key?: string;
  view?: ClusterViewData;
  pods: Map<string, { rv: string; view: PodView }>;
  linksKey?: string;
  links?: LinkView[];
  /** The usage sample the view holds and the sample period it was read in. */
  usageBucket?: number;
  usage?: { byNode: Map<string, NodeUsageView>; fingerprint: string };
}

export function newViewMemo(): ViewMemo {
  return { pods: new Map() };
}

/** The view of `cluster` now. With a memo, an unchanged cluster returns the same object. */
export function clusterView(cluster: Cluster, memo: ViewMemo = newViewMemo()): ClusterViewData {
  const hasTraffic = !!readL7(cluster.state).traffic;
  const key = `${cluster.state.seq.resourceVersion}|${networkFingerprint(cluster.state)}`;
  const bucket = Math.floor(cluster.nowMs / VIEW_USAGE_SAMPLE_MS);
  if (!hasTraffic && memo.view && memo.key === key && memo.usageBucket === bucket) return memo.view;
  const nodes = cluster.list("Node");
  // Usage is re-read once per sample period (or for a node it has not seen): it costs a walk
  // of every pod's process plan, too much for every object write of a busy cluster.
  let usage = memo.usage;
  if (memo.usageBucket !== bucket || !usage || nodes.some((n) => !usage!.byNode.has(n.metadata.name))) {
    usage = usageOfNodes(cluster, nodes);
    memo.usageBucket = bucket;
  }
  if (!hasTraffic && memo.view && memo.key === key) {
    // Only time passed: keep the very same view unless a usage bar moved by a MiB.
    if (memo.usage?.fingerprint === usage.fingerprint) return memo.view;
    memo.usage = usage;
    memo.view = { ...memo.view, nodes: nodes.map((n) => nodeView(n, usage.byNode.get(n.metadata.name))) };
    return memo.view;
  }
  memo.usage = usage;
  const pods = cluster.list("Pod");
  const podViews = pods.slice(0, VIEW_MAX_PODS).map((p) => {
    const k = `${p.metadata.namespace ?? "default"}/${p.metadata.name}`;
    const hit = memo.pods.get(k);
    if (hit && hit.rv === p.metadata.resourceVersion) return hit.view;
    const view = podView(p, cluster.nowMs);
    memo.pods.set(k, { rv: p.metadata.resourceVersion ?? "", view });
    return view;
  });
  if (memo.pods.size > podViews.length) {
    const live = new Set(podViews.map((p) => p.key));
    for (const k of [...memo.pods.keys()]) if (!live.has(k)) memo.pods.delete(k);
  }
  const stats = hasTraffic ? trafficStats(cluster) : undefined;
  const view: ClusterViewData = {
    nodes: nodes.map((n) => nodeView(n, usage.byNode.get(n.metadata.name))),
    pods: podViews,
    services: serviceViews(cluster, stats),
    links: memoLinks(cluster, nodes, pods, memo),
    ...(stats ? { traffic: trafficView(stats) } : {}),
  };
  memo.key = key;
  memo.view = view;
  return view;
}

function memoLinks(cluster: Cluster, nodes: readonly Stored<Node>[], pods: readonly Stored<Pod>[], memo: ViewMemo): LinkView[] {
  const pairs = linkPairs(nodes);
  if (pairs.length === 0) return [];
  const targets = podNetworkTargets(nodes, pods);
  const key = `${networkFingerprint(cluster.state)}|${nodes.map((n) => `${n.metadata.name}=${nodeIP(n)}>${targets.get(n.metadata.name) ?? ""}`).join(",")}`;
  if (memo.links && memo.linksKey === key) return memo.links;
  memo.linksKey = key;
  memo.links = linkViews(cluster, pairs, targets);
  return memo.links;
}

const NO_USAGE: NodeUsageView = { memoryUsedMi: 0, diskUsedMi: 0 };

function nodeView(n: Stored<Node>, usage: NodeUsageView = NO_USAGE): NodeView {
  const conditions = ((n.status?.conditions ?? []) as { type: string; status: string; reason?: string }[]).map((c) => ({ type: c.type, status: c.status, reason: c.reason ?? "" }));
  return {
    name: n.metadata.name,
    ready: conditions.find((c) => c.type === "Ready")?.status ?? "Unknown",
    conditions,
    unschedulable: !!n.spec?.unschedulable,
    taints: n.spec?.taints?.length ?? 0,
    ip: nodeIP(n),
    podCIDR: n.spec?.podCIDR ?? "",
    memoryUsedMi: usage.memoryUsedMi,
    memoryCapacityMi: mebibytes(n.status?.capacity?.memory),
    diskUsedMi: usage.diskUsedMi,
    diskCapacityMi: mebibytes(n.status?.capacity?.["ephemeral-storage"]),
  };
}

function podView(p: Stored<Pod>, nowMs: number): PodView {
  const row = printPodRow(p, { getTime: () => nowMs } as Date);
  const owner = p.metadata.ownerReferences?.find((o) => o.controller) ?? p.metadata.ownerReferences?.[0];
  const ns = p.metadata.namespace ?? "default";
  return {
    key: `${ns}/${p.metadata.name}`,
    namespace: ns,
    name: p.metadata.name,
    phase: p.status?.phase ?? "Pending",
    status: row.STATUS,
    ready: row.READY,
    node: p.spec.nodeName ?? "",
    ip: p.status?.podIP ?? "",
    restarts: (p.status?.containerStatuses ?? []).reduce((s, c) => s + (c.restartCount ?? 0), 0),
    owner: owner ? `${owner.kind}/${owner.name}` : "",
  };
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

function serviceViews(cluster: Cluster, stats: TrafficStats | undefined): ServiceView[] {
  const bySvc = new Map<string, { ready: number; notReady: number; endpoints: EndpointView[] }>();
  for (const slice of cluster.list("EndpointSlice")) {
    const svc = slice.metadata.labels?.["kubernetes.io/service-name"];
    if (!svc) continue;
    const ns = slice.metadata.namespace ?? "default";
    const key = `${ns}/${svc}`;
    const c = bySvc.get(key) ?? { ready: 0, notReady: 0, endpoints: [] };
    for (const e of slice.endpoints ?? []) {
      const ready = e.conditions?.ready !== false;
      if (ready) c.ready++;
      else c.notReady++;
      if (e.targetRef?.kind === "Pod") c.endpoints.push({ pod: `${e.targetRef.namespace ?? ns}/${e.targetRef.name}`, ready });
    }
    bySvc.set(key, c);
  }
  return cluster.list("Service").map((s) => {
    const ns = s.metadata.namespace ?? "default";
    const key = `${ns}/${s.metadata.name}`;
    const c = bySvc.get(key);
    const endpoints = (c?.endpoints ?? []).sort((a, b) => (a.pod < b.pod ? -1 : a.pod > b.pod ? 1 : 0)).slice(0, VIEW_MAX_ENDPOINTS);
    const t = stats?.services[key];
    return {
      key,
      namespace: ns,
      name: s.metadata.name,
      type: s.spec?.type ?? "ClusterIP",
      clusterIP: s.spec?.clusterIP ?? "",
      readyEndpoints: c?.ready ?? 0,
      notReadyEndpoints: c?.notReady ?? 0,
      endpoints,
      ...(t && t.windowTotal > 0 ? { traffic: { requestsPerSec: t.requestsPerSec, successRate: round4(t.successRate), reasons: topReasons(t.reasons) } } : {}),
    };
  });
}

/** The most frequent reasons, ties by name, so the wire carries a few short strings. */
function topReasons(reasons: Record<string, number>): Record<string, number> {
  const top = Object.entries(reasons)
    .sort(([ra, a], [rb, b]) => b - a || (ra < rb ? -1 : ra > rb ? 1 : 0))
    .slice(0, VIEW_MAX_REASONS);
  return Object.fromEntries(top);
}

function trafficView(stats: TrafficStats): TrafficView {
  const u = stats.users;
  return {
    requestsPerSec: u.requestsPerSec,
    successRate: round4(u.successRate),
    latencyMs: u.latencyMs,
    sloTarget: u.slo.target,
    budgetRemaining: round4(u.slo.budgetRemaining),
    burnRate: Number.isFinite(u.slo.burnRate) ? round4(u.slo.burnRate) : 1e6,
  };
}
