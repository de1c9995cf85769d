/**
 * Which pod `kubectl logs|exec deploy/web` talks to (polymorphichelpers.AttachablePodForObject
 * with controller.ByLogging: scheduled, Running, ready, more restarts, older first) and which
 * container it defaults to (`Defaulted container "a" out of: a, b, init (init)`).
 */
import { objectKey, type Stored } from "../k8s/kinds.ts";
import { compileSelector, type LabelSelector } from "../k8s/labels.ts";
import type { Pod } from "../k8s/schema/pod.ts";
import type { Cluster } from "../sim/cluster.ts";
import { err, ok, type Result } from "../util/result.ts";
import { resolveResourceType, qualifiedResource } from "./resources.ts";

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function isReady(p: Pod): boolean {
  return p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}

function restarts(p: Pod): number {
  return (p.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0);
}

/** controller.ByLogging: the most interesting pod first. */
export function byLogging(a: Stored<Pod>, b: Stored<Pod>): number {
  if (!!a.spec.nodeName !== !!b.spec.nodeName) return a.spec.nodeName ? -1 : 1;
  const pa = PHASE_ORDINAL[a.status?.phase ?? ""] ?? -1;
  const pb = PHASE_ORDINAL[b.status?.phase ?? ""] ?? -1;
  if (pa !== pb) return pb - pa;
  if (isReady(a) !== isReady(b)) return isReady(a) ? -1 : 1;
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  const ca = a.metadata.creationTimestamp;
  const cb = b.metadata.creationTimestamp;
  if (ca !== cb) return ca < cb ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : 1;
}

/** Pods in `namespace` matching a label selector, via the store's label index where possible. */
export function podsMatching(cluster: Cluster, namespace: string, selector: LabelSelector | string): Stored<Pod>[] {
  const match = compileSelector(selector);
  const eq = typeof selector === "string" ? undefined : Object.entries(selector.matchLabels ?? {})[0];
  const keys = eq ? [...cluster.store.podKeysWithLabel(eq[0], eq[1])].filter((k) => k.startsWith(`${namespace}/`)) : [...cluster.store.namespaceKeys("Pod", namespace)];
  return keys
    .sort()
    .map((k) => cluster.store.get("Pod", k)!)
    .filter((p) => p && match(p.metadata.labels));
}

/**
 * Resolve `web-abc`, `pod/web-abc`, `deploy/web`, `svc/web`... to one pod. `note` is the
 * `Found 2 pods, using pod/x` line kubectl writes to stderr.
 */
export function podForObject(cluster: Cluster, namespace: string, arg: string): Result<{ pod: Stored<Pod>; note?: string }, string> {
  const slash = arg.indexOf("/");
  if (slash < 0) {
    const pod = cluster.store.get("Pod", objectKey(namespace, arg));
    return pod ? ok({ pod }) : err(`Error from server (NotFound): pods "${arg}" not found`);
  }
  const typed = arg.slice(0, slash);
  const name = arg.slice(slash + 1);
  const t = resolveResourceType(typed);
  if (!t) return err(`error: the server doesn't have a resource type "${typed}"`);
  if (t.kind === "Pod") {
    const pod = cluster.store.get("Pod", objectKey(namespace, name));
    return pod ? ok({ pod }) : err(`Error from server (NotFound): pods "${name}" not found`);
  }
  let selector: LabelSelector | undefined;
  const key = objectKey(namespace, name);
  switch (t.kind) {
    case "Deployment":
    case "ReplicaSet":
    case "DaemonSet":
    case "Job": {
      const o = cluster.store.get(t.kind, key);
      if (!o) return err(`Error from server (NotFound): ${qualifiedResource(t)} "${name}" not found`);
      selector = o.spec.selector ?? undefined;
      break;
    }
    case "Service": {
      const o = cluster.store.get("Service", key);
      if (!o) return err(`Error from server (NotFound): services "${name}" not found`);
      if (!o.spec.selector) return err(`error: invalid service '${name}': Service is defined without a selector`);
      selector = { matchLabels: o.spec.selector };
      break;
    }
    default:
      return err(`error: cannot attach to ${t.kind}: selector for ${t.kind} not implemented`);
  }
  const pods = podsMatching(cluster, namespace, selector ?? {}).sort(byLogging);
  if (pods.length === 0) return err(`error: timed out waiting for the condition`);
  return ok({ pod: pods[0], ...(pods.length > 1 ? { note: `Found ${pods.length} pods, using pod/${pods[0].metadata.name}` } : {}) });
}

/** podcmd.AllContainerNames: `a, b, init (init)`. */
export function allContainerNames(pod: Pod): string {
  return [...pod.spec.containers.map((c) => c.name), ...(pod.spec.initContainers ?? []).map((c) => `${c.name} (init)`)].join(", ");
}

/**
 * The container a command acts on when -c is not given: the default-container annotation,
 * else the first one (with kubectl's `Defaulted container` note when there was a choice).
 */
export function defaultContainer(pod: Pod): { name: string; note?: string } {
  const annotated = pod.metadata.annotations?.["kubectl.kubernetes.io/default-container"];
  if (annotated && pod.spec.containers.some((c) => c.name === annotated)) return { name: annotated };
  const name = pod.spec.containers[0]?.name ?? "";
  const choice = pod.spec.containers.length > 1 || (pod.spec.initContainers?.length ?? 0) > 0;
  return choice ? { name, note: `Defaulted container "${name}" out of: ${allContainerNames(pod)}` } : { name };
}
