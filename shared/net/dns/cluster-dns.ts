/**
 * Where cluster DNS lives: kubeadm gives the kube-dns Service the 10th address of the Service
 * CIDR (GetDNSIP) and tells every kubelet `clusterDNS: [that]`, `clusterDomain: cluster.local`.
 * The kubelet writes that into each pod's resolv.conf, so moving the Service does not move
 * the pods' nameserver.
 */
import type { ClusterConfig } from "../../sim/state.ts";
import { nthAddress } from "../cidr.ts";

export const CLUSTER_DOMAIN = "cluster.local";
export const DNS_NAMESPACE = "kube-system";
export const DNS_SERVICE = "kube-dns";
export const DNS_DEPLOYMENT = "coredns";
export const DNS_CONFIGMAP = "coredns";
export const DNS_LABEL = { key: "k8s-app", value: "kube-dns" } as const;

/** kubelet --cluster-dns as kubeadm sets it: the Service CIDR's 10th address (10.96.0.10). */
export function clusterDNSIP(config: Pick<ClusterConfig, "serviceCIDR">): string {
  return nthAddress(config.serviceCIDR, 10);
}
