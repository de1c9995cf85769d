import type { Node } from "../../k8s/schema/node.ts";
import type { Pod } from "../../k8s/schema/pod.ts";
import { canonicalJSON } from "../../util/canonical.ts";

/**
 * Which Filter plugins a cluster event may help (each plugin's EventsToRegister in 1.30,
 * without queueing hints, which are off by default there). An unschedulable pod is requeued
 * when one of the plugins that rejected it is interested.
 */
export const NODE_ADD_PLUGINS: ReadonlySet<string> = new Set(["NodeUnschedulable", "NodeName", "TaintToleration", "NodeAffinity", "NodePorts", "NodeResourcesFit"]);
/** AssignedPodDelete (a bound pod deleted, or finished: the scheduler's informer drops terminal pods). */
export const ASSIGNED_POD_DELETE_PLUGINS: ReadonlySet<string> = new Set(["NodePorts", "NodeResourcesFit"]);

/**
 * nodeSchedulingPropertiesChange: the kinds of change in a Node update, and the plugins
 * interested in each. NodeResourcesFit and NodePorts register every Node update; heartbeats
 * (only timestamps move) are no change at all.
 */
export function nodeEventPlugins(old: Node, node: Node): Set<string> {
  const plugins = new Set<string>();
  const any = () => {
    plugins.add("NodeResourcesFit");
    plugins.add("NodePorts");
  };
  if (canonicalJSON(old.status?.allocatable ?? {}) !== canonicalJSON(node.status?.allocatable ?? {})) any();
  if (canonicalJSON(old.metadata.labels ?? {}) !== canonicalJSON(node.metadata.labels ?? {})) {
    any();
    plugins.add("NodeAffinity");
  }
  const taintsChanged = canonicalJSON(old.spec?.taints ?? []) !== canonicalJSON(node.spec?.taints ?? []);
  const cordonChanged = (old.spec?.unschedulable ?? false) !== (node.spec?.unschedulable ?? false);
  if (taintsChanged || cordonChanged) {
    any();
    plugins.add("TaintToleration");
    plugins.add("NodeUnschedulable");
  }
  if (conditionsKey(old) !== conditionsKey(node)) any();
  return plugins;
}

function conditionsKey(node: Node): string {
  return (node.status?.conditions ?? []).map((c) => `${c.type}=${c.status}/${c.reason ?? ""}`).join(",");
}

/** isPodUpdated: a change other than status and server-set metadata may make the pod schedulable. */
export function podIsUpdated(old: Pod, pod: Pod): boolean {
  if (old.spec === pod.spec && old.metadata.labels === pod.metadata.labels && old.metadata.annotations === pod.metadata.annotations) return false;
  const strip = (p: Pod) => canonicalJSON({ spec: p.spec, labels: p.metadata.labels ?? {}, annotations: p.metadata.annotations ?? {} });
  return strip(old) !== strip(pod);
}
