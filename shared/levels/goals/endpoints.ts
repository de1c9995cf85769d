import type { Cluster } from "../../sim/cluster.ts";

/** Ready addresses across the Service's EndpointSlices (what kube-proxy would route to). */
export function readyEndpointCount(cluster: Cluster, namespace: string, service: string): number {
  const addrs = new Set<string>();
  for (const slice of cluster.list("EndpointSlice", { namespace, labelSelector: `kubernetes.io/service-name=${service}` })) {
    for (const ep of slice.endpoints ?? []) {
      if (ep.conditions?.ready !== false) for (const a of ep.addresses) addrs.add(a);
    }
  }
  return addrs.size;
}

