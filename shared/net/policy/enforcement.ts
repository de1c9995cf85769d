/**
 * Whether NetworkPolicy is enforced for a pod: only a CNI plugin with a policy engine does it
 * (calico's Felix programs iptables per node; flannel has none, so policies are accepted by the
 * API server and silently ignored — the classic surprise). Enforcement happens on the node where
 * the selected pod runs: egress on the sender's node, ingress on the receiver's node.
 */
import type { ClusterState } from "../../sim/state.ts";
import { nodeConfig } from "../cni-agent.ts";

/** Plugins with a policy engine. flannel alone has none (canal = flannel + calico's Felix). */
const ENFORCING = new Set<string>(["calico", "canal", "cilium", "weave"]);

/** The plugin that programs `nodeName`: its agent's config when an agent has read one, else the cluster's. */
export function cniPluginOn(state: ClusterState, nodeName: string | undefined): string {
  return nodeName ? nodeConfig(state, nodeName).plugin : state.network.cni.config.plugin;
}

export function policyEnforcedOn(state: ClusterState, nodeName: string | undefined): boolean {
  return ENFORCING.has(cniPluginOn(state, nodeName));
}
