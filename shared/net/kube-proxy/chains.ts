/**
 * kube-proxy's chain names (pkg/proxy/iptables/proxier.go): a prefix and the first 16
 * characters of base32(sha256(...)), so a name is stable for a Service port across nodes and
 * restarts, and fits iptables' 28-character limit.
 */
import { base32, sha256 } from "../sha256.ts";

/** portProtoHash(servicePortName, protocol). */
export function portProtoHash(servicePortName: string, protocol: string): string {
  return base32(sha256(servicePortName + protocol)).slice(0, 16);
}

/** KUBE-SVC-…: the Service port's load-balancing chain (cluster endpoints). */
export function servicePortChainName(servicePortName: string, protocol: string): string {
  return `KUBE-SVC-${portProtoHash(servicePortName, protocol)}`;
}

/** KUBE-SVL-…: the local-endpoints chain (internal/externalTrafficPolicy Local). */
export function servicePortPolicyLocalChainName(servicePortName: string, protocol: string): string {
  return `KUBE-SVL-${portProtoHash(servicePortName, protocol)}`;
}

/** KUBE-EXT-…: traffic arriving from outside (NodePort, LoadBalancer, externalIPs). */
export function serviceExternalChainName(servicePortName: string, protocol: string): string {
  return `KUBE-EXT-${portProtoHash(servicePortName, protocol)}`;
}

/** KUBE-SEP-…: one endpoint's DNAT chain; the hash includes the endpoint `ip:port`. */
export function servicePortEndpointChainName(servicePortName: string, protocol: string, endpoint: string): string {
  return `KUBE-SEP-${base32(sha256(servicePortName + protocol + endpoint)).slice(0, 16)}`;
}

/**
 * How iptables-save prints a statistic probability: the kernel keeps it as a 31-bit fraction
 * (the proxier writes `%0.10f` of 1/n), and iptables prints that fraction with 11 decimals:
 * 1/3 ⇒ 0.33333333349, 1/2 ⇒ 0.50000000000.
 */
export function iptablesProbability(n: number): string {
  const written = Number((1 / n).toFixed(10));
  const kernel = Math.round(written * 0x80000000);
  return (kernel / 0x80000000).toFixed(11);
}
