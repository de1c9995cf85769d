/**
 * Events by involvedObject.uid: what `kubectl describe` asks for every object it prints (the
 * API server answers searchEvents with a field selector; we answer it from an index instead of
 * scanning every Event of the namespace).
 *
 * A cache derived from the store (store.derived), outside the state: rebuilt from the stored
 * Events on first use (a restored cluster starts without it) and kept current by a watch,
 * O(1) per Event write. involvedObject.name is indexed too, for the field selector players use.
 */
import type { Stored } from "../k8s/kinds.ts";
import type { KubeEvent } from "../k8s/schema/misc.ts";
import type { Store, WatchEvent } from "./store.ts";

const DERIVED = "event-index";
const EMPTY: ReadonlySet<string> = new Set();

interface EventIndex {
  /** involvedObject.uid ⇒ keys (`namespace/name`) of the Events about it. */
  byUid: Map<string, Set<string>>;
  /** involvedObject.name ⇒ keys (`kubectl get events --field-selector involvedObject.name=X`). */
  byName: Map<string, Set<string>>;
}

function add(ix: Map<string, Set<string>>, uid: string, key: string): void {
  let s = ix.get(uid);
  if (!s) ix.set(uid, (s = new Set()));
  s.add(key);
}

function remove(ix: Map<string, Set<string>>, uid: string, key: string): void {
  const s = ix.get(uid);
  if (!s) return;
  s.delete(key);
  if (s.size === 0) ix.delete(uid);
}

function onWatch(ix: EventIndex, ev: WatchEvent): void {
  if (ev.kind !== "Event") return;
  const before = (ev.old as Stored<KubeEvent> | undefined)?.involvedObject;
  const after = ev.type === "DELETED" ? undefined : (ev.object as Stored<KubeEvent>).involvedObject;
  if (before?.uid !== after?.uid) {
    if (before?.uid !== undefined) remove(ix.byUid, before.uid, ev.key);
    if (after?.uid !== undefined) add(ix.byUid, after.uid, ev.key);
  }
  if (before?.name !== after?.name) {
    if (before?.name !== undefined) remove(ix.byName, before.name, ev.key);
    if (after?.name !== undefined) add(ix.byName, after.name, ev.key);
  }
}

function eventIndex(store: Store): EventIndex {
  let ix = store.derived.get(DERIVED) as EventIndex | undefined;
  if (ix) return ix;
  const built: EventIndex = { byUid: new Map(), byName: new Map() };
  ix = built;
  store.derived.set(DERIVED, built);
  const all = store.state.objects.Event as Record<string, Stored<KubeEvent>>;
  for (const key of Object.keys(all)) {
    const io = all[key].involvedObject;
    if (io.uid !== undefined) add(built.byUid, io.uid, key);
    if (io.name !== undefined) add(built.byName, io.name, key);
  }
  store.watch((ev) => onWatch(built, ev));
  return built;
}

/**
 * Keys of the Events whose involvedObject.uid is `uid`, in any namespace. The set is live
 * (it changes with later writes) and unordered: callers sort what they keep.
 */
export function eventKeysFor(store: Store, uid: string): ReadonlySet<string> {
  return eventIndex(store).byUid.get(uid) ?? EMPTY;
}

/** Keys of the Events whose involvedObject.name is `name` (any kind, any namespace); live and unordered. */
export function eventKeysNaming(store: Store, name: string): ReadonlySet<string> {
  return eventIndex(store).byName.get(name) ?? EMPTY;
}

/** The Events of `namespace` whose involvedObject.uid is `uid`, sorted by name. */
export function eventsFor(store: Store, namespace: string, uid: string): Stored<KubeEvent>[] {
  const prefix = `${namespace}/`;
  const out: Stored<KubeEvent>[] = [];
  for (const key of eventKeysFor(store, uid)) {
    if (!key.startsWith(prefix)) continue;
    const ev = store.get("Event", key);
    if (ev) out.push(ev);
  }
  return out.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
}
