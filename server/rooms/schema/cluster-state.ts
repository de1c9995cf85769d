/**
 * Colyseus schema of the slim cluster view (names in shared/protocol/state.ts). Integers are
 * typed as such; figures the client must show exactly (success rate, budget) are float64.
 */
import { ArraySchema, MapSchema, Schema, type } from "@colyseus/schema";

export class ConditionState extends Schema {
  @type("string") type = "";
  @type("string") status = "";
  @type("string") reason = "";
}

export class NodeState extends Schema {
  @type("string") name = "";
  @type("string") ready = "Unknown";
  @type([ConditionState]) conditions = new ArraySchema<ConditionState>();
  @type("boolean") unschedulable = false;
  @type("uint16") taints = 0;
  @type("string") ip = "";
  @type("string") podCIDR = "";
  @type("uint32") memoryUsedMi = 0;
  @type("uint32") memoryCapacityMi = 0;
  @type("uint32") diskUsedMi = 0;
  @type("uint32") diskCapacityMi = 0;
}

export class PodState extends Schema {
  @type("string") key = "";
  @type("string") namespace = "";
  @type("string") name = "";
  @type("string") phase = "";
  @type("string") status = "";
  @type("string") ready = "";
  @type("string") node = "";
  @type("string") ip = "";
  @type("uint32") restarts = 0;
  @type("string") owner = "";
}

export class ServiceState extends Schema {
  @type("string") key = "";
  @type("string") namespace = "";
  @type("string") name = "";
  @type("string") type = "";
  @type("string") clusterIP = "";
  @type("uint32") readyEndpoints = 0;
  @type("uint32") notReadyEndpoints = 0;
  /** Pods behind it, `web-1,web-2!` (shared/protocol/wire-codec.ts). */
  @type("string") endpoints = "";
  @type("boolean") hasTraffic = false;
  @type("float64") requestsPerSec = 0;
  @type("float64") successRate = 1;
  /** `count reason` lines (shared/protocol/wire-codec.ts). */
  @type("string") failReasons = "";
}

export class LinkState extends Schema {
  @type("string") key = "";
  @type("string") from = "";
  @type("string") to = "";
  @type("string") health = "ok";
  @type("string") reason = "";
}

export class TrafficState extends Schema {
  @type("boolean") hasTraffic = false;
  @type("float64") requestsPerSec = 0;
  @type("float64") successRate = 1;
  @type("float64") latencyMs = 0;
  @type("float64") sloTarget = 0;
  @type("float64") budgetRemaining = 1;
  @type("float64") burnRate = 0;
}

export class ClusterState extends Schema {
  @type({ map: NodeState }) nodes = new MapSchema<NodeState>();
  @type({ map: PodState }) pods = new MapSchema<PodState>();
  @type({ map: ServiceState }) services = new MapSchema<ServiceState>();
  @type({ map: LinkState }) links = new MapSchema<LinkState>();
  @type(TrafficState) traffic = new TrafficState();
}
