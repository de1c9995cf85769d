/**
 * Projecting a game session into `SessionRoomState`: the cluster view (shared/protocol/view.ts),
 * goals and score. Called once per simulation tick; writes only what changed.
 */
import type { ArraySchema } from "@colyseus/schema";
import type { ClusterViewData, ServiceView } from "../../../shared/protocol/view.ts";
import { encodeEndpoints, encodeReasons } from "../../../shared/protocol/wire-codec.ts";
import type { GoalStatus, ScoreBreakdown } from "../../../shared/game/session.ts";
import { ConditionState, LinkState, NodeState, PodState, ServiceState, type ClusterState } from "./cluster-state.ts";
import { GoalState, ScoreComponentState, type ScoreState } from "./session-state.ts";
import { assignChanged, fillPrimitives, syncArray, syncMap } from "./patch.ts";

export function projectCluster(target: ClusterState, view: ClusterViewData): void {
  syncMap(target.nodes, view.nodes, (n) => n.name, () => new NodeState(), (s, n) => {
    const { conditions, ...rest } = n;
    assignChanged(s, rest);
    syncArray(s.conditions, conditions, () => new ConditionState(), fillPrimitives);
  });
  syncMap(target.pods, view.pods, (p) => p.key, () => new PodState(), fillPrimitives);
  syncMap(target.services, view.services, (s) => s.key, () => new ServiceState(), fillService);
  syncMap(target.links, view.links, (l) => l.key, () => new LinkState(), fillPrimitives);
  if (view.traffic) assignChanged(target.traffic, { hasTraffic: true, ...view.traffic });
  else assignChanged(target.traffic, { hasTraffic: false });
}

/** Endpoints and traffic go out as a few primitives (see wire-codec.ts); a Service without traffic resets them. */
function fillService(s: ServiceState, v: ServiceView): void {
  const { endpoints, traffic, ...rest } = v;
  assignChanged(s, {
    ...rest,
    endpoints: encodeEndpoints(v.namespace, endpoints),
    hasTraffic: !!traffic,
    requestsPerSec: traffic?.requestsPerSec ?? 0,
    successRate: traffic?.successRate ?? 1,
    failReasons: traffic ? encodeReasons(traffic.reasons) : "",
  });
}

export function projectGoals(target: ArraySchema<GoalState>, goals: readonly GoalStatus[]): void {
  syncArray(target, goals.map((g) => ({ id: g.id, text: g.text, met: g.met, holding: g.holding, detail: g.detail })), () => new GoalState(), fillPrimitives);
}

export function projectScore(target: ScoreState, score: ScoreBreakdown): void {
  assignChanged(target, { total: Math.round(score.total), stars: score.stars, max: Math.round(score.max), resolved: score.resolved });
  syncArray(target.breakdown, score.components.map((c) => ({ ...c, points: Math.round(c.points) })), () => new ScoreComponentState(), fillPrimitives);
}
