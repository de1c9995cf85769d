/**
 * The slim view of a cluster the map draws: what a player could learn from `kubectl get`
 * (status strings exactly as kubectl prints them), plus the network's health and traffic.
 * Solo mode builds it from the in-browser simulator; multiplayer receives it from the room.
 * The client renders it and decides nothing from it.
 */

export interface ViewCondition {
  type: string;
  status: string;
}

export interface ViewNode {
  name: string;
  /** Ready condition status: "True" | "False" | "Unknown". */
  ready: string;
  /** `kubectl get nodes` STATUS (`Ready`, `NotReady`, `Ready,SchedulingDisabled`). */
  status: string;
  /** Conditions other than Ready that are True (MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable). */
  problems: string[];
  /** Number of taints (their text is in `kubectl describe node`). */
  taints: number;
  /** Pressure bars; absent when the source does not send usage (the room's slim view). */
  memory?: { usedBytes: number; capacityBytes: number };
  disk?: { usedBytes: number; capacityBytes: number };
}

export interface ViewPod {
  /** `namespace/name`: the id the map reconciles sprites by. */
  id: string;
  namespace: string;
  name: string;
  /** Node it is bound to; undefined while Pending unscheduled. */
  node?: string;
  /** `kubectl get pods` STATUS column. */
  status: string;
  /** READY column (`1/1`). */
  ready: string;
  restarts: number;
  /** The owning workload (`Deployment/web`, `DaemonSet/kube-flannel-ds`), for grouping and colour hints. */
  owner?: string;
}

export interface ViewEndpoint {
  /** Pod id (`namespace/name`). */
  pod: string;
  ready: boolean;
}

export interface ViewTraffic {
  requestsPerSec: number;
  /** 0..1 over the stats window. */
  successRate: number;
  /** Failure reason → count in the window (`connection refused`, `HTTP 503`...). */
  reasons: Record<string, number>;
}

export interface ViewService {
  /** `namespace/name`. */
  id: string;
  namespace: string;
  name: string;
  type: string;
  /** Gateways: Services and Ingresses. */
  kind: "Service" | "Ingress";
  readyEndpoints: number;
  notReadyEndpoints: number;
  /** Which pods back it (lines on the map); absent when only the counts are known. */
  endpoints?: ViewEndpoint[];
  /** For an Ingress: the Services it routes to (`namespace/name`). */
  backends?: string[];
  traffic?: ViewTraffic;
}

export type LinkState = "healthy" | "degraded" | "broken";

export interface ViewLink {
  from: string;
  to: string;
  state: LinkState;
  /** Why it is not healthy, as the data plane words it. */
  detail?: string;
}

export interface ViewSlo {
  target: number;
  /** 0..1 */
  budgetRemaining: number;
  successRate: number;
  requestsPerSec: number;
}

export interface ClusterView {
  tick: number;
  /** Simulated ms since the cluster started. */
  elapsedMs: number;
  nodes: ViewNode[];
  pods: ViewPod[];
  services: ViewService[];
  links: ViewLink[];
  slo?: ViewSlo;
}

/** What the game screen needs to know about the clock besides the cluster. */
export interface ViewClock {
  /** Simulated seconds since the player arrived. */
  elapsedSeconds: number;
  speed: number;
  paused: boolean;
  /** Rooms: lobby (waiting for the facilitator), running, paused, ended. */
  phase?: string;
}
