/**
 * Which Service rules each node has. A running kube-proxy programs the live table (Services
 * and EndpointSlices as they are); where it stops, the node keeps the rules of that moment (a
 * frozen table, shared by the nodes that froze in the same tick), and a node where it never ran
 * has no Service rules at all.
 *
 * Simplification: a running kube-proxy applies changes at once (no minSyncPeriod of 1 s).
 */
import type { Pod } from "../../k8s/schema/pod.ts";
import type { Stored } from "../../k8s/kinds.ts";
import type { Store } from "../../sim/store.ts";
import type { ClusterState } from "../../sim/state.ts";
import type { NodeKubeProxy } from "../state.ts";
import { liveServiceTable, type ServiceTable } from "./service-table.ts";

export const KUBE_PROXY = { namespace: "kube-system", daemonSet: "kube-proxy", label: ["k8s-app", "kube-proxy"] } as const;

export function isKubeProxyPod(pod: Pod): boolean {
  return pod.metadata.namespace === KUBE_PROXY.namespace && pod.metadata.labels?.[KUBE_PROXY.label[0]] === KUBE_PROXY.label[1];
}

function kubeProxyRunningOn(store: Store, nodeName: string): boolean {
  for (const key of store.podKeysOnNode(nodeName)) {
    const pod = store.get("Pod", key) as Stored<Pod> | undefined;
    if (!pod || !isKubeProxyPod(pod) || pod.metadata.deletionTimestamp || pod.status?.phase !== "Running") continue;
    const st = pod.status.containerStatuses?.[0]?.state;
    if (st && "running" in st && st.running) return true;
  }
  return false;
}

/** Reconcile one node's kube-proxy; returns whether its state changed. */
export function syncKubeProxyNode(state: ClusterState, store: Store, nodeName: string): boolean {
  const kp = state.network.kubeProxy;
  if (!store.get("Node", nodeName)) {
    const had = nodeName in kp.nodes;
    delete kp.nodes[nodeName];
    prune(state);
    return had;
  }
  if (kp.agent === "implicit" && store.get("DaemonSet", `${KUBE_PROXY.namespace}/${KUBE_PROXY.daemonSet}`)) kp.agent = "daemonset";
  const prev = kp.nodes[nodeName];
  const up = kp.agent === "implicit" || kubeProxyRunningOn(store, nodeName);
  const next: NodeKubeProxy = { up, everSynced: up || !!prev?.everSynced };
  if (!up && prev?.everSynced) {
    if (prev.frozenAt) next.frozenAt = prev.frozenAt;
    else {
      const key = `t${state.tick}`;
      kp.snapshots[key] ??= JSON.parse(JSON.stringify(liveServiceTable(store))) as ServiceTable;
      next.frozenAt = key;
      kp.revision++;
    }
  }
  if (JSON.stringify(prev) === JSON.stringify(next)) return false;
  kp.nodes[nodeName] = next;
  prune(state);
  return true;
}

function prune(state: ClusterState): void {
  const kp = state.network.kubeProxy;
  const used = new Set(Object.values(kp.nodes).map((n) => n.frozenAt));
  for (const key of Object.keys(kp.snapshots)) if (!used.has(key)) delete kp.snapshots[key];
}

/** The Service rules programmed on a node; undefined when kube-proxy never ran there (no KUBE-SERVICES at all). */
export function proxyTableOn(state: ClusterState, store: Store, nodeName: string): ServiceTable | undefined {
  const kp = state.network.kubeProxy;
  if (kp.agent === "implicit") return liveServiceTable(store);
  const n = kp.nodes[nodeName];
  if (!n?.everSynced) return undefined;
  if (n.up) return liveServiceTable(store);
  return (n.frozenAt && kp.snapshots[n.frozenAt]) || {};
}
