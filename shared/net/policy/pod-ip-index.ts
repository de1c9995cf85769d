/**
 * Which pod owns a pod-network IP: what a CNI's policy engine and the traffic model ask when a
 * packet carries only an address. hostNetwork pods are left out (they share their node's IP
 * and no NetworkPolicy selects their traffic).
 *
 * A cache derived from the store, outside the state (rebuilt after a restore), kept current by
 * a watch: O(1) per Pod write.
 */
import type { Stored } from "../../k8s/kinds.ts";
import type { Pod } from "../../k8s/schema/pod.ts";
import type { Store } from "../../sim/store.ts";

const indexes = new WeakMap<Store, Map<string, string>>();

function podIPOf(pod: Stored<Pod> | undefined): string | undefined {
  if (!pod || pod.spec.hostNetwork) return undefined;
  return pod.status?.podIP;
}

function indexFor(store: Store): Map<string, string> {
  let idx = indexes.get(store);
  if (idx) return idx;
  const m = new Map<string, string>();
  idx = m;
  indexes.set(store, m);
  for (const p of store.list("Pod")) {
    const ip = podIPOf(p);
    if (ip) m.set(ip, `${p.metadata.namespace}/${p.metadata.name}`);
  }
  store.watch((ev) => {
    if (ev.kind !== "Pod") return;
    const oldIP = podIPOf(ev.old as Stored<Pod> | undefined);
    const newIP = ev.type === "DELETED" ? undefined : podIPOf(ev.object as Stored<Pod>);
    if (oldIP && oldIP !== newIP && m.get(oldIP) === ev.key) m.delete(oldIP);
    if (newIP) m.set(newIP, ev.key);
  });
  return m;
}

/** The pod (not hostNetwork) holding `ip`, if any. */
export function podByIP(store: Store, ip: string): Stored<Pod> | undefined {
  const key = indexFor(store).get(ip);
  return key ? store.get("Pod", key) : undefined;
}
