import type { z } from "zod";
import type { ObjectMeta } from "./schema/meta.ts";
import { podSchema, type Pod } from "./schema/pod.ts";
import { nodeSchema, type Node } from "./schema/node.ts";
import {
  daemonSetSchema,
  deploymentSchema,
  jobSchema,
  replicaSetSchema,
  type DaemonSet,
  type Deployment,
  type Job,
  type ReplicaSet,
} from "./schema/workloads.ts";
import { endpointSliceSchema, serviceSchema, type EndpointSlice, type Service } from "./schema/service.ts";
import { ingressSchema, networkPolicySchema, type Ingress, type NetworkPolicy } from "./schema/networking.ts";
import {
  configMapSchema,
  eventSchema,
  namespaceSchema,
  priorityClassSchema,
  secretSchema,
  type ConfigMap,
  type KubeEvent,
  type Namespace,
  type PriorityClass,
  type Secret,
} from "./schema/misc.ts";

/** Every kind the simulator stores, by its `kind` string. */
export interface KindMap {
  Namespace: Namespace;
  Node: Node;
  Pod: Pod;
  Deployment: Deployment;
  ReplicaSet: ReplicaSet;
  DaemonSet: DaemonSet;
  Job: Job;
  Service: Service;
  EndpointSlice: EndpointSlice;
  ConfigMap: ConfigMap;
  Secret: Secret;
  Event: KubeEvent;
  PriorityClass: PriorityClass;
  Ingress: Ingress;
  NetworkPolicy: NetworkPolicy;
}
export type Kind = keyof KindMap;
export type KubeObject = KindMap[Kind];

/** What every stored object has once the store has accepted it. */
export type Stored<T extends KubeObject = KubeObject> = T & {
  metadata: ObjectMeta & { name: string; uid: string; resourceVersion: string; creationTimestamp: string };
};

export interface KindInfo {
  kind: Kind;
  apiVersion: string;
  namespaced: boolean;
  /** The resource name kubectl and the API use: `pods`, `deployments`... */
  plural: string;
  singular: string;
  shortNames: string[];
  /** `kubectl get` prints `deployment.apps/web`: the group part of that. */
  group: string;
  schema: z.ZodType;
}

const info = (
  kind: Kind,
  apiVersion: string,
  namespaced: boolean,
  plural: string,
  shortNames: string[],
  schema: z.ZodType,
): KindInfo => ({
  kind,
  apiVersion,
  namespaced,
  plural,
  singular: kind.toLowerCase(),
  shortNames,
  group: apiVersion.includes("/") ? apiVersion.split("/")[0] : "",
  schema,
});

/** Order matters: it is the order `kubectl get all`-style listings and the hash walk use. */
export const KINDS: Record<Kind, KindInfo> = {
  Namespace: info("Namespace", "v1", false, "namespaces", ["ns"], namespaceSchema),
  Node: info("Node", "v1", false, "nodes", ["no"], nodeSchema),
  PriorityClass: info("PriorityClass", "scheduling.k8s.io/v1", false, "priorityclasses", ["pc"], priorityClassSchema),
  ConfigMap: info("ConfigMap", "v1", true, "configmaps", ["cm"], configMapSchema),
  Secret: info("Secret", "v1", true, "secrets", [], secretSchema),
  Deployment: info("Deployment", "apps/v1", true, "deployments", ["deploy"], deploymentSchema),
  ReplicaSet: info("ReplicaSet", "apps/v1", true, "replicasets", ["rs"], replicaSetSchema),
  DaemonSet: info("DaemonSet", "apps/v1", true, "daemonsets", ["ds"], daemonSetSchema),
  Job: info("Job", "batch/v1", true, "jobs", [], jobSchema),
  Pod: info("Pod", "v1", true, "pods", ["po"], podSchema),
  Service: info("Service", "v1", true, "services", ["svc"], serviceSchema),
  EndpointSlice: info("EndpointSlice", "discovery.k8s.io/v1", true, "endpointslices", [], endpointSliceSchema),
  Ingress: info("Ingress", "networking.k8s.io/v1", true, "ingresses", ["ing"], ingressSchema),
  NetworkPolicy: info("NetworkPolicy", "networking.k8s.io/v1", true, "networkpolicies", ["netpol"], networkPolicySchema),
  Event: info("Event", "v1", true, "events", ["ev"], eventSchema),
};
export const KIND_NAMES = Object.keys(KINDS) as Kind[];

export function isKind(s: string): s is Kind {
  return Object.prototype.hasOwnProperty.call(KINDS, s);
}

/** Store key of a namespaced or cluster-scoped object: `ns/name` or `name`. */
export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export function keyOf(obj: KubeObject): string {
  return objectKey(obj.metadata.namespace, obj.metadata.name ?? "");
}
