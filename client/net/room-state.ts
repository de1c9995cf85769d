/**
 * Snapshot conversion for rooms: the `drill` / `contest-seat` room state (as `state.toJSON()`
 * gives it: maps become plain objects) into the protocol's ClusterViewData and the screen's
 * goals/score/clock. Pure; tested without a server.
 */
import type { GoalStatus, ScoreBreakdown } from "../../shared/game/session.ts";
import type { SessionRoomStateShape } from "../../shared/protocol/state.ts";
import type { ClusterViewData, ServiceView } from "../../shared/protocol/view.ts";
import { decodeEndpoints, decodeReasons } from "../../shared/protocol/wire-codec.ts";

type MapJson<T> = Record<string, T> | Map<string, T> | undefined;

/** The JSON form of a room state: Colyseus maps arrive as plain objects. */
export type SessionStateJson = Omit<Partial<SessionRoomStateShape>, "cluster" | "players"> & {
  cluster?: { [K in keyof SessionRoomStateShape["cluster"]]?: SessionRoomStateShape["cluster"][K] extends Map<string, infer V> ? MapJson<V> : SessionRoomStateShape["cluster"][K] };
  players?: MapJson<SessionRoomStateShape["players"] extends Map<string, infer V> ? V : never>;
};

export function values<T>(m: MapJson<T>): T[] {
  if (!m) return [];
  return m instanceof Map ? [...m.values()] : Object.values(m);
}

export function viewDataFromState(s: SessionStateJson): ClusterViewData {
  const c = s.cluster ?? {};
  const t = c.traffic;
  return {
    nodes: values(c.nodes).map((n) => ({ ...n, memoryUsedMi: n.memoryUsedMi ?? 0, memoryCapacityMi: n.memoryCapacityMi ?? 0, diskUsedMi: n.diskUsedMi ?? 0, diskCapacityMi: n.diskCapacityMi ?? 0, conditions: [...(n.conditions ?? [])] })),
    pods: values(c.pods),
    services: values(c.services).map((sv): ServiceView => {
      const { endpoints, hasTraffic, requestsPerSec, successRate, failReasons, ...rest } = sv;
      return {
        ...rest,
        endpoints: decodeEndpoints(sv.namespace, endpoints ?? ""),
        ...(hasTraffic ? { traffic: { requestsPerSec, successRate, reasons: decodeReasons(failReasons ?? "") } } : {}),
      };
    }),
    links: values(c.links),
    ...(t && t.hasTraffic ? { traffic: { requestsPerSec: t.requestsPerSec, successRate: t.successRate, latencyMs: t.latencyMs, sloTarget: t.sloTarget, budgetRemaining: t.budgetRemaining, burnRate: t.burnRate } } : {}),
  };
}

export function goalsFromState(s: SessionStateJson): GoalStatus[] {
  return (s.goals ?? []).map((g) => ({ id: g.id, text: g.text, met: g.met, holding: g.holding, detail: g.detail }));
}

export function scoreFromState(s: SessionStateJson): ScoreBreakdown | undefined {
  const sc = s.score;
  if (!sc) return undefined;
  return { total: sc.total, stars: Math.max(0, Math.min(3, sc.stars)) as 0 | 1 | 2 | 3, max: sc.max, resolved: sc.resolved, components: [...(sc.breakdown ?? [])] };
}
