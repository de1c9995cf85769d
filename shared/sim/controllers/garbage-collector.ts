import { KIND_NAMES, type Kind, type KubeObject } from "../../k8s/kinds.ts";
import type { OwnerReference } from "../../k8s/schema/meta.ts";
import { deleteObject } from "../api/server.ts";
import type { Controller, SimContext } from "../controller.ts";
import type { Engine } from "../loop.ts";
import type { WatchEvent } from "../store.ts";

const NAME = "garbage-collector";

/**
 * The garbage collector (pkg/controller/garbagecollector/): an object whose every owner is
 * gone is deleted (background propagation; pods through the API, so they terminate
 * gracefully); references to owners that are gone are removed while another owner remains.
 * Queue keys are `Kind\0key`, the same shape as Store.dependents().
 * Simplification: no foreground deletion (`foregroundDeletion` finalizer) and no check that
 * a namespaced owner lives in the dependent's namespace.
 */
export const garbageCollector: Controller = {
  name: NAME,
  watches: Object.fromEntries(KIND_NAMES.filter((k) => k !== "Event").map((k) => [k, onChange])) as Controller["watches"],
  sync(key, ctx) {
    const sep = key.indexOf("\0");
    const kind = key.slice(0, sep) as Kind;
    const objKey = key.slice(sep + 1);
    const obj = ctx.store.get(kind, objKey);
    if (!obj || obj.metadata.deletionTimestamp) return;
    const refs = obj.metadata.ownerReferences ?? [];
    if (refs.length === 0) return;
    const present = refs.filter((r) => ownerExists(ctx, r));
    if (present.length === refs.length) return;
    if (present.length === 0) {
      deleteObject(ctx as Engine, kind, obj.metadata.namespace, obj.metadata.name, { propagationPolicy: "Background" });
      return;
    }
    ctx.store.update(kind, { ...obj, metadata: { ...obj.metadata, ownerReferences: present } } as KubeObject);
  },
};

function onChange(ev: WatchEvent, ctx: SimContext): void {
  if (ev.type === "DELETED") {
    // Dependents still index the deleted owner's uid.
    for (const dep of [...ctx.store.dependents(ev.object.metadata.uid)].sort()) ctx.enqueue(NAME, dep);
    return;
  }
  const refs = ev.object.metadata.ownerReferences;
  if (!refs || refs.length === 0 || (ev.old && ev.old.metadata.ownerReferences === refs)) return;
  // Created (or re-owned) with a reference to an owner that does not exist.
  if (refs.some((r) => !ownerExists(ctx, r))) ctx.enqueue(NAME, `${ev.kind}\0${ev.key}`);
}

/** The owner is the object with that uid, and of the kind and name the reference says. */
function ownerExists(ctx: SimContext, ref: OwnerReference): boolean {
  const hit = ctx.store.getByUid(ref.uid);
  return !!hit && hit.kind === ref.kind && hit.object.metadata.name === ref.name;
}
