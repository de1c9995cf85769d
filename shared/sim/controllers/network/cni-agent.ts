/**
 * The CNI agents (flannel's kube-flannel-ds or calico-node) of every node, as one controller.
 * Keys: a node name (reconcile that node's programming), `all` (every node: an agent DaemonSet
 * appeared). Runs only on changes: a node added/removed or its podCIDR/address changed, or the
 * agent pod on a node started, stopped or restarted. Nothing happens per tick.
 */
import type { Stored } from "../../../k8s/kinds.ts";
import type { Condition } from "../../../k8s/schema/meta.ts";
import type { Node } from "../../../k8s/schema/node.ts";
import type { Pod } from "../../../k8s/schema/pod.ts";
import { formatTimestamp } from "../../../k8s/time.ts";
import { agentPluginOf, CNI_AGENTS, leaseAnnotations, syncNodeNetwork } from "../../../net/cni-agent.ts";
import type { Controller, SimContext } from "../../controller.ts";

export const CNI_AGENT = "cni-agent";

const isAgentDaemonSet = (key: string) => Object.values(CNI_AGENTS).some((a) => key === `${a.namespace}/${a.daemonSet}`);

function agentPodChanged(pod: Pod, old: Pod | undefined): boolean {
  if (!old) return true;
  const a = pod.status?.containerStatuses?.[0];
  const b = old.status?.containerStatuses?.[0];
  return (
    pod.status?.phase !== old.status?.phase ||
    pod.metadata.deletionTimestamp !== old.metadata.deletionTimestamp ||
    a?.containerID !== b?.containerID ||
    JSON.stringify(a?.state) !== JSON.stringify(b?.state)
  );
}

export const cniAgentController: Controller = {
  name: CNI_AGENT,
  watches: {
    Node: (ev, ctx) => {
      const n = ev.object as Stored<Node>;
      const old = ev.old as Stored<Node> | undefined;
      if (ev.type === "MODIFIED" && old && n.spec?.podCIDR === old.spec?.podCIDR && n.status?.addresses === old.status?.addresses) return;
      ctx.enqueue(CNI_AGENT, ev.key);
    },
    Pod: (ev, ctx) => {
      const pod = ev.object as Stored<Pod>;
      if (!pod.spec.nodeName || !agentPluginOf(pod)) return;
      if (ev.type === "DELETED" || agentPodChanged(pod, ev.old as Pod | undefined)) ctx.enqueue(CNI_AGENT, pod.spec.nodeName);
    },
    DaemonSet: (ev, ctx) => {
      if (ev.type !== "MODIFIED" && isAgentDaemonSet(ev.key)) ctx.enqueue(CNI_AGENT, "all");
    },
  },
  sync(key, ctx) {
    if (key === "all") {
      for (const node of ctx.store.list("Node")) ctx.enqueue(CNI_AGENT, node.metadata.name);
      return;
    }
    const r = syncNodeNetwork(ctx.state, ctx.store, key);
    if ((r.changed || r.leaseChanged) && ctx.state.network.cni.agent === "daemonset") publishNodeStatus(ctx, key);
  },
};

/**
 * What the agent writes on its Node: the lease annotations and NetworkUnavailable=False
 * (`FlannelIsUp` / `CalicoIsUp`). Like the real agents it never sets the condition back to True.
 */
function publishNodeStatus(ctx: SimContext, nodeName: string): void {
  const node = ctx.store.get("Node", nodeName);
  const nc = ctx.state.network.cni.nodes[nodeName];
  const lease = ctx.state.network.cni.leases[nodeName];
  if (!node || !nc?.up || !lease) return;
  const plugin = nc.config?.plugin ?? "flannel";
  const annotations = { ...(node.metadata.annotations ?? {}), ...(plugin === "flannel" ? leaseAnnotations(lease) : {}) };
  const conditions = node.status?.conditions ?? [];
  const current = conditions.find((c) => c.type === "NetworkUnavailable");
  const reason = plugin === "flannel" ? "FlannelIsUp" : "CalicoIsUp";
  const message = plugin === "flannel" ? "Flannel is running on this node" : "Calico is running on this node";
  const annotationsSame = JSON.stringify(annotations) === JSON.stringify(node.metadata.annotations ?? {});
  if (annotationsSame && current?.status === "False" && current.reason === reason) return;
  const ts = formatTimestamp(ctx.nowMs());
  const cond: Condition = { type: "NetworkUnavailable", status: "False", reason, message, lastHeartbeatTime: ts, lastTransitionTime: current?.status === "False" ? current.lastTransitionTime : ts };
  const next = [cond, ...conditions.filter((c) => c.type !== "NetworkUnavailable")];
  ctx.store.update("Node", { ...node, metadata: { ...node.metadata, annotations }, status: { ...node.status, conditions: next } });
}
