/**
 * kube-proxy of every node, as one controller: it tracks on which nodes kube-proxy runs (keys
 * are node names; `all` when the kube-proxy DaemonSet appears). The rules themselves are derived
 * from Services and EndpointSlices on demand (service-table.ts); this controller only freezes a
 * node's rules when its kube-proxy stops, and unfreezes them when it runs again.
 */
import type { Stored } from "../../../k8s/kinds.ts";
import type { Pod } from "../../../k8s/schema/pod.ts";
import { isKubeProxyPod, KUBE_PROXY, syncKubeProxyNode } from "../../../net/kube-proxy/programmed.ts";
import type { Controller } from "../../controller.ts";

export const KUBE_PROXY_CONTROLLER = "kube-proxy";

export const kubeProxyController: Controller = {
  name: KUBE_PROXY_CONTROLLER,
  watches: {
    Node: (ev, ctx) => {
      if (ev.type !== "MODIFIED") ctx.enqueue(KUBE_PROXY_CONTROLLER, ev.key);
    },
    Pod: (ev, ctx) => {
      const pod = ev.object as Stored<Pod>;
      if (!pod.spec.nodeName || !isKubeProxyPod(pod)) return;
      const old = ev.old as Pod | undefined;
      if (ev.type === "MODIFIED" && old && old.status?.phase === pod.status?.phase && old.metadata.deletionTimestamp === pod.metadata.deletionTimestamp
        && JSON.stringify(old.status?.containerStatuses?.[0]?.state) === JSON.stringify(pod.status?.containerStatuses?.[0]?.state)) return;
      ctx.enqueue(KUBE_PROXY_CONTROLLER, pod.spec.nodeName);
    },
    DaemonSet: (ev, ctx) => {
      if (ev.type !== "MODIFIED" && ev.key === `${KUBE_PROXY.namespace}/${KUBE_PROXY.daemonSet}`) ctx.enqueue(KUBE_PROXY_CONTROLLER, "all");
    },
  },
  sync(key, ctx) {
    if (key === "all") {
      for (const node of ctx.store.list("Node")) ctx.enqueue(KUBE_PROXY_CONTROLLER, node.metadata.name);
      return;
    }
    syncKubeProxyNode(ctx.state, ctx.store, key);
  },
};
