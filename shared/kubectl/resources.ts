/**
 * Resource type names as kubectl's RESTMapper resolves them: plural, singular, short names,
 * the Kind, and the `.group` forms (`deployments.apps`, `deploy.apps`), case-insensitively.
 * Endpoints is served too: it is derived from the EndpointSlices (see endpoints.ts).
 */
import { KINDS, KIND_NAMES, type Kind } from "../k8s/kinds.ts";

export type ResourceKind = Kind | "Endpoints";

export interface ResourceType {
  kind: ResourceKind;
  plural: string;
  singular: string;
  shortNames: string[];
  /** "" for the core group. */
  group: string;
  apiVersion: string;
  namespaced: boolean;
  /** Endpoints: read-only view. */
  derived?: boolean;
}

export const ENDPOINTS_TYPE: ResourceType = {
  kind: "Endpoints",
  plural: "endpoints",
  singular: "endpoints",
  shortNames: ["ep"],
  group: "",
  apiVersion: "v1",
  namespaced: true,
  derived: true,
};

/** Every resource type the simulated API server serves, in `kubectl api-resources` order (core first, then by group). */
export const RESOURCE_TYPES: readonly ResourceType[] = [
  ...KIND_NAMES.map((k): ResourceType => {
    const i = KINDS[k];
    return { kind: k, plural: i.plural, singular: i.singular, shortNames: i.shortNames, group: i.group, apiVersion: i.apiVersion, namespaced: i.namespaced };
  }),
  ENDPOINTS_TYPE,
].sort((a, b) => (a.group === b.group ? (a.plural < b.plural ? -1 : 1) : a.group < b.group ? -1 : 1));

const BY_NAME = new Map<string, ResourceType>();
for (const t of RESOURCE_TYPES) {
  for (const n of [t.plural, t.singular, t.kind.toLowerCase(), ...t.shortNames]) {
    BY_NAME.set(n, t);
    if (t.group) BY_NAME.set(`${n}.${t.group}`, t);
    BY_NAME.set(`${n}.${t.apiVersion.split("/").reverse().join(".")}`, t);
  }
}

/** The type for what a player typed (`po`, `Deployments`, `deployment.apps`), or undefined. */
export function resolveResourceType(typed: string): ResourceType | undefined {
  return BY_NAME.get(typed.toLowerCase());
}

export function typeOfKind(kind: ResourceKind): ResourceType {
  return RESOURCE_TYPES.find((t) => t.kind === kind)!;
}

/** `pods`, `deployments.apps`: how API errors and `-o name` name a resource. */
export function qualifiedResource(t: ResourceType): string {
  return t.group ? `${t.plural}.${t.group}` : t.plural;
}

/** `pod`, `deployment.apps`: the prefix of `-o name` and of `deployment.apps/web scaled`. */
export function kindPrefix(t: ResourceType): string {
  return t.group ? `${t.kind.toLowerCase()}.${t.group}` : t.kind.toLowerCase();
}

/** The `kubectl get all` category, in kubectl's order (pods, services, daemonsets, deployments, replicasets, jobs). */
export const ALL_CATEGORY: readonly ResourceKind[] = ["Pod", "Service", "DaemonSet", "Deployment", "ReplicaSet", "Job"];

/** Every name completion may offer for a resource type. */
export function resourceTypeNames(): string[] {
  return [...BY_NAME.keys()].filter((n) => !n.includes(".")).sort();
}
