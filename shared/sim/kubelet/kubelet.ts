/**
 * The kubelet of every node, as one controller. Keys:
 * - `ns/name`: sync that pod (see sync-pod.ts);
 * - `node:<name>`: the node heartbeat (every 10 s; see node-status.ts);
 * - `pods-on:<name>`: re-sync every pod of the node (its podCIDR arrived, its kubelet came back);
 * - `uid:<uid>`: forget the runtime state of a pod removed from the store (force delete).
 *
 * Informer handlers only enqueue: pods bound to a node when their spec or deletion changes
 * (not on status-only writes, which are mostly the kubelet's own), and the pods waiting for a
 * ConfigMap or Secret when it appears.
 */
import type { Stored } from "../../k8s/kinds.ts";
import type { Node } from "../../k8s/schema/node.ts";
import type { Pod } from "../../k8s/schema/pod.ts";
import type { Controller, SimContext } from "../controller.ts";
import { objectRef, podsBlockedOn, setBlockedOn } from "./blocked-index.ts";
import { releasePod } from "./node-accounting.ts";
import { heartbeat, NODE_STATUS_UPDATE_MS } from "./node-status.ts";
import { KUBELET, syncPodKey } from "./sync-pod.ts";

export { readContainerLogs } from "./logs.ts";

function syncNode(ctx: SimContext, nodeName: string): void {
  const result = heartbeat(ctx, nodeName);
  if (result === "not-due") return;
  if (!ctx.store.get("Node", nodeName)) return;
  // One heartbeat chain per node: it keeps ticking while the kubelet is stopped.
  ctx.enqueueAfter(KUBELET, `node:${nodeName}`, NODE_STATUS_UPDATE_MS);
  if (result === "restarted") enqueuePodsOn(ctx, nodeName);
}

function enqueuePodsOn(ctx: SimContext, nodeName: string): void {
  for (const key of [...ctx.store.podKeysOnNode(nodeName)].sort()) ctx.enqueue(KUBELET, key);
}

function forgetPod(ctx: SimContext, uid: string): void {
  const rt = ctx.state.pods[uid];
  if (!rt) return;
  const pod = ctx.store.get("Pod", rt.key);
  if (pod && pod.metadata.uid === uid) return;
  setBlockedOn(ctx.state, rt, []);
  releasePod(ctx.state, rt);
  delete ctx.state.pods[uid];
}

export const kubeletController: Controller = {
  name: KUBELET,
  watches: {
    Pod: (ev, ctx) => {
      const pod = ev.object as Stored<Pod>;
      if (ev.type === "DELETED") {
        if (ctx.state.pods[pod.metadata.uid]) ctx.enqueue(KUBELET, `uid:${pod.metadata.uid}`);
        return;
      }
      if (!pod.spec.nodeName) return;
      const old = ev.old as Stored<Pod> | undefined;
      const becameTerminal = (pod.status?.phase === "Failed" || pod.status?.phase === "Succeeded") && old?.status?.phase !== pod.status?.phase;
      if (old && !becameTerminal && old.spec === pod.spec && old.metadata.deletionTimestamp === pod.metadata.deletionTimestamp) return;
      ctx.enqueue(KUBELET, ev.key);
    },
    Node: (ev, ctx) => {
      if (ev.type === "ADDED") ctx.enqueue(KUBELET, `node:${ev.key}`);
      if (ev.type !== "MODIFIED") return;
      const before = (ev.old as Stored<Node> | undefined)?.spec?.podCIDR;
      if ((ev.object as Stored<Node>).spec?.podCIDR !== before) ctx.enqueue(KUBELET, `pods-on:${ev.key}`);
    },
    ConfigMap: (ev, ctx) => {
      if (ev.type === "DELETED") return;
      const ref = objectRef("ConfigMap", ev.object.metadata.namespace ?? "default", ev.object.metadata.name);
      for (const key of podsBlockedOn(ctx.state, ref)) ctx.enqueue(KUBELET, key);
    },
    Secret: (ev, ctx) => {
      if (ev.type === "DELETED") return;
      const ref = objectRef("Secret", ev.object.metadata.namespace ?? "default", ev.object.metadata.name);
      for (const key of podsBlockedOn(ctx.state, ref)) ctx.enqueue(KUBELET, key);
    },
  },
  sync(key, ctx) {
    if (key.startsWith("node:")) return syncNode(ctx, key.slice(5));
    if (key.startsWith("pods-on:")) return enqueuePodsOn(ctx, key.slice(8));
    if (key.startsWith("uid:")) return forgetPod(ctx, key.slice(4));
    syncPodKey(ctx, key);
  },
};

/**
 * Kill a pod's containers and make it terminal with `reason`/`message` (phase Failed), as the
 * eviction manager's killPodNow does: `killPod(ctx, "shop/web-x", "Evicted", "The node was low
 * on resource: memory. ...")`. Containers get `gracePeriodSeconds` (default 0: SIGKILL at
 * once). The pod object stays (evicted pods are kept until deleted). Returns false when the
 * pod is not running on a live kubelet.
 */
export function killPod(ctx: SimContext, podKey: string, reason: string, message: string, gracePeriodSeconds = 0): boolean {
  const pod = ctx.store.get("Pod", podKey);
  const rt = pod && ctx.state.pods[pod.metadata.uid];
  if (!pod || !rt || rt.rejected || rt.terminal || rt.killedFor) return false;
  rt.killedFor = { reason, message };
  rt.killGraceSeconds = gracePeriodSeconds;
  syncPodKey(ctx, podKey);
  return true;
}
