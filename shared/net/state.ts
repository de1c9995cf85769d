/**
 * PLACEHOLDER owned by the networking work: the simulated network underneath the cluster
 * (node subnets and routers, host firewalls, MTUs, CNI backend settings, per-node programmed
 * routes and tunnels, traffic counters). Kept in ClusterState.network so it is hashed, saved
 * and restored with everything else.
 */
export interface NetworkState {
  [field: string]: unknown;
}

/** What a level or test may say about the network when creating a cluster. */
export interface NetworkInit {
  [field: string]: unknown;
}

export function initialNetworkState(_init: NetworkInit | undefined): NetworkState {
  return {};
}
