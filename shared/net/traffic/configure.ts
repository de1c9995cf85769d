/**
 * Switching traffic on for a cluster (a level's `traffic:` section): stores the spec and fresh
 * counters in the state and wakes the traffic controller, which then ticks by itself.
 */
import type { Cluster } from "../../sim/cluster.ts";
import { emptyCounters } from "./counters.ts";
import { writeL7 } from "./l7-state.ts";
import { trafficSpecSchema, type TrafficSpecInput } from "./spec.ts";

export const TRAFFIC_CONTROLLER = "traffic";
export const TRAFFIC_TICK_KEY = "tick";

/** Returns false when the traffic controller is not registered (nothing would count). */
export function configureTraffic(cluster: Cluster, input: TrafficSpecInput): boolean {
  const spec = trafficSpecSchema.parse(input);
  writeL7(cluster.state).traffic = { spec, counters: emptyCounters(cluster.nowMs) };
  if (!cluster.engine.controllers.some((c) => c.name === TRAFFIC_CONTROLLER)) return false;
  cluster.engine.enqueue(TRAFFIC_CONTROLLER, TRAFFIC_TICK_KEY);
  return true;
}
