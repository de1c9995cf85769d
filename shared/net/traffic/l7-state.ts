/**
 * The state of the layers above the packet path, kept inside NetworkState (so it is hashed,
 * saved and restored with the cluster) under the key `l7`, which this module owns:
 * the LoadBalancer address pool, upstream DNS names, the traffic spec and its counters.
 * The accessors below are the only code that touches it. Readers never create it, so looking
 * at a cluster does not change its hash.
 */
import type { ClusterState } from "../../sim/state.ts";
import type { TrafficSpec } from "./spec.ts";
import type { TrafficCounters } from "./counters.ts";

export interface L7State {
  /** CIDRs the simulated cloud's load balancers take addresses from; empty: none (`<pending>` forever, as on bare metal). */
  lbPool: string[];
  /** How long the cloud takes to provision a load balancer. */
  lbDelayMs: number;
  /** Names the upstream resolver knows (outside cluster.local): name ⇒ IPv4. */
  upstreamDNS: Record<string, string>;
  traffic?: { spec: TrafficSpec; counters: TrafficCounters };
  /** Service key ⇒ simulated ms when its load balancer is ready (provisioning under way). */
  lbPending?: Record<string, number>;
  /** Ingress key ⇒ generation the ingress controller last synced (its `Sync` event). */
  ingressSynced?: Record<string, number>;
}

export interface L7Init {
  lbPool?: string[];
  lbDelayMs?: number;
  upstreamDNS?: Record<string, string>;
}

export const DEFAULT_L7: L7State = { lbPool: ["203.0.113.0/24"], lbDelayMs: 3000, upstreamDNS: {} };

/** Read-only view (defaults when never written). */
export function readL7(state: ClusterState): L7State {
  return state.network.l7 ?? DEFAULT_L7;
}

/** The writable slot, created on first write. */
export function writeL7(state: ClusterState): L7State {
  const net = state.network;
  net.l7 ??= { lbPool: [...DEFAULT_L7.lbPool], lbDelayMs: DEFAULT_L7.lbDelayMs, upstreamDNS: {} };
  return net.l7;
}

/** Level/test set-up: pool, provisioning delay, upstream names. */
export function configureL7(state: ClusterState, init: L7Init): void {
  const l7 = writeL7(state);
  if (init.lbPool) l7.lbPool = [...init.lbPool];
  if (init.lbDelayMs !== undefined) l7.lbDelayMs = init.lbDelayMs;
  if (init.upstreamDNS) l7.upstreamDNS = { ...init.upstreamDNS };
}
