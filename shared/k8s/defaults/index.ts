/**
 * API defaulting of one object, as the API server applies it when it decodes a request
 * (pkg/apis/{core,apps,batch,scheduling}/v1/defaults.go), plus the Pod admission plugins that
 * need no cluster state (ServiceAccount, DefaultTolerationSeconds). Pure: no allocation, no
 * lookups; the input is never modified. admission.ts adds what needs the store.
 */
import type { Kind, KindMap } from "../kinds.ts";
import type { Namespace, PriorityClass, Secret } from "../schema/misc.ts";
import type { Node } from "../schema/node.ts";
import type { Pod } from "../schema/pod.ts";
import { admitDefaultTolerationSeconds, admitServiceAccount } from "./pod-admission.ts";
import { canonicalResourceList, defaultPodOnly, defaultPodSpec } from "./pod.ts";
import { defaultService } from "./service.ts";
import { defaultDaemonSet, defaultDeployment, defaultJob, defaultReplicaSet } from "./workloads.ts";

/** base64 of the UTF-8 bytes, as Go's []byte fields are encoded in JSON. */
export function base64OfString(s: string): string {
  let bin = "";
  for (const b of new TextEncoder().encode(s)) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** Secret: type Opaque; stringData is write-only, merged into data (it wins on conflicts). */
export function defaultSecret(s: Secret): Secret {
  const { stringData, ...rest } = s;
  const out: Secret = { ...rest, type: s.type || "Opaque" };
  if (stringData && Object.keys(stringData).length) {
    const data = { ...(s.data ?? {}) };
    for (const k of Object.keys(stringData)) data[k] = base64OfString(stringData[k]);
    out.data = data;
  }
  return out;
}

/** Namespace: the kubernetes.io/metadata.name label (always equal to the name) and phase Active. */
export function defaultNamespace(ns: Namespace): Namespace {
  const name = ns.metadata.name;
  const labels = name ? { ...(ns.metadata.labels ?? {}), "kubernetes.io/metadata.name": name } : ns.metadata.labels;
  return { ...ns, metadata: { ...ns.metadata, labels }, spec: { finalizers: ["kubernetes"], ...(ns.spec ?? {}) }, status: ns.status ?? { phase: "Active" } };
}

export function defaultPod(pod: Pod): Pod {
  let spec = defaultPodOnly(defaultPodSpec(pod.spec));
  spec = admitDefaultTolerationSeconds(admitServiceAccount(spec));
  return { ...pod, spec };
}

function defaultNode(node: Node): Node {
  const status = node.status;
  if (!status?.capacity) return node;
  const capacity = canonicalResourceList(status.capacity);
  const allocatable = status.allocatable ? canonicalResourceList(status.allocatable) : capacity;
  return { ...node, status: { ...status, capacity, allocatable } };
}

function defaultPriorityClass(pc: PriorityClass): PriorityClass {
  return pc.preemptionPolicy ? pc : { ...pc, preemptionPolicy: "PreemptLowerPriority" };
}

/** The object as the API server would store it after defaulting (no ClusterIP, priority or uid yet). */
export function defaultObject<K extends Kind>(kind: K, obj: KindMap[K]): KindMap[K] {
  const o = obj as KindMap[Kind];
  switch (kind) {
    case "Pod":
      return defaultPod(o as Pod) as KindMap[K];
    case "Deployment":
      return defaultDeployment(o as KindMap["Deployment"]) as KindMap[K];
    case "ReplicaSet":
      return defaultReplicaSet(o as KindMap["ReplicaSet"]) as KindMap[K];
    case "DaemonSet":
      return defaultDaemonSet(o as KindMap["DaemonSet"]) as KindMap[K];
    case "Job":
      return defaultJob(o as KindMap["Job"]) as KindMap[K];
    case "Service":
      return defaultService(o as KindMap["Service"]) as KindMap[K];
    case "Secret":
      return defaultSecret(o as Secret) as KindMap[K];
    case "Namespace":
      return defaultNamespace(o as Namespace) as KindMap[K];
    case "PriorityClass":
      return defaultPriorityClass(o as PriorityClass) as KindMap[K];
    case "Node":
      return defaultNode(o as Node) as KindMap[K];
    default:
      return obj;
  }
}
