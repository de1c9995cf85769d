/**
 * calico-node's pool and encapsulation settings, from the DaemonSet's environment as the
 * upstream manifest sets them (CALICO_IPV4POOL_CIDR, CALICO_IPV4POOL_IPIP, CALICO_IPV4POOL_VXLAN)
 * and the `calico-config` ConfigMap (`veth_mtu`, `calico_backend`).
 *
 * Simplification: calico-node reads these only to create the default IPPool on first start;
 * we re-read them on every agent start (there is no IPPool object to edit instead). Pods get
 * addresses from the node's podCIDR (calico's host-local `usePodCidr` mode), not IPAM blocks.
 */
import type { Pod } from "../k8s/schema/pod.ts";
import { parseCIDR } from "./cidr.ts";
import type { BackendConfig, CniConfig } from "./state.ts";

const MODES = new Set(["Always", "CrossSubnet", "Never"]);

export function parseCalicoConfig(pod: Pod, cmData: Record<string, string>): { ok: true; config: CniConfig } | { ok: false; log: string } {
  const env = new Map<string, string>();
  for (const e of pod.spec.containers[0]?.env ?? []) {
    if (e.value !== undefined) env.set(e.name, e.value);
    const ref = e.valueFrom?.configMapKeyRef;
    if (ref && cmData[ref.key] !== undefined) env.set(e.name, cmData[ref.key]);
  }
  const cidr = env.get("CALICO_IPV4POOL_CIDR") ?? "192.168.0.0/16";
  try {
    parseCIDR(cidr);
  } catch {
    return { ok: false, log: `Invalid CIDR specified in CALICO_IPV4POOL_CIDR '${cidr}'` };
  }
  const ipip = env.get("CALICO_IPV4POOL_IPIP") ?? "Always";
  const vxlan = env.get("CALICO_IPV4POOL_VXLAN") ?? "Never";
  if (!MODES.has(ipip)) return { ok: false, log: `Unrecognized IPIP mode specified in CALICO_IPV4POOL_IPIP '${ipip}'` };
  if (!MODES.has(vxlan)) return { ok: false, log: `Unrecognized VXLAN mode specified in CALICO_IPV4POOL_VXLAN '${vxlan}'` };
  if (ipip !== "Never" && vxlan !== "Never") return { ok: false, log: "Invalid configuration: IPIP and VXLAN cannot both be enabled for the default IPv4 pool" };
  let backend: BackendConfig;
  if (vxlan !== "Never") backend = { type: "vxlan", vni: 4096, port: 4789, crossSubnet: vxlan === "CrossSubnet" };
  else if (ipip !== "Never") backend = { type: "ipip", crossSubnet: ipip === "CrossSubnet" };
  else backend = { type: "bgp" };
  const config: CniConfig = { plugin: "calico", network: cidr, backend };
  const mtu = Number(cmData.veth_mtu ?? "0");
  if (Number.isInteger(mtu) && mtu > 0) config.podMTU = mtu;
  return { ok: true, config };
}
