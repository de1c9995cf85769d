import type { Stored } from "../../../k8s/kinds.ts";
import type { EndpointSlice, Service } from "../../../k8s/schema/service.ts";
import type { Store } from "../../store.ts";
import { CONTROLLER_NAME, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, endpointPodKey, managedSelector } from "./pod-endpoint.ts";

/**
 * What the EndpointSlice controller derives from the objects so that a pod change costs only
 * the Services that select it: Service selectors indexed by one of their label pairs, managed
 * slices by Service, and which Services have been fully reconciled since the index was built
 * (the others get a full reconcile on their next sync). A cache, not state: after a restore it
 * is rebuilt from the store and every Service starts with a full reconcile.
 */
export interface EndpointsIndex {
  /** Service key ⇒ its selector as sorted [key, value] pairs. */
  selectors: Map<string, [string, string][]>;
  /** `namespace\0key=value` of a selector's first pair ⇒ Service keys. */
  byAnchor: Map<string, Set<string>>;
  /** `namespace/service` ⇒ keys of slices labelled as ours for it. */
  slicesByService: Map<string, Set<string>>;
  /** Service key ⇒ pod key ⇒ name of the managed slice listing that pod. */
  locations: Map<string, Map<string, string>>;
  /** Services whose slices match what a full reconcile computed; only dirty pods can change that. */
  synced: Set<string>;
  /** Service key ⇒ pods changed since its last sync. */
  dirty: Map<string, Set<string>>;
  /** True while this controller writes slices: their watch events are its own (endpointSliceTracker). */
  selfWrite: boolean;
  /** Number of syncs that did work, per Service (for tests and diagnostics). */
  syncs: Map<string, number>;
}

export function endpointsIndex(store: Store): EndpointsIndex {
  let ix = store.derived.get("endpointslice") as EndpointsIndex | undefined;
  if (ix) return ix;
  ix = { selectors: new Map(), byAnchor: new Map(), slicesByService: new Map(), locations: new Map(), synced: new Set(), dirty: new Map(), selfWrite: false, syncs: new Map() };
  store.derived.set("endpointslice", ix);
  for (const svc of store.list("Service")) trackService(ix, keyOf(svc), svc);
  for (const slice of store.list("EndpointSlice")) trackSlice(ix, keyOf(slice), undefined, slice);
  return ix;
}

const keyOf = (o: Stored) => `${o.metadata.namespace}/${o.metadata.name}`;
const anchor = (ns: string, [k, v]: [string, string]) => `${ns}\0${k}=${v}`;

/** Idempotent: replace what is known about Service `key` (undefined = deleted). */
export function trackService(ix: EndpointsIndex, key: string, svc: Service | undefined): void {
  const ns = key.slice(0, key.indexOf("/"));
  const old = ix.selectors.get(key);
  if (old) {
    const set = ix.byAnchor.get(anchor(ns, old[0]));
    set?.delete(key);
    if (set && set.size === 0) ix.byAnchor.delete(anchor(ns, old[0]));
    ix.selectors.delete(key);
  }
  const sel = svc ? managedSelector(svc) : undefined;
  if (!sel) return;
  const pairs = Object.entries(sel).sort(([a], [b]) => (a < b ? -1 : 1));
  ix.selectors.set(key, pairs);
  const a = anchor(ns, pairs[0]);
  if (!ix.byAnchor.has(a)) ix.byAnchor.set(a, new Set());
  ix.byAnchor.get(a)!.add(key);
}

/** The Service a slice is managed for (`namespace/name`), or undefined if not ours. */
export function managedSliceService(slice: EndpointSlice | undefined): string | undefined {
  const labels = slice?.metadata.labels;
  if (!labels || labels[LABEL_MANAGED_BY] !== CONTROLLER_NAME || !labels[LABEL_SERVICE_NAME]) return undefined;
  return `${slice!.metadata.namespace}/${labels[LABEL_SERVICE_NAME]}`;
}

export function trackSlice(ix: EndpointsIndex, key: string, old: EndpointSlice | undefined, cur: EndpointSlice | undefined): void {
  const before = managedSliceService(old);
  if (before) {
    const set = ix.slicesByService.get(before);
    set?.delete(key);
    if (set && set.size === 0) ix.slicesByService.delete(before);
    const loc = ix.locations.get(before);
    for (const ep of old!.endpoints ?? []) {
      const pod = endpointPodKey(ep);
      if (pod && loc && loc.get(pod) === old!.metadata.name) loc.delete(pod);
    }
  }
  const after = managedSliceService(cur);
  if (after) {
    if (!ix.slicesByService.has(after)) ix.slicesByService.set(after, new Set());
    ix.slicesByService.get(after)!.add(key);
    if (!ix.locations.has(after)) ix.locations.set(after, new Map());
    const loc = ix.locations.get(after)!;
    for (const ep of cur!.endpoints ?? []) {
      const pod = endpointPodKey(ep);
      if (pod) loc.set(pod, cur!.metadata.name!);
    }
  }
}

/** Keys of the Services in `namespace` whose selector matches `labels`, sorted. */
export function servicesSelecting(ix: EndpointsIndex, namespace: string, labels: Record<string, string> | undefined): string[] {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(labels ?? {})) {
    for (const svcKey of ix.byAnchor.get(`${namespace}\0${k}=${v}`) ?? []) {
      if (ix.selectors.get(svcKey)!.every(([sk, sv]) => labels![sk] === sv)) out.add(svcKey);
    }
  }
  return [...out].sort();
}

/** Pods of `namespace` matching every pair: walks the smallest label index, sorted by key. */
export function podKeysSelected(store: Store, namespace: string, pairs: readonly [string, string][]): string[] {
  let smallest: ReadonlySet<string> | undefined;
  for (const [k, v] of pairs) {
    const s = store.podKeysWithLabel(k, v);
    if (!smallest || s.size < smallest.size) smallest = s;
  }
  const prefix = `${namespace}/`;
  const out: string[] = [];
  for (const key of smallest ?? []) {
    if (!key.startsWith(prefix)) continue;
    const labels = store.get("Pod", key)?.metadata.labels ?? {};
    if (pairs.every(([k, v]) => labels[k] === v)) out.push(key);
  }
  return out.sort();
}

export function markDirty(ix: EndpointsIndex, svcKey: string, podKey: string): void {
  if (!ix.dirty.has(svcKey)) ix.dirty.set(svcKey, new Set());
  ix.dirty.get(svcKey)!.add(podKey);
}
