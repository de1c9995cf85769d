/**
 * Evaluating a goal against the cluster: pure reads of API objects (what `kubectl get` would
 * show), never the simulator's private state, so a goal is met exactly when a player could see
 * it met. Goals that need the traffic model go through net-adapter.ts.
 */
import type { Cluster } from "../../sim/cluster.ts";
import type { Pod } from "../../k8s/schema/pod.ts";
import type { Stored } from "../../k8s/kinds.ts";
import { printPodRow } from "../../k8s/printers/pod-row.ts";
import { parseTimestamp } from "../../k8s/time.ts";
import { canonicalJSON } from "../../util/canonical.ts";
import { assertNever } from "../../util/result.ts";
import { formatRef } from "../refs.ts";
import { evaluateIngressPath } from "./ingress.ts";
import { readyEndpointCount } from "./endpoints.ts";
import { evaluateNetworkGoal } from "./net-adapter.ts";
import { evaluateNetworkPolicyAllows } from "./network-policy.ts";
import type { Goal, GoalEvaluation, GoalOf } from "./schema.ts";

/** What a goal compares against: the snapshot taken when the session started. */
export interface GoalBaselines {
  /** objectUnchanged goal id ⇒ canonical JSON of its fields at session start. */
  [goalId: string]: string;
}

const yes = (detail: string): GoalEvaluation => ({ holding: true, detail });
const no = (detail: string): GoalEvaluation => ({ holding: false, detail });

export function evaluateGoal(cluster: Cluster, goal: Goal, baselines: GoalBaselines = {}): GoalEvaluation {
  switch (goal.kind) {
    case "serviceHasReadyEndpoints":
      return serviceHasReadyEndpoints(cluster, goal);
    case "deploymentAvailable":
      return deploymentAvailable(cluster, goal);
    case "daemonSetReady":
      return daemonSetReady(cluster, goal);
    case "podsRunning":
      return podsRunning(cluster, goal);
    case "noPodsWithStatus":
      return noPodsWithStatus(cluster, goal);
    case "noRecentRestarts":
      return noRecentRestarts(cluster, goal);
    case "nodeCondition":
      return nodeCondition(cluster, goal);
    case "podsSpreadAcrossNodes":
      return podsSpreadAcrossNodes(cluster, goal);
    case "objectUnchanged":
      return objectUnchanged(cluster, goal, baselines[goal.id]);
    case "ingressServesPath":
      return evaluateIngressPath(cluster, goal);
    case "networkPolicyAllows":
      return evaluateNetworkPolicyAllows(cluster, goal);
    case "connectivity":
    case "dnsResolves":
    case "requestSuccessRate":
    case "sloBudgetRemaining":
      return evaluateNetworkGoal(cluster, goal);
    default:
      return assertNever(goal, "goal");
  }
}

function serviceHasReadyEndpoints(cluster: Cluster, g: GoalOf<"serviceHasReadyEndpoints">): GoalEvaluation {
  const ns = g.namespace ?? "default";
  if (!cluster.get("Service", ns, g.service)) return no(`service "${g.service}" not found`);
  const n = readyEndpointCount(cluster, ns, g.service);
  return n >= g.min ? yes(`${n} ready endpoint(s)`) : no(`${n} ready endpoint(s), want at least ${g.min}`);
}

function deploymentAvailable(cluster: Cluster, g: GoalOf<"deploymentAvailable">): GoalEvaluation {
  const d = cluster.get("Deployment", g.namespace ?? "default", g.name);
  if (!d) return no(`deployment "${g.name}" not found`);
  const want = d.spec.replicas ?? 1;
  const st = d.status ?? {};
  const observed = (st.observedGeneration ?? 0) >= (d.metadata.generation ?? 1);
  const updated = st.updatedReplicas ?? 0;
  const available = st.availableReplicas ?? 0;
  const total = st.replicas ?? 0;
  const detail = `${available}/${want} available, ${updated} up to date, ${total} total`;
  // Fully rolled out, as `kubectl rollout status` waits for: nothing old left, everything available.
  const done = observed && updated === want && available === want && total === want && want > 0;
  return done ? yes(detail) : no(detail);
}

function daemonSetReady(cluster: Cluster, g: GoalOf<"daemonSetReady">): GoalEvaluation {
  const ds = cluster.get("DaemonSet", g.namespace ?? "default", g.name);
  if (!ds) return no(`daemonset "${g.name}" not found`);
  const st = ds.status ?? { desiredNumberScheduled: 0, numberReady: 0, currentNumberScheduled: 0, numberMisscheduled: 0 };
  const desired = st.desiredNumberScheduled ?? 0;
  const ready = st.numberReady ?? 0;
  const updated = st.updatedNumberScheduled ?? 0;
  const detail = `${ready}/${desired} ready, ${updated} up to date`;
  return desired > 0 && ready === desired && updated === desired ? yes(detail) : no(detail);
}

function matchingPods(cluster: Cluster, namespace: string | undefined, selector: string | undefined): Stored<Pod>[] {
  return cluster.list("Pod", { namespace: namespace ?? "default", ...(selector ? { labelSelector: selector } : {}) });
}

const isReady = (p: Pod) => (p.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
const isLive = (p: Pod) => !p.metadata.deletionTimestamp && p.status?.phase === "Running";

function podsRunning(cluster: Cluster, g: GoalOf<"podsRunning">): GoalEvaluation {
  const pods = matchingPods(cluster, g.namespace, g.selector).filter((p) => isLive(p) && (!g.ready || isReady(p)));
  const what = g.ready ? "running and ready" : "running";
  return pods.length >= g.min ? yes(`${pods.length} pod(s) ${what}`) : no(`${pods.length} pod(s) ${what}, want at least ${g.min}`);
}

/** The STATUS column of `kubectl get pods`. */
export function podStatus(cluster: Cluster, pod: Pod): string {
  const nowMs = cluster.nowMs;
  return printPodRow(pod, { getTime: () => nowMs } as Date).STATUS;
}

function noPodsWithStatus(cluster: Cluster, g: GoalOf<"noPodsWithStatus">): GoalEvaluation {
  const bad = matchingPods(cluster, g.namespace, g.selector)
    .map((p) => ({ name: p.metadata.name, status: podStatus(cluster, p) }))
    .filter((p) => g.statuses.includes(p.status));
  if (bad.length === 0) return yes(`no pod is ${g.statuses.join(" or ")}`);
  const shown = bad.slice(0, 3).map((p) => `${p.name} ${p.status}`).join(", ");
  return no(`${bad.length} pod(s): ${shown}${bad.length > 3 ? ", ..." : ""}`);
}

/** No container of a matching pod restarted within the window, and every one is running now. */
function noRecentRestarts(cluster: Cluster, g: GoalOf<"noRecentRestarts">): GoalEvaluation {
  const since = cluster.nowMs - g.withinSeconds * 1000;
  const pods = matchingPods(cluster, g.namespace, g.selector).filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== "Failed" && p.status?.phase !== "Succeeded");
  if (pods.length === 0) return no("no pods match");
  for (const p of pods) {
    for (const cs of p.status?.containerStatuses ?? []) {
      const running = cs.state && "running" in cs.state ? cs.state.running : undefined;
      if (!running) return no(`${p.metadata.name}: container ${cs.name} is not running`);
      const startedMs = running.startedAt ? parseTimestamp(running.startedAt) : NaN;
      if ((cs.restartCount ?? 0) > 0 && !(startedMs <= since)) return no(`${p.metadata.name}: container ${cs.name} restarted in the last ${g.withinSeconds}s`);
    }
    if (!(p.status?.containerStatuses ?? []).length) return no(`${p.metadata.name}: containers not started`);
  }
  return yes(`${pods.length} pod(s) running without restarts for ${g.withinSeconds}s`);
}

function nodeCondition(cluster: Cluster, g: GoalOf<"nodeCondition">): GoalEvaluation {
  const node = cluster.get("Node", undefined, g.node);
  if (!node) return no(`node "${g.node}" not found`);
  const c = (node.status?.conditions ?? []).find((x) => x.type === g.type);
  const status = c?.status ?? "Unknown";
  return status === g.status ? yes(`${g.type}=${status}`) : no(`${g.type}=${status}${c?.reason ? ` (${c.reason})` : ""}`);
}

function podsSpreadAcrossNodes(cluster: Cluster, g: GoalOf<"podsSpreadAcrossNodes">): GoalEvaluation {
  const nodes = new Set(matchingPods(cluster, g.namespace, g.selector).filter((p) => isLive(p) && isReady(p)).map((p) => p.spec.nodeName ?? ""));
  nodes.delete("");
  return nodes.size >= g.minNodes ? yes(`ready pods on ${nodes.size} nodes`) : no(`ready pods on ${nodes.size} node(s), want ${g.minNodes}`);
}

/** The watched fields of an object as canonical JSON (`<absent>` when it does not exist). */
export function snapshotFields(cluster: Cluster, g: GoalOf<"objectUnchanged">): string {
  const obj = cluster.get(g.target.kind, g.target.namespace, g.target.name);
  if (!obj) return "<absent>";
  const picked = g.fields.map((path) => {
    let cur: unknown = obj;
    for (const part of path.split(".")) cur = cur && typeof cur === "object" ? (cur as Record<string, unknown>)[part] : undefined;
    return cur ?? null;
  });
  return `${obj.metadata.uid}|${canonicalJSON(picked)}`;
}

function objectUnchanged(cluster: Cluster, g: GoalOf<"objectUnchanged">, baseline: string | undefined): GoalEvaluation {
  const now = snapshotFields(cluster, g);
  if (now === "<absent>") return no(`${formatRef(g.target)} was deleted`);
  if (baseline === undefined || now === baseline) return yes(`${formatRef(g.target)} unchanged`);
  return no(baseline.split("|")[0] !== now.split("|")[0] ? `${formatRef(g.target)} was deleted and recreated` : `${formatRef(g.target)} ${g.fields.join(", ")} changed`);
}
