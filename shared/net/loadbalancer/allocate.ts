/**
 * The simulated cloud's address pool for Services of type LoadBalancer: the lowest free
 * address of the pool's CIDRs (network and broadcast excluded), or the one asked for in
 * spec.loadBalancerIP when it lies in the pool and is free.
 */
import { cidrContains, cidrSize, nthAddress } from "../cidr.ts";

export function allocateLoadBalancerIP(pool: readonly string[], used: ReadonlySet<string>, requested?: string): string | undefined {
  if (requested) {
    return pool.some((c) => safe(() => cidrContains(c, requested))) && !used.has(requested) ? requested : undefined;
  }
  for (const cidr of pool) {
    const size = cidrSize(cidr);
    const first = size > 2 ? 1 : 0;
    const last = size > 2 ? size - 2 : size - 1;
    for (let i = first; i <= last; i++) {
      const ip = nthAddress(cidr, i);
      if (!used.has(ip)) return ip;
    }
  }
  return undefined;
}

function safe(f: () => boolean): boolean {
  try {
    return f();
  } catch {
    return false;
  }
}
