import type { Kind, KubeObject } from "../../k8s/kinds.ts";
import type { ApiError } from "../../k8s/errors.ts";
import { ok, type Result } from "../../util/result.ts";
import type { Store } from "../store.ts";
import { admit } from "./admission.ts";
import type { Admitter } from "./server.ts";

/**
 * Admission of the pods a controller creates from its template, cached: a ReplicaSet's pods
 * differ only in their generated name, and admission (decoding, defaulting, the mutating
 * plugins, validation) does not look at the name except to put it in error messages. So the
 * first pod is admitted in full and the next ones reuse its result with their own name; a
 * rejection is never cached (the next pod is admitted in full and gets its own message).
 *
 * What else admission reads from the cluster is the PriorityClasses (the Priority plugin): any
 * write to one drops the cache. Cache entries are per template object (stored objects are
 * immutable, so a changed template is a new object) and per owner uid (the ownerReference).
 * Derived data in store.derived: a restored cluster starts empty and admits in full once.
 * test/shared/sim/api/template-admission.test.ts checks that both paths give the same pod.
 */
const DERIVED = "pod-template-admission";

interface AdmissionCache {
  byTemplate: WeakMap<object, Map<string, KubeObject>>;
}

function cacheOf(store: Store): AdmissionCache {
  let cache = store.derived.get(DERIVED) as AdmissionCache | undefined;
  if (!cache) {
    const created: AdmissionCache = { byTemplate: new WeakMap() };
    store.watch((ev) => {
      if (ev.kind === "PriorityClass") created.byTemplate = new WeakMap();
    });
    store.derived.set(DERIVED, (cache = created));
  }
  return cache;
}

/**
 * An Admitter for createObject, for pods built by createPodFromTemplate from `template` for
 * the owner with `ownerUid` (and nothing else changed: the caller guarantees that every body
 * it admits under this key differs from the others only in metadata.name).
 */
export function templateAdmitter(store: Store, template: object, ownerUid: string): Admitter {
  return (kind: Kind, body: unknown): Result<KubeObject, ApiError> => {
    const name = (body as { metadata: { name: string } }).metadata.name;
    const cache = cacheOf(store);
    let perOwner = cache.byTemplate.get(template);
    const hit = perOwner?.get(ownerUid);
    if (hit) return ok({ ...hit, metadata: { ...hit.metadata, name } } as KubeObject);
    const r = admit(kind, body, undefined, store);
    if (r.ok && kind === "Pod") {
      if (!perOwner) cache.byTemplate.set(template, (perOwner = new Map()));
      perOwner.set(ownerUid, r.value);
    }
    return r;
  };
}
