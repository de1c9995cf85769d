/**
 * The network add-ons' images, to merge into the default registry (DEFAULT_IMAGES). Agents
 * listen on their real health/metrics ports; sizes are the published compressed sizes, roughly.
 */
import type { AppProfileInput } from "../sim/apps/profile.ts";

const Mi = 1024 * 1024;

export const FLANNEL_IMAGE = "docker.io/flannel/flannel:v0.25.6";
export const FLANNEL_CNI_PLUGIN_IMAGE = "docker.io/flannel/flannel-cni-plugin:v1.5.1-flannel2";
export const CALICO_NODE_IMAGE = "docker.io/calico/node:v3.28.1";
export const CALICO_CNI_IMAGE = "docker.io/calico/cni:v3.28.1";
export const KUBE_PROXY_IMAGE = "registry.k8s.io/kube-proxy:v1.30.4";

const flannel: AppProfileInput = {
  sizeBytes: 30_000_000,
  startupMs: 500,
  files: ["/opt/bin/flanneld"],
  memory: { startBytes: 20 * Mi },
  cpuMillis: 5,
  logs: {
    startup: [
      "Search partial match: found the network interface with the node IP",
      "Created subnet manager: Kubernetes Subnet Manager",
      "Installing signal handlers",
    ],
    ready: ["Running backend.", "Wrote subnet file to /run/flannel/subnet.env", "Waiting for all goroutines to exit"],
  },
};

export const NETWORK_IMAGES: Record<string, AppProfileInput> = {
  [FLANNEL_IMAGE]: flannel,
  /** Run as the install-cni-plugin init container (`cp -f /flannel /opt/cni/bin/flannel`): copies and exits 0. */
  [FLANNEL_CNI_PLUGIN_IMAGE]: { sizeBytes: 4_500_000, files: ["/flannel"], exit: { afterMs: 50, code: 0 }, memory: { startBytes: 1 * Mi }, cpuMillis: 0 },
  [CALICO_NODE_IMAGE]: {
    sizeBytes: 120_000_000,
    startupMs: 3000,
    ports: [9099],
    http: { "/liveness": { status: 200, latencyMs: 1 }, "/readiness": { status: 200, latencyMs: 1 } },
    memory: { startBytes: 80 * Mi },
    cpuMillis: 30,
    logs: { startup: ["Starting Calico node", "Using autodetected IPv4 address"], ready: ["Calico node started successfully"] },
  },
  [CALICO_CNI_IMAGE]: { sizeBytes: 90_000_000, files: ["/opt/cni/bin/install"], memory: { startBytes: 1 * Mi }, cpuMillis: 0 },
  [KUBE_PROXY_IMAGE]: {
    sizeBytes: 28_000_000,
    startupMs: 300,
    ports: [10249, 10256],
    http: { "/healthz": { status: 200, latencyMs: 1 }, "/livez": { status: 200, latencyMs: 1 }, "/metrics": { status: 200, latencyMs: 1 } },
    memory: { startBytes: 15 * Mi },
    cpuMillis: 2,
    logs: { startup: ['"Using iptables proxy"', '"Starting service config controller"', '"Starting endpoint slice config controller"'] },
  },
};
