/**
 * flannel's configuration, read from the `kube-flannel-cfg` ConfigMap the DaemonSet mounts at
 * /etc/kube-flannel/: `net-conf.json` (Network and Backend, read by flanneld at start) and
 * `cni-conf.json` (the CNI plugin chain; its delegate may pin the pod MTU).
 * Errors are worded as flanneld logs them before it exits (pkg/subnet/config.go, main.go).
 */
import { parseCIDR } from "./cidr.ts";
import { parseGoJSON } from "./go-json.ts";
import type { BackendConfig, CniConfig } from "./state.ts";

export const NET_CONF_PATH = "/etc/kube-flannel/net-conf.json";
export const CNI_CONF_PATH = "/etc/kube-flannel/cni-conf.json";

export type FlannelConfigResult = { ok: true; config: CniConfig } | { ok: false; log: string };

const BACKENDS = new Set(["vxlan", "host-gw"]);

/** Parse the ConfigMap's data as flanneld (and the flannel CNI plugin) would read it. */
export function parseFlannelConfig(netConf: string | undefined, cniConf?: string): FlannelConfigResult {
  if (netConf === undefined) {
    return { ok: false, log: `Failed to create SubnetManager: failed to read net conf: open ${NET_CONF_PATH}: no such file or directory` };
  }
  const parsed = parseGoJSON(netConf);
  if (!parsed.ok) return { ok: false, log: `Failed to create SubnetManager: error parsing subnet config: ${parsed.error}` };
  const cfg = (parsed.value ?? {}) as Record<string, unknown>;
  if (typeof cfg !== "object" || Array.isArray(cfg)) {
    return { ok: false, log: `Failed to create SubnetManager: error parsing subnet config: json: cannot unmarshal ${goType(cfg)} into Go value of type subnet.Config` };
  }
  const network = cfg.Network;
  if (network === undefined || network === "") {
    return { ok: false, log: "Failed to create SubnetManager: error parsing subnet config: please define a correct Network parameter in the flannel config" };
  }
  if (typeof network !== "string") {
    return { ok: false, log: `Failed to create SubnetManager: error parsing subnet config: json: cannot unmarshal ${goType(network)} into Go struct field Config.Network of type ip.IP4Net` };
  }
  try {
    parseCIDR(network);
  } catch {
    return { ok: false, log: `Failed to create SubnetManager: error parsing subnet config: invalid CIDR address: ${network}` };
  }
  const b = (cfg.Backend ?? {}) as Record<string, unknown>;
  const type = typeof b.Type === "string" && b.Type !== "" ? b.Type.toLowerCase() : "vxlan";
  if (!BACKENDS.has(type)) return { ok: false, log: `Error fetching backend: unknown backend type: ${String(b.Type)}` };
  const backend: BackendConfig = { type: type as BackendConfig["type"] };
  if (type === "vxlan") {
    for (const f of ["VNI", "Port"] as const) {
      if (b[f] !== undefined && typeof b[f] !== "number") {
        return { ok: false, log: `Error registering network: failed to decode VXLAN backend config: json: cannot unmarshal ${goType(b[f])} into Go struct field .${f} of type int` };
      }
    }
    backend.vni = (b.VNI as number | undefined) ?? 1;
    // Port 0 lets the kernel choose: 8472, the port Linux used before IANA assigned 4789.
    backend.port = (b.Port as number | undefined) || 8472;
  }
  const config: CniConfig = { plugin: "flannel", network, backend };
  const mtu = cniDelegateMTU(cniConf);
  if (mtu !== undefined) config.podMTU = mtu;
  return { ok: true, config };
}

/** The `mtu` pinned in cni-conf.json's flannel delegate (otherwise the plugin uses FLANNEL_MTU). */
export function cniDelegateMTU(cniConf: string | undefined): number | undefined {
  if (!cniConf) return undefined;
  const parsed = parseGoJSON(cniConf);
  if (!parsed.ok) return undefined;
  const conf = parsed.value as { plugins?: { type?: string; delegate?: { mtu?: unknown } }[]; delegate?: { mtu?: unknown } };
  const flannel = conf.plugins?.find((p) => p.type === "flannel") ?? conf;
  const mtu = flannel.delegate?.mtu;
  return typeof mtu === "number" ? mtu : undefined;
}

function goType(v: unknown): string {
  if (typeof v === "string") return "string";
  if (typeof v === "number") return "number";
  if (typeof v === "boolean") return "bool";
  if (Array.isArray(v)) return "array";
  if (v === null) return "null";
  return "object";
}

/**
 * What flanneld logs and how it exits for a given config, for the image's start-up hook (see
 * README: "wiring"): undefined when it starts fine. klog's prefix is added by the log reader.
 */
export function flannelStartupCheck(files: Record<string, string>): { logs: string[]; exitCode: number } | undefined {
  const r = parseFlannelConfig(files[NET_CONF_PATH], files[CNI_CONF_PATH]);
  return r.ok ? undefined : { logs: [r.log], exitCode: 1 };
}
