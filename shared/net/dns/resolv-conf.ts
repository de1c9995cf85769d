/**
 * The /etc/resolv.conf the kubelet writes into a pod (pkg/kubelet/network/dns/dns.go):
 * - ClusterFirst (the default), and ClusterFirstWithHostNet: the cluster nameserver, search
 *   `<ns>.svc.<domain> svc.<domain> <domain>` and `options ndots:5`;
 * - ClusterFirst on a hostNetwork pod falls back to Default (the kubelet logs a warning);
 * - Default: the node's own resolv.conf (its subnet's router as nameserver, no cluster search);
 * - None: only what dnsConfig says.
 *
 * Simplification: dnsConfig (nameservers/searches/options) is not modelled (the schema ignores
 * it), so None yields an empty resolver; the node's resolv.conf has no search domains.
 */
import type { Pod } from "../../k8s/schema/pod.ts";
import type { ClusterConfig } from "../../sim/state.ts";
import { CLUSTER_DOMAIN, clusterDNSIP } from "./cluster-dns.ts";

export interface ResolvConf {
  nameservers: string[];
  search: string[];
  ndots: number;
  /** The pod resolves through cluster DNS (CoreDNS); false: through the node's upstream resolver. */
  cluster: boolean;
}

/** Node-level resolver: the default gateway of the node network acts as upstream DNS. */
export function nodeResolvConf(upstream: string): ResolvConf {
  return { nameservers: [upstream], search: [], ndots: 1, cluster: false };
}

export function podResolvConf(pod: Pick<Pod, "spec" | "metadata">, config: Pick<ClusterConfig, "serviceCIDR">, upstream = "192.168.10.1"): ResolvConf {
  const policy = pod.spec.dnsPolicy ?? "ClusterFirst";
  const hostNet = pod.spec.hostNetwork === true;
  if (policy === "None") return { nameservers: [], search: [], ndots: 1, cluster: false };
  if (policy === "Default" || (policy === "ClusterFirst" && hostNet)) return nodeResolvConf(upstream);
  const ns = pod.metadata.namespace ?? "default";
  return {
    nameservers: [clusterDNSIP(config)],
    search: [`${ns}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN],
    ndots: 5,
    cluster: true,
  };
}

/** The file as `cat /etc/resolv.conf` shows it. */
export function formatResolvConf(rc: ResolvConf): string {
  const lines: string[] = [];
  if (rc.search.length > 0) lines.push(`search ${rc.search.join(" ")}`);
  for (const ns of rc.nameservers) lines.push(`nameserver ${ns}`);
  if (rc.cluster) lines.push(`options ndots:${rc.ndots}`);
  return lines.join("\n") + "\n";
}

/** `resolvConf(pod)`: the text of the pod's /etc/resolv.conf. */
export function resolvConf(pod: Pick<Pod, "spec" | "metadata">, config: Pick<ClusterConfig, "serviceCIDR"> = { serviceCIDR: "10.96.0.0/12" }): string {
  return formatResolvConf(podResolvConf(pod, config));
}

/**
 * The names a stub resolver tries, in order (glibc/musl res_search): a name ending in `.` is
 * absolute; a name with at least `ndots` dots is tried as is first, then with each search
 * suffix; otherwise each search suffix first and the bare name last.
 */
export function candidateNames(name: string, rc: ResolvConf): string[] {
  if (name.endsWith(".")) return [name.slice(0, -1)];
  const dots = name.split(".").length - 1;
  const suffixed = rc.search.map((s) => `${name}.${s}`);
  return dots >= rc.ndots ? [name, ...suffixed] : [...suffixed, name];
}
