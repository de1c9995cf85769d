/**
 * The slim view of a cluster that the map draws: nodes with their conditions, pods with the
 * kubectl STATUS a player would see, Services with their endpoint counts, overlay links between
 * nodes with their health, and the users' traffic/SLO figures. The server projects it into room
 * state; the browser's solo mode calls the same function. Never the object store, never faults.
 */
import type { Cluster } from "../sim/cluster.ts";
import { printPodRow } from "../k8s/printers/pod-row.ts";
import { packetPath } from "../net/traffic/data-plane.ts";
import { readL7 } from "../net/traffic/l7-state.ts";
import { trafficStats } from "../net/traffic/stats.ts";
import { networkFingerprint } from "../net/traffic/tick.ts";
import { cidrContains } from "../net/cidr.ts";
import type { Node } from "../k8s/schema/node.ts";
import type { Pod } from "../k8s/schema/pod.ts";
import type { Stored } from "../k8s/kinds.ts";

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
}

export type LinkHealth = "ok" | "degraded" | "down";

export interface LinkView {
  /** `a|b` with a < b. */
  key: string;
  from: string;
  to: string;
  health: LinkHealth;
  /** Why a direction fails (drop reason and where), "" when healthy. */
  reason: string;
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

/** Above this many nodes no links are computed (n² paths); above this many pods the list is cut. */
export const VIEW_MAX_LINK_NODES = 12;
export const VIEW_MAX_PODS = 400;

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
}

export function newViewMemo(): ViewMemo {
  return { pods: new Map() };
}

/** The view of `cluster` now. With a memo, an unchanged cluster returns the same object. */
export function clusterView(cluster: Cluster, memo: ViewMemo = newViewMemo()): ClusterViewData {
  const hasTraffic = !!readL7(cluster.state).traffic;
  const key = `${cluster.state.seq.resourceVersion}|${networkFingerprint(cluster.state)}`;
  if (!hasTraffic && memo.view && memo.key === key) return memo.view;
  const nodes = cluster.list("Node");
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
  const view: ClusterViewData = {
    nodes: nodes.map(nodeView),
    pods: podViews,
    services: serviceViews(cluster),
    links: nodes.length <= VIEW_MAX_LINK_NODES ? memoLinks(cluster, nodes, pods, memo) : [],
    ...(hasTraffic ? trafficView(cluster) : {}),
  };
  memo.key = key;
  memo.view = view;
  return view;
}

function memoLinks(cluster: Cluster, nodes: readonly Stored<Node>[], pods: readonly Stored<Pod>[], memo: ViewMemo): LinkView[] {
  const targets = nodes.map((n) => `${n.metadata.name}=${nodeIP(n)}>${podNetworkTarget(n, pods) ?? ""}`).join(",");
  const key = `${networkFingerprint(cluster.state)}|${targets}`;
  if (memo.links && memo.linksKey === key) return memo.links;
  memo.linksKey = key;
  memo.links = linkViews(cluster, nodes, pods);
  return memo.links;
}

function nodeView(n: Stored<Node>): NodeView {
  const conditions = ((n.status?.conditions ?? []) as { type: string; status: string; reason?: string }[]).map((c) => ({ type: c.type, status: c.status, reason: c.reason ?? "" }));
  return {
    name: n.metadata.name,
    ready: conditions.find((c) => c.type === "Ready")?.status ?? "Unknown",
    conditions,
    unschedulable: !!n.spec?.unschedulable,
    taints: n.spec?.taints?.length ?? 0,
    ip: nodeIP(n),
    podCIDR: n.spec?.podCIDR ?? "",
  };
}

function nodeIP(n: Stored<Node>): string {
  return n.status?.addresses?.find((a) => a.type === "InternalIP")?.address ?? "";
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

function serviceViews(cluster: Cluster): ServiceView[] {
  const counts = new Map<string, { ready: number; notReady: number }>();
  for (const slice of cluster.list("EndpointSlice")) {
    const svc = slice.metadata.labels?.["kubernetes.io/service-name"];
    if (!svc) continue;
    const key = `${slice.metadata.namespace ?? "default"}/${svc}`;
    const c = counts.get(key) ?? { ready: 0, notReady: 0 };
    for (const e of slice.endpoints ?? []) {
      if (e.conditions?.ready === false) c.notReady++;
      else c.ready++;
    }
    counts.set(key, c);
  }
  return cluster.list("Service").map((s) => {
    const ns = s.metadata.namespace ?? "default";
    const key = `${ns}/${s.metadata.name}`;
    const c = counts.get(key);
    return { key, namespace: ns, name: s.metadata.name, type: s.spec?.type ?? "ClusterIP", clusterIP: s.spec?.clusterIP ?? "", readyEndpoints: c?.ready ?? 0, notReadyEndpoints: c?.notReady ?? 0 };
  });
}

/** An address on `node`'s pod network to aim at: a pod of its podCIDR, else the bridge (.1). */
function podNetworkTarget(node: Stored<Node>, pods: readonly Stored<Pod>[]): string | undefined {
  const cidr = node.spec?.podCIDR;
  if (!cidr) return undefined;
  const pod = pods.find((p) => p.spec.nodeName === node.metadata.name && p.status?.podIP && cidrContains(cidr, p.status.podIP));
  if (pod?.status?.podIP) return pod.status.podIP;
  const [base] = cidr.split("/");
  const parts = base.split(".").map(Number);
  parts[3] += 1;
  return parts.join(".");
}

/**
 * Overlay health between two nodes: can the host of one reach the pod network of the other
 * (routes, encapsulation, host firewall, MTU of a small packet) in each direction?
 * Simplification: one probe per direction on TCP 80; policy and the application are not links.
 */
function linkViews(cluster: Cluster, nodes: readonly Stored<Node>[], pods: readonly Stored<Pod>[]): LinkView[] {
  const links: LinkView[] = [];
  const targets = new Map(nodes.map((n) => [n.metadata.name, podNetworkTarget(n, pods)]));
  const probe = (a: Stored<Node>, b: Stored<Node>): string => {
    const toIP = targets.get(b.metadata.name);
    const fromIP = nodeIP(a);
    if (!toIP || !fromIP) return "no pod network";
    const v = packetPath(cluster.store, { fromNode: a.metadata.name, fromIP, toNode: b.metadata.name, toIP, protocol: "tcp", port: 80, requestBytes: 64, responseBytes: 64 });
    return v.delivered ? "" : `${a.metadata.name}→${b.metadata.name}: ${v.reason} at ${v.hop}`;
  };
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i];
      const b = nodes[j];
      const fails = [probe(a, b), probe(b, a)].filter((r) => r !== "");
      const health: LinkHealth = fails.length === 0 ? "ok" : fails.length === 1 ? "degraded" : "down";
      links.push({ key: `${a.metadata.name}|${b.metadata.name}`, from: a.metadata.name, to: b.metadata.name, health, reason: fails.join("; ") });
    }
  }
  return links;
}

function trafficView(cluster: Cluster): { traffic?: TrafficView } {
  if (!readL7(cluster.state).traffic) return {};
  const u = trafficStats(cluster).users;
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  return {
    traffic: {
      requestsPerSec: u.requestsPerSec,
      successRate: round(u.successRate),
      latencyMs: u.latencyMs,
      sloTarget: u.slo.target,
      budgetRemaining: round(u.slo.budgetRemaining),
      burnRate: Number.isFinite(u.slo.burnRate) ? round(u.slo.burnRate) : 1e6,
    },
  };
}
