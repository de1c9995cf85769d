import { KINDS, isKind, objectKey, type Kind, type KindMap, type KubeObject, type Stored } from "../../k8s/kinds.ts";
import { alreadyExists, badRequest, forbidden, invalid, notFound, type ApiError } from "../../k8s/errors.ts";
import { formatTimestamp } from "../../k8s/time.ts";
import { canonicalJSON } from "../../util/canonical.ts";
import { err, ok, type Result } from "../../util/result.ts";
import type { Engine } from "../loop.ts";
import { randomSuffix } from "../rng.ts";
import { admit } from "./admission.ts";

/** `pods`, `deployments.apps`: how API errors name a resource. */
export function resourceName(kind: Kind): string {
  const i = KINDS[kind];
  return i.group ? `${i.plural}.${i.group}` : i.plural;
}

/** `Deployment.apps`: how validation errors name a kind. */
export function kindWithGroup(kind: Kind): string {
  const i = KINDS[kind];
  return i.group ? `${kind}.${i.group}` : kind;
}

export interface Decoded {
  kind: Kind;
  namespace: string | undefined;
  name: string | undefined;
  object: Record<string, unknown> & { metadata: Record<string, unknown> };
}

/** Recognise the kind and version of a raw object, as the API server's decoder does. */
export function decode(input: unknown, defaultNamespace = "default"): Result<Decoded, ApiError> {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    return err(badRequest("the object provided is not a JSON/YAML object"));
  }
  const raw = input as Record<string, unknown>;
  if (typeof raw.kind !== "string" || raw.kind === "") return err(badRequest("Object 'Kind' is missing in the object"));
  if (typeof raw.apiVersion !== "string" || raw.apiVersion === "") {
    return err(badRequest(`Object 'apiVersion' is missing in the object of kind "${raw.kind}"`));
  }
  if (!isKind(raw.kind) || KINDS[raw.kind].apiVersion !== raw.apiVersion) {
    return err(badRequest(`no matches for kind "${raw.kind}" in version "${raw.apiVersion}"`));
  }
  const kind = raw.kind;
  const meta = raw.metadata;
  if (meta !== undefined && (meta === null || typeof meta !== "object" || Array.isArray(meta))) {
    return err(badRequest(`${kind} in version "${raw.apiVersion}" cannot be handled as a ${kind}: metadata must be an object`));
  }
  const metadata = { ...((meta as Record<string, unknown>) ?? {}) };
  const namespaced = KINDS[kind].namespaced;
  if (namespaced) metadata.namespace = typeof metadata.namespace === "string" && metadata.namespace ? metadata.namespace : defaultNamespace;
  else delete metadata.namespace;
  const name = typeof metadata.name === "string" && metadata.name ? metadata.name : undefined;
  return ok({ kind, namespace: metadata.namespace as string | undefined, name, object: { ...raw, metadata } });
}

function checkNamespace(engine: Engine, kind: Kind, namespace: string | undefined): ApiError | undefined {
  if (!KINDS[kind].namespaced || !namespace) return undefined;
  const ns = engine.store.get("Namespace", namespace);
  if (!ns) return notFound("namespaces", namespace);
  if (ns.metadata.deletionTimestamp && kind !== "Event") {
    return forbidden(`${resourceName(kind)} "${"name"}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`);
  }
  return undefined;
}

/** What createObject runs between decoding and storage: admission (admission.ts), or a cache of it. */
export type Admitter = (kind: Kind, body: unknown) => Result<KubeObject, ApiError>;

/** POST: create a new object (generateName honoured). */
export function createObject(engine: Engine, input: unknown, defaultNamespace?: string, admitter?: Admitter): Result<Stored, ApiError> {
  const d = decode(input, defaultNamespace);
  if (!d.ok) return d;
  const { kind, namespace } = d.value;
  let name = d.value.name;
  const gen = d.value.object.metadata.generateName;
  if (!name && typeof gen === "string" && gen) name = gen + randomSuffix(engine.state.rng);
  if (!name) {
    return err(invalid(kindWithGroup(kind), "", [{ field: "metadata.name", type: "Required", detail: "name or generateName is required" }]));
  }
  const nsErr = checkNamespace(engine, kind, namespace);
  if (nsErr) return err(nsErr.reason === "Forbidden" ? forbidden(nsErr.message.replace('"name"', `"${name}"`)) : nsErr);
  if (engine.store.get(kind, objectKey(namespace, name))) return err(alreadyExists(resourceName(kind), name));
  const body = { ...d.value.object, metadata: { ...d.value.object.metadata, name } as Record<string, unknown> };
  // Server-owned metadata a client may not set on create.
  for (const f of ["uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp"]) delete body.metadata[f];
  const admitted = admitter ? admitter(kind, body) : admit(kind, body, undefined, engine.store);
  if (!admitted.ok) return admitted;
  return ok(engine.store.create(kind, admitted.value as KindMap[typeof kind]) as Stored);
}

/** PUT: replace an existing object's desired state; status and server-owned metadata are kept. */
export function updateObject(engine: Engine, input: unknown, defaultNamespace?: string): Result<Stored, ApiError> {
  const d = decode(input, defaultNamespace);
  if (!d.ok) return d;
  const { kind, namespace, name } = d.value;
  if (!name) return err(invalid(kindWithGroup(kind), "", [{ field: "metadata.name", type: "Required", detail: "name is required" }]));
  const old = engine.store.get(kind, objectKey(namespace, name));
  if (!old) return err(notFound(resourceName(kind), name));
  const rv = d.value.object.metadata.resourceVersion;
  if (typeof rv === "string" && rv !== "" && rv !== old.metadata.resourceVersion) {
    return err({
      reason: "Conflict",
      code: 409,
      message: `Operation cannot be fulfilled on ${resourceName(kind)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    });
  }
  const body = {
    ...d.value.object,
    metadata: {
      ...d.value.object.metadata,
      uid: old.metadata.uid,
      creationTimestamp: old.metadata.creationTimestamp,
      ...(old.metadata.deletionTimestamp ? { deletionTimestamp: old.metadata.deletionTimestamp } : {}),
      ...(old.metadata.deletionGracePeriodSeconds !== undefined
        ? { deletionGracePeriodSeconds: old.metadata.deletionGracePeriodSeconds }
        : {}),
    },
  };
  // Nodes post their own status; for every other kind `status` belongs to the controllers.
  if (kind !== "Node" && "status" in old) (body as Record<string, unknown>).status = (old as { status?: unknown }).status;
  const admitted = admit(kind, body, old, engine.store);
  if (!admitted.ok) return admitted;
  // An update that changes nothing is not written: no new resourceVersion, no controller wake-up.
  if (sameContent(admitted.value, old)) return ok(old as Stored);
  return ok(engine.store.update(kind, admitted.value as KindMap[typeof kind]) as Stored);
}

/** `kubectl apply`: create when absent, otherwise update (the given fields replace the old ones). */
export function applyObject(engine: Engine, input: unknown, defaultNamespace?: string): Result<{ object: Stored; created: boolean; unchanged: boolean }, ApiError> {
  const d = decode(input, defaultNamespace);
  if (!d.ok) return d;
  const { kind, namespace, name } = d.value;
  const old = name ? engine.store.get(kind, objectKey(namespace, name)) : undefined;
  if (!old) {
    const r = createObject(engine, input, defaultNamespace);
    return r.ok ? ok({ object: r.value, created: true, unchanged: false }) : r;
  }
  const body = { ...d.value.object, metadata: { ...d.value.object.metadata } };
  delete body.metadata.resourceVersion;
  const before = old.metadata.resourceVersion;
  const r = updateObject(engine, body, defaultNamespace);
  if (!r.ok) return r;
  return ok({ object: r.value, created: false, unchanged: r.value.metadata.resourceVersion === before });
}

export interface DeleteOptions {
  /** Overrides the pod's terminationGracePeriodSeconds; 0 with `force` removes at once. */
  gracePeriodSeconds?: number;
  /** Background (default): dependents are deleted by the garbage collector. Orphan: they are kept. */
  propagationPolicy?: "Background" | "Foreground" | "Orphan";
}

/**
 * DELETE. Pods on a node get a deletionTimestamp and are removed by their kubelet once their
 * containers stopped (so a pod on a dead node stays Terminating, as on a real cluster, unless
 * force-deleted with a zero grace period). Namespaces turn Terminating and are emptied by the
 * namespace controller. Everything else is removed at once and the garbage collector deletes
 * its dependents.
 */
export function deleteObject(engine: Engine, kind: Kind, namespace: string | undefined, name: string, opts: DeleteOptions = {}): Result<Stored, ApiError> {
  const ns = KINDS[kind].namespaced ? namespace ?? "default" : undefined;
  const key = objectKey(ns, name);
  const store = engine.store;
  const obj = store.get(kind, key);
  if (!obj) return err(notFound(resourceName(kind), name));
  if (opts.propagationPolicy === "Orphan") orphanDependents(engine, obj);
  const now = engine.nowMs();
  if (kind === "Pod") {
    const pod = obj as Stored<KindMap["Pod"]>;
    const grace = opts.gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
    if (!pod.spec.nodeName || grace === 0 || (pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed")) {
      return ok(store.remove("Pod", key) as Stored);
    }
    if (pod.metadata.deletionTimestamp) {
      // A second delete may only shorten the grace period, as the API server allows.
      const remaining = pod.metadata.deletionGracePeriodSeconds ?? grace;
      if (grace >= remaining) return ok(pod as Stored);
    }
    const updated = store.update("Pod", {
      ...pod,
      metadata: { ...pod.metadata, deletionTimestamp: formatTimestamp(now + grace * 1000), deletionGracePeriodSeconds: grace },
    });
    return ok(updated as Stored);
  }
  if (kind === "Namespace") {
    if (["default", "kube-system", "kube-public", "kube-node-lease"].includes(name)) {
      return err(forbidden(`namespaces "${name}" is forbidden: this namespace may not be deleted`));
    }
    if (obj.metadata.deletionTimestamp) return ok(obj);
    const updated = store.update("Namespace", {
      ...(obj as Stored<KindMap["Namespace"]>),
      metadata: { ...obj.metadata, deletionTimestamp: formatTimestamp(now) },
      status: { phase: "Terminating" },
    });
    return ok(updated as Stored);
  }
  return ok(store.remove(kind, key) as Stored);
}

function sameContent(a: object, b: object): boolean {
  const strip = (o: object) => {
    const m = (o as { metadata: Record<string, unknown> }).metadata;
    const { resourceVersion: _rv, generation: _g, ...meta } = m;
    return canonicalJSON({ ...o, metadata: meta });
  };
  return strip(a) === strip(b);
}

function orphanDependents(engine: Engine, owner: Stored): void {
  for (const ref of [...engine.store.dependents(owner.metadata.uid)].sort()) {
    const [kind, key] = ref.split("\0") as [Kind, string];
    const dep = engine.store.get(kind, key);
    if (!dep) continue;
    const owners = (dep.metadata.ownerReferences ?? []).filter((o) => o.uid !== owner.metadata.uid);
    engine.store.update(kind, { ...dep, metadata: { ...dep.metadata, ownerReferences: owners.length ? owners : undefined } } as KubeObject);
  }
}
