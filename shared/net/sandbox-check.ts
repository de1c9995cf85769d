/**
 * What the CNI plugin binary on a node needs to set up a pod's network, and what the kubelet's
 * runtime network status says. The plugin reads state the agent left on the node (flannel's
 * /run/flannel/subnet.env, calico's /var/lib/calico/nodename): on a node where the agent has
 * never run, every new pod fails with the plugin's real error. Once the agent has run, those
 * files stay (a crash-looping agent does not block new pods; its routes go stale instead).
 */
import type { Store } from "../sim/store.ts";
import type { ClusterState } from "../sim/state.ts";
import { installedAgent } from "./cni-agent.ts";

export type CniCheck = { ok: true } | { ok: false; message: string };

const MESSAGES = {
  flannel: `plugin type="flannel" failed (add): loadFlannelSubnetEnv failed: open /run/flannel/subnet.env: no such file or directory`,
  calico: `plugin type="calico" failed (add): stat /var/lib/calico/nodename: no such file or directory: check that the calico/node container is running and has mounted /var/lib/calico/`,
} as const;

/**
 * Called by the kubelet before it creates a pod sandbox on `nodeName`. `message` is the text
 * after `failed to setup network for sandbox "<id>": ` in the FailedCreatePodSandBox event.
 */
export function cniSandboxCheck(state: ClusterState, store: Store, nodeName: string): CniCheck {
  const net = state.network;
  const plugin = installedAgent(store) ?? (net.cni.agent === "daemonset" ? net.cni.config.plugin : undefined);
  if (!plugin) return { ok: true };
  if (net.cni.nodes[nodeName]?.everProgrammed) return { ok: true };
  return { ok: false, message: MESSAGES[plugin] };
}

/**
 * The container runtime's NetworkReady status for the kubelet's Ready condition: without a CNI
 * config in /etc/cni/net.d (written by the agent pod's install-cni step) the node is NotReady.
 */
export function runtimeNetworkReady(state: ClusterState, store: Store, nodeName: string): { ready: true } | { ready: false; message: string } {
  const check = cniSandboxCheck(state, store, nodeName);
  if (check.ok) return { ready: true };
  return {
    ready: false,
    message: "container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized",
  };
}
