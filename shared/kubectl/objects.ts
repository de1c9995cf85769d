/**
 * Reading objects the way kubectl asks the API server for them: one by name, or a list in a
 * namespace (or all) narrowed by a label selector and a field selector. Pods found by an
 * equality label use the store's label index, and Events found by involvedObject.uid or .name
 * the event index (shared/sim/event-index.ts), so a 3,000-pod cluster is not scanned.
 */
import { KINDS, objectKey, type Kind, type Stored } from "../k8s/kinds.ts";
import { compileSelector, parseSelector, type LabelRequirement } from "../k8s/labels.ts";
import { err, ok, type Result } from "../util/result.ts";
import type { Cluster } from "../sim/cluster.ts";
import { eventKeysFor, eventKeysNaming } from "../sim/event-index.ts";
import { endpointsForService, type Endpoints } from "./endpoints.ts";
import type { ResourceType } from "./resources.ts";

/** Anything `get` can return: a stored object, or a derived Endpoints. */
export type AnyObject = Stored | Endpoints;

export interface ListQuery {
  /** undefined: all namespaces (or a cluster-scoped type). */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

/** Field selectors each kind's API supports (pkg/registry/.../strategy.go ToSelectableFields). */
const FIELD_LABELS: Partial<Record<string, readonly string[]>> = {
  Pod: ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"],
  Event: ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"],
  Node: ["spec.unschedulable"],
  Namespace: ["status.phase"],
  Secret: ["type"],
  ReplicaSet: ["status.replicas"],
  Job: ["status.successful"],
  Service: ["spec.clusterIP", "spec.type"],
};

interface FieldRequirement {
  field: string;
  equals: boolean;
  value: string;
}

function gvr(t: ResourceType): string {
  return `${t.group ? t.apiVersion : `/${t.apiVersion}`}, Resource=${t.plural}`;
}

/** fields.ParseSelector, then the kind's supported labels; errors as the API server returns them. */
function parseFieldSelector(t: ResourceType, q: ListQuery): Result<FieldRequirement[], string> {
  const expr = q.fieldSelector ?? "";
  const reqs: FieldRequirement[] = [];
  for (const part of expr.split(",")) {
    if (part.trim() === "") continue;
    const m = /^([^=!]*)(==|!=|=)(.*)$/.exec(part);
    if (!m) return err(`error: invalid selector: '${expr}'; can't understand '${part}'`);
    reqs.push({ field: m[1].trim(), equals: m[2] !== "!=", value: m[3].trim() });
  }
  const allowed = ["metadata.name", "metadata.namespace", ...(FIELD_LABELS[t.kind] ?? [])];
  for (const r of reqs) {
    if (!allowed.includes(r.field)) {
      return err(
        `Error from server (BadRequest): Unable to find "${gvr(t)}" that match label selector "${q.labelSelector ?? ""}", field selector "${expr}": field label not supported: ${r.field}`,
      );
    }
  }
  return ok(reqs);
}

function fieldValue(obj: AnyObject, field: string): string {
  if (field === "source") return (obj as { source?: { component?: string } }).source?.component ?? "";
  if (field === "spec.hostNetwork") return String((obj as { spec?: { hostNetwork?: boolean } }).spec?.hostNetwork ?? false);
  if (field === "spec.unschedulable") return String((obj as { spec?: { unschedulable?: boolean } }).spec?.unschedulable ?? false);
  let cur: unknown = obj;
  for (const p of field.split(".")) {
    if (cur === null || typeof cur !== "object") return "";
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur === undefined || cur === null ? "" : String(cur);
}

/** One object by name (Endpoints derived from its Service). */
export function getObject(cluster: Cluster, t: ResourceType, namespace: string, name: string): AnyObject | undefined {
  if (t.kind === "Endpoints") {
    const svc = cluster.get("Service", namespace, name);
    return svc ? endpointsForService(cluster.store, svc) : undefined;
  }
  const kind = t.kind as Kind;
  return cluster.store.get(kind, objectKey(KINDS[kind].namespaced ? namespace : undefined, name));
}

/** Keys of candidate objects, sorted as the API server lists them (namespace, then name). */
function candidateKeys(cluster: Cluster, kind: Kind, namespace: string | undefined, reqs: LabelRequirement[], fields: FieldRequirement[] = []): string[] {
  const store = cluster.store;
  const onNode = kind === "Pod" ? fields.find((f) => f.field === "spec.nodeName" && f.equals && f.value !== "") : undefined;
  if (onNode) {
    const keys = [...store.podKeysOnNode(onNode.value)];
    return (namespace === undefined ? keys : keys.filter((k) => k.startsWith(`${namespace}/`))).sort();
  }
  if (kind === "Event") {
    const byUid = fields.find((f) => f.field === "involvedObject.uid" && f.equals && f.value !== "");
    const byName = fields.find((f) => f.field === "involvedObject.name" && f.equals && f.value !== "");
    if (byUid || byName) {
      const keys = [...(byUid ? eventKeysFor(store, byUid.value) : eventKeysNaming(store, byName!.value))];
      return (namespace === undefined ? keys : keys.filter((k) => k.startsWith(`${namespace}/`))).sort();
    }
  }
  if (kind === "Pod") {
    const eq = reqs.find((r) => r.operator === "=" || r.operator === "==" || (r.operator === "in" && r.values.length === 1));
    if (eq) {
      const keys = [...store.podKeysWithLabel(eq.key, eq.values[0])];
      return (namespace === undefined ? keys : keys.filter((k) => k.startsWith(`${namespace}/`))).sort();
    }
  }
  if (namespace !== undefined && KINDS[kind].namespaced) return [...store.namespaceKeys(kind, namespace)].sort();
  return Object.keys(cluster.state.objects[kind]).sort();
}

/** A list request: `kubectl get pods -n shop -l app=web --field-selector status.phase=Running`. */
export function listObjects(cluster: Cluster, t: ResourceType, q: ListQuery): Result<AnyObject[], string> {
  let reqs: LabelRequirement[];
  try {
    reqs = parseSelector(q.labelSelector ?? "");
  } catch (e) {
    return err(`error: ${(e as Error).message}`);
  }
  const fields = parseFieldSelector(t, q);
  if (!fields.ok) return fields;
  const matches = compileSelector(reqs);
  const keep = (o: AnyObject) => matches(o.metadata.labels) && fields.value.every((f) => (fieldValue(o, f.field) === f.value) === f.equals);
  if (t.kind === "Endpoints") {
    const out: AnyObject[] = [];
    for (const key of candidateKeys(cluster, "Service", q.namespace, [])) {
      const svc = cluster.store.get("Service", key);
      const ep = svc && endpointsForService(cluster.store, svc);
      if (ep && keep(ep)) out.push(ep);
    }
    return ok(out);
  }
  const kind = t.kind as Kind;
  const all = cluster.state.objects[kind] as Record<string, Stored>;
  const out: AnyObject[] = [];
  for (const key of candidateKeys(cluster, kind, q.namespace, reqs, fields.value)) {
    const o = all[key];
    if (o && keep(o)) out.push(o);
  }
  return ok(out);
}
