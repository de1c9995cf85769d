/**
 * Service defaulting (SetDefaults_Service in pkg/apis/core/v1/defaults.go) and the IP-family
 * fields the Service registry fills in. Allocation of ClusterIPs and NodePorts needs the
 * cluster's state: see service-allocation.ts.
 */
import type { Service } from "../schema/service.ts";

/** v1.DefaultClientIPServiceAffinitySeconds (3 hours). */
export const DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10800;

export function defaultService(svc: Service): Service {
  const spec = { ...svc.spec };
  if (!spec.sessionAffinity) spec.sessionAffinity = "None";
  if (spec.sessionAffinity === "None") delete spec.sessionAffinityConfig;
  else if (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_AFFINITY_SECONDS } };
  }
  if (!spec.type) spec.type = "ClusterIP";
  if (spec.ports) {
    spec.ports = spec.ports.map((p) => ({
      ...p,
      protocol: p.protocol ?? "TCP",
      targetPort: p.targetPort === undefined || p.targetPort === 0 || p.targetPort === "" ? p.port : p.targetPort,
    }));
  }
  const externallyAccessible = spec.type === "NodePort" || spec.type === "LoadBalancer" || (spec.type === "ClusterIP" && (spec.externalIPs ?? []).length > 0);
  if (externallyAccessible && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = "Cluster";
  if (!spec.internalTrafficPolicy && spec.type !== "ExternalName") spec.internalTrafficPolicy = "Cluster";
  if (spec.type === "LoadBalancer" && spec.allocateLoadBalancerNodePorts === undefined) spec.allocateLoadBalancerNodePorts = true;
  // The registry keeps clusterIP and clusterIPs[0] in step (normalizeClusterIPs).
  if (spec.clusterIP && !spec.clusterIPs?.length) spec.clusterIPs = [spec.clusterIP];
  if (!spec.clusterIP && spec.clusterIPs?.length) spec.clusterIP = spec.clusterIPs[0];
  if (spec.type !== "ExternalName") {
    if (!spec.ipFamilyPolicy) spec.ipFamilyPolicy = "SingleStack";
    if (!spec.ipFamilies?.length) spec.ipFamilies = ["IPv4"];
  }
  return { ...svc, spec };
}
