/**
 * The goals that need the network model (shared/net): whether a packet gets through, whether
 * DNS answers, what fraction of requests succeed, how much error budget is left.
 *
 * `connectivity` traces real packets with shared/net's traceRoute (veth, bridge, routes, DNAT,
 * tunnel, firewall) from every running source pod (at most 3, sorted by name) to the target.
 * `dnsResolves` asks cluster DNS from the source (search paths, CoreDNS reachability);
 * `requestSuccessRate` and `sloBudgetRemaining` read the traffic model's statistics.
 */
import type { Cluster } from "../../sim/cluster.ts";
import { traceRoute } from "../../net/trace.ts";
import { resolveName } from "../../net/dns/resolve.ts";
import { trafficStats } from "../../net/traffic/stats.ts";
import type { GoalEvaluation, GoalOf } from "./schema.ts";

export type NetworkGoal = GoalOf<"connectivity" | "dnsResolves" | "requestSuccessRate" | "sloBudgetRemaining">;

/** Whether every network goal kind can be evaluated in this build. */
export const NETWORK_GOALS_AVAILABLE = true;
/** The network goal kinds this build evaluates. */
export const AVAILABLE_NETWORK_GOALS: ReadonlySet<string> = new Set(["connectivity", "dnsResolves", "requestSuccessRate", "sloBudgetRemaining"]);

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

function dnsResolves(cluster: Cluster, g: GoalOf<"dnsResolves">): GoalEvaluation {
  let from: { pod: string } | { node: string };
  if ("node" in g.from) from = { node: g.from.node };
  else {
    const ns = g.from.namespace ?? "default";
    const pod = cluster
      .list("Pod", { namespace: ns, labelSelector: g.from.selector })
      .find((p) => p.status?.phase === "Running" && !p.metadata.deletionTimestamp && p.status.podIP);
    if (!pod) return { holding: false, detail: `no running pod matches ${g.from.selector}` };
    from = { pod: `${ns}/${pod.metadata.name}` };
  }
  const r = resolveName(cluster, from, g.name);
  if ("error" in r) return { holding: false, detail: r.error === "NXDOMAIN" ? `${g.name}: NXDOMAIN` : `${g.name}: ${r.detail}` };
  return { holding: true, detail: `${g.name} resolves` };
}

function requestSuccessRate(cluster: Cluster, g: GoalOf<"requestSuccessRate">): GoalEvaluation {
  const stats = trafficStats(cluster, { windowMs: g.windowSeconds * 1000 });
  const s = stats.entries[g.entry];
  if (!s) return { holding: false, detail: `no traffic entry point named ${g.entry}` };
  if (s.windowTotal === 0) return { holding: false, detail: `${g.entry}: no requests in the last ${g.windowSeconds}s` };
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const worst = Object.entries(s.reasons).sort((a, b) => b[1] - a[1])[0];
  return {
    holding: s.successRate >= g.min,
    detail: `${g.entry}: ${pct(s.successRate)} of ${s.windowTotal} requests in the last ${g.windowSeconds}s succeeded (goal ${pct(g.min)})${worst ? `; most failures: ${worst[0]}` : ""}`,
  };
}

function sloBudgetRemaining(cluster: Cluster, g: GoalOf<"sloBudgetRemaining">): GoalEvaluation {
  const stats = trafficStats(cluster);
  const s = g.slo ? stats.entries[g.slo] ?? stats.services[g.slo] : stats.users;
  if (!s) return { holding: false, detail: `no traffic scope named ${g.slo}` };
  const left = s.slo.budgetRemaining;
  return { holding: left >= g.min, detail: `error budget remaining ${(left * 100).toFixed(1)}% (goal ≥ ${(g.min * 100).toFixed(0)}%)` };
}

export function evaluateNetworkGoal(cluster: Cluster, goal: NetworkGoal): GoalEvaluation {
  switch (goal.kind) {
    case "connectivity":
      return connectivity(cluster, goal);
    case "dnsResolves":
      return dnsResolves(cluster, goal);
    case "requestSuccessRate":
      return requestSuccessRate(cluster, goal);
    case "sloBudgetRemaining":
      return sloBudgetRemaining(cluster, goal);
  }
}
