/**
 * Reverse index: which pods wait for which ConfigMap/Secret (a missing volume source or env
 * source), so that creating the object wakes exactly those pods instead of every pod in the
 * namespace. The truth lives in ClusterState (PodRuntime.blockedOn); this is a derived cache,
 * rebuilt from it on first use after a restore, like the Store's indexes.
 *
 * Simplification: the cache hangs off the state object in a WeakMap because controllers are
 * stateless module constants and the Engine offers no per-controller cache slot. It holds no
 * information of its own, so determinism and restore are unaffected.
 */
import type { ClusterState } from "../state.ts";
import type { PodRuntime } from "./runtime.ts";

type Index = Map<string, Set<string>>;

const indexes = new WeakMap<ClusterState, Index>();

function indexOf(state: ClusterState): Index {
  let idx = indexes.get(state);
  if (!idx) {
    idx = new Map();
    for (const rt of Object.values(state.pods)) for (const ref of rt.blockedOn ?? []) add(idx, ref, rt.key);
    indexes.set(state, idx);
  }
  return idx;
}

function add(idx: Index, ref: string, podKey: string): void {
  let s = idx.get(ref);
  if (!s) idx.set(ref, (s = new Set()));
  s.add(podKey);
}

/** `ConfigMap/shop/app-config`: how blockedOn names an object. */
export function objectRef(kind: "ConfigMap" | "Secret", namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

/** Replace what `rt` waits for, keeping the index in step. */
export function setBlockedOn(state: ClusterState, rt: PodRuntime, refs: string[]): void {
  const next = [...new Set(refs)].sort();
  const prev = rt.blockedOn ?? [];
  if (prev.length === next.length && prev.every((r, i) => r === next[i])) return;
  const idx = indexOf(state);
  for (const ref of prev) {
    const s = idx.get(ref);
    s?.delete(rt.key);
    if (s && s.size === 0) idx.delete(ref);
  }
  for (const ref of next) add(idx, ref, rt.key);
  rt.blockedOn = next;
}

/** Pod keys waiting for `ref`, sorted. */
export function podsBlockedOn(state: ClusterState, ref: string): string[] {
  return [...(indexOf(state).get(ref) ?? [])].sort();
}
