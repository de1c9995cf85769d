import { KIND_NAMES, KINDS, type Kind } from "../../k8s/kinds.ts";
import type { Controller } from "../controller.ts";
import { deleteObject } from "../api/server.ts";
import type { Engine } from "../loop.ts";

const NAME = "namespace";
/** Re-check a terminating namespace this often while its content drains. */
const RESYNC_MS = 1000;

/**
 * The namespace controller: a namespace with a deletionTimestamp has every object in it
 * deleted (pods gracefully), and is removed once it is empty.
 */
export const namespaceController: Controller = {
  name: NAME,
  watches: {
    Namespace: (ev, ctx) => {
      if (ev.type !== "DELETED" && ev.object.metadata.deletionTimestamp) ctx.enqueue(NAME, ev.key);
    },
  },
  sync(key, ctx) {
    const ns = ctx.store.get("Namespace", key);
    if (!ns || !ns.metadata.deletionTimestamp) return;
    let remaining = 0;
    for (const kind of KIND_NAMES) {
      if (!KINDS[kind].namespaced) continue;
      for (const objKey of [...ctx.store.namespaceKeys(kind, key)].sort()) {
        const obj = ctx.store.get(kind as Kind, objKey);
        if (!obj) continue;
        remaining++;
        if (!obj.metadata.deletionTimestamp && kind !== "Event") {
          deleteObject(ctx as Engine, kind, key, obj.metadata.name);
        }
      }
    }
    // Events go last, as they record the deletion of everything else.
    if (remaining > 0 && [...KIND_NAMES].some((k) => KINDS[k].namespaced && k !== "Event" && ctx.store.namespaceKeys(k, key).size > 0)) {
      ctx.enqueueAfter(NAME, key, RESYNC_MS);
      return;
    }
    for (const evKey of [...ctx.store.namespaceKeys("Event", key)].sort()) ctx.store.remove("Event", evKey);
    ctx.store.remove("Namespace", key);
  },
};
