/**
 * The pod sandbox (pause container + network namespace) and its IP: what makes a pod
 * `PodReadyToStartContainers`. The CNI plugin hands each pod the next free address of the
 * node's spec.podCIDR (host-local IPAM), skipping the network address and the .1 gateway
 * (the bridge, cni0). hostNetwork pods use the node's address and need no CIDR.
 */
import type { Stored } from "../../k8s/kinds.ts";
import type { Node } from "../../k8s/schema/node.ts";
import type { Pod } from "../../k8s/schema/pod.ts";
import { cidrSize, formatIPv4, parseCIDR } from "../../net/cidr.ts";
import { cniSandboxCheck } from "../../net/sandbox-check.ts";
import type { SimContext } from "../controller.ts";
import { nodeTotals } from "./node-accounting.ts";

/** The node's InternalIP (status.hostIP). */
export function nodeInternalIP(node: Stored<Node> | undefined): string | undefined {
  return node?.status?.addresses?.find((a) => a.type === "InternalIP")?.address;
}

/**
 * Why the CNI plugin cannot set up a pod network on this node right now, as the runtime's
 * error (the text after `failed to setup network for sandbox "<id>": `), or undefined when it
 * can. The one place that decides: the networking work extends it (CNI agent down, ...).
 * Without a podCIDR, flannel has no subnet.env to read, the most common real cause.
 */
export function sandboxNetworkError(ctx: SimContext, _pod: Stored<Pod>, node: Stored<Node>): string | undefined {
  if (!node.spec?.podCIDR) {
    return `plugin type="flannel" failed (add): loadFlannelSubnetEnv failed: open /run/flannel/subnet.env: no such file or directory`;
  }
  // The CNI plugin on this node must have been set up by its agent (flannel's subnet.env, calico's config).
  const cni = cniSandboxCheck(ctx.state, ctx.store, node.metadata.name);
  if (!cni.ok) return cni.message;
  return undefined;
}

/** The FailedCreatePodSandBox event message for a network error. */
export function failedCreateSandboxMessage(sandboxId: string, networkError: string): string {
  return `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "${sandboxId}": ${networkError}`;
}

/**
 * The lowest free address of the node's pod CIDR, from .2 up. Addresses in use are those of
 * the node's pods the kubelet still holds a sandbox for (read from the kubelet's state, so a
 * pod's address is free again as soon as the pod is gone).
 *
 * Simplification: host-local IPAM continues after the last address it handed out (so a new
 * pod rarely reuses a fresh address); we take the lowest free one, which keeps no extra state.
 */
export function allocatePodIP(ctx: SimContext, node: Stored<Node>): string | undefined {
  const cidr = node.spec?.podCIDR;
  if (!cidr) return undefined;
  const block = parseCIDR(cidr);
  const used = nodeTotals(ctx.state, node.metadata.name).ips;
  const size = cidrSize(block);
  for (let i = 2; i < size - 1; i++) {
    const ip = formatIPv4(block.base + i);
    if (!used.has(ip)) return ip;
  }
  return undefined;
}
