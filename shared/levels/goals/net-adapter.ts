/**
 * The goals that need the network model (shared/net): whether a packet gets through, whether
 * DNS answers, what fraction of requests succeed, how much error budget is left.
 *
 * `connectivity` traces real packets with shared/net's traceRoute (veth, bridge, routes, DNAT,
 * tunnel, firewall) from every running source pod (at most 3, sorted by name) to the target.
 * Simplification: `dnsResolves`, `requestSuccessRate` and `sloBudgetRemaining` evaluate as
 * `unavailable` (never holding) until this adapter is wired to shared/net's DNS and traffic
 * statistics; levels using them cannot be solved yet and `levels validate` says so.
 */
import type { Cluster } from "../../sim/cluster.ts";
import { traceRoute } from "../../net/trace.ts";
import type { GoalEvaluation, GoalOf } from "./schema.ts";

export type NetworkGoal = GoalOf<"connectivity" | "dnsResolves" | "requestSuccessRate" | "sloBudgetRemaining">;

/** Whether every network goal kind can be evaluated in this build. */
export const NETWORK_GOALS_AVAILABLE = false;
/** The network goal kinds this build evaluates. */
export const AVAILABLE_NETWORK_GOALS: ReadonlySet<string> = new Set(["connectivity"]);

const MAX_SOURCES = 3;

function connectivity(cluster: Cluster, g: GoalOf<"connectivity">): GoalEvaluation {
  let sources: string[];
  if ("node" in g.from) sources = [`node/${g.from.node}`];
  else {
    const ns = g.from.namespace ?? "default";
    sources = cluster
      .list("Pod", { namespace: ns, labelSelector: g.from.selector })
      .filter((p) => p.status?.phase === "Running" && !p.metadata.deletionTimestamp && p.status.podIP)
      .slice(0, MAX_SOURCES)
      .map((p) => `${ns}/${p.metadata.name}`);
    if (sources.length === 0) return { holding: false, detail: `no running pod matches ${g.from.selector}` };
  }
  const targetNs = g.to.namespace ?? "default";
  let targets: string[];
  if ("service" in g.to) targets = [`svc/${targetNs}/${g.to.service}`];
  else {
    targets = cluster
      .list("Pod", { namespace: targetNs, labelSelector: g.to.selector })
      .filter((p) => p.status?.phase === "Running" && !p.metadata.deletionTimestamp)
      .map((p) => `${targetNs}/${p.metadata.name}`);
    if (targets.length === 0) return { holding: false, detail: `no running pod matches ${g.to.selector}` };
  }
  for (const from of sources) {
    for (const to of targets) {
      const t = traceRoute(cluster, from, to, { port: g.port });
      if (!t.ok) return { holding: false, detail: `${from} → ${to}:${g.port}: ${t.dropped ? `${t.dropped.reason} (${t.dropped.detail})` : t.error ?? "dropped"}` };
    }
  }
  return { holding: true, detail: `${sources.length} source(s) reach ${targets.length === 1 ? targets[0] : `${targets.length} pods`} on port ${g.port}` };
}

export function evaluateNetworkGoal(cluster: Cluster, goal: NetworkGoal): GoalEvaluation {
  if (goal.kind === "connectivity") return connectivity(cluster, goal);
  return { holding: false, unavailable: true, detail: `${goal.kind} needs the traffic/DNS model, not wired in this build` };
}
