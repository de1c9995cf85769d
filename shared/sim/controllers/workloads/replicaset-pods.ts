import type { Stored } from "../../../k8s/kinds.ts";
import { compileSelector, type LabelMatcher } from "../../../k8s/labels.ts";
import type { Pod } from "../../../k8s/schema/pod.ts";
import type { ReplicaSet } from "../../../k8s/schema/workloads.ts";
import { canonicalJSON } from "../../../util/canonical.ts";
import type { Store, WatchEvent } from "../../store.ts";
import { getControllerOf } from "./controller-ref.ts";
import { isPodActive, isPodAvailable, isPodReady, msUntilAvailable } from "./pod-state.ts";

/**
 * What the ReplicaSet controller knows about each ReplicaSet's pods, kept up to date from Pod
 * watch events so a sync costs O(pods that changed) instead of O(pods): the claimed pods and
 * their counts (all / matching / active / fully labeled / ready / available). The real
 * controller recounts every pod from its informer cache on each sync; the counts here are the
 * same numbers (test/shared/sim/controllers/workloads/replicaset-pods.test.ts compares them
 * with a full recount after every tick).
 *
 * Derived data (store.derived): rebuilt from the store when missing (a restored cluster) or
 * when what the classification depends on changes (uid, selector, template labels,
 * minReadySeconds, deletion).
 */
const DERIVED = "replicaset-pods";

interface PodEntry {
  matching: boolean;
  active: boolean;
  fullyLabeled: boolean;
  ready: boolean;
  available: boolean;
}

export interface ReplicaSetPods {
  uid: string;
  fingerprint: string;
  matches: LabelMatcher;
  templateLabels: [string, string][];
  minReadySeconds: number;
  deleting: boolean;
  /** Claimed pods (controlled by this ReplicaSet, and matching unless it is being deleted). */
  entries: Map<string, PodEntry>;
  /** Pods written since the last sync that may have changed class. */
  dirty: Set<string>;
  /** Owned pods that match the selector (compared with the label index to detect orphans). */
  ownedMatching: number;
  active: number;
  fullyLabeled: number;
  ready: number;
  available: number;
  /** Active ready pods not yet available (minReadySeconds > 0): re-checked on each sync. */
  pendingAvailable: Set<string>;
}

interface Index {
  byKey: Map<string, ReplicaSetPods>;
  byUid: Map<string, ReplicaSetPods>;
}

function indexOf(store: Store): Index {
  let ix = store.derived.get(DERIVED) as Index | undefined;
  if (!ix) store.derived.set(DERIVED, (ix = { byKey: new Map(), byUid: new Map() }));
  return ix;
}

/** Pod watch handler: mark the pod dirty in the ReplicaSets its controllerRef names (old and new). */
export function notePodChange(store: Store, ev: WatchEvent): void {
  const ix = store.derived.get(DERIVED) as Index | undefined;
  if (!ix || ix.byUid.size === 0) return;
  const ref = getControllerOf(ev.object);
  if (ref) ix.byUid.get(ref.uid)?.dirty.add(ev.key);
  const oldRef = ev.old ? getControllerOf(ev.old) : undefined;
  if (oldRef && oldRef.uid !== ref?.uid) ix.byUid.get(oldRef.uid)?.dirty.add(ev.key);
}

export function forgetReplicaSet(store: Store, key: string): void {
  const ix = store.derived.get(DERIVED) as Index | undefined;
  const c = ix?.byKey.get(key);
  if (!ix || !c) return;
  ix.byKey.delete(key);
  if (ix.byUid.get(c.uid) === c) ix.byUid.delete(c.uid);
}

function fingerprintOf(rs: Stored<ReplicaSet>): string {
  return [
    rs.metadata.uid,
    canonicalJSON(rs.spec.selector ?? null),
    canonicalJSON(rs.spec.template?.metadata?.labels ?? {}),
    rs.spec.minReadySeconds ?? 0,
    rs.metadata.deletionTimestamp ? "deleting" : "",
  ].join("\0");
}

/** The ReplicaSet's pod index, rebuilt from the store when missing or stale. Dirty pods are not yet applied. */
export function replicaSetPods(store: Store, key: string, rs: Stored<ReplicaSet>): ReplicaSetPods {
  const ix = indexOf(store);
  const fingerprint = fingerprintOf(rs);
  const cur = ix.byKey.get(key);
  if (cur && cur.fingerprint === fingerprint) return cur;
  if (cur) forgetReplicaSet(store, key);
  const c: ReplicaSetPods = {
    uid: rs.metadata.uid,
    fingerprint,
    matches: compileSelector(rs.spec.selector ?? null),
    templateLabels: Object.entries(rs.spec.template?.metadata?.labels ?? {}),
    minReadySeconds: rs.spec.minReadySeconds ?? 0,
    deleting: !!rs.metadata.deletionTimestamp,
    entries: new Map(),
    dirty: new Set(),
    ownedMatching: 0,
    active: 0,
    fullyLabeled: 0,
    ready: 0,
    available: 0,
    pendingAvailable: new Set(),
  };
  for (const dep of store.dependents(c.uid)) if (dep.startsWith("Pod\0")) c.dirty.add(dep.slice(4));
  ix.byKey.set(key, c);
  ix.byUid.set(c.uid, c);
  return c;
}

/**
 * Apply the dirty pods. Returns the owned pods whose labels stopped matching (to release,
 * unless the ReplicaSet is being deleted), in no particular order.
 */
export function applyDirty(store: Store, c: ReplicaSetPods, nowMs: number): Stored<Pod>[] {
  const toRelease: Stored<Pod>[] = [];
  if (c.dirty.size === 0) return toRelease;
  const dirty = c.dirty;
  c.dirty = new Set();
  for (const key of dirty) {
    const before = c.entries.get(key);
    if (before) remove(c, key, before);
    const pod = store.get("Pod", key);
    if (!pod || getControllerOf(pod)?.uid !== c.uid) continue;
    const matching = c.matches(pod.metadata.labels);
    if (!matching && !c.deleting) {
      toRelease.push(pod);
      continue;
    }
    add(c, key, classify(c, pod, matching, nowMs));
  }
  return toRelease;
}

function classify(c: ReplicaSetPods, pod: Stored<Pod>, matching: boolean, nowMs: number): PodEntry {
  const active = isPodActive(pod);
  const labels = pod.metadata.labels ?? {};
  const ready = active && isPodReady(pod);
  return {
    matching,
    active,
    fullyLabeled: active && c.templateLabels.every(([k, v]) => labels[k] === v),
    ready,
    available: ready && isPodAvailable(pod, c.minReadySeconds, nowMs),
  };
}

function add(c: ReplicaSetPods, key: string, e: PodEntry): void {
  c.entries.set(key, e);
  if (e.matching) c.ownedMatching++;
  if (e.active) c.active++;
  if (e.fullyLabeled) c.fullyLabeled++;
  if (e.ready) c.ready++;
  if (e.available) c.available++;
  else if (e.ready) c.pendingAvailable.add(key);
}

function remove(c: ReplicaSetPods, key: string, e: PodEntry): void {
  c.entries.delete(key);
  if (e.matching) c.ownedMatching--;
  if (e.active) c.active--;
  if (e.fullyLabeled) c.fullyLabeled--;
  if (e.ready) c.ready--;
  if (e.available) c.available--;
  c.pendingAvailable.delete(key);
}

/**
 * Pods that turned available since they were classified (minReadySeconds passed), and the
 * delay until the next one will, as writeStatus needs it for enqueueAfter.
 */
export function refreshAvailability(store: Store, c: ReplicaSetPods, nowMs: number): number | undefined {
  let next: number | undefined;
  for (const key of c.pendingAvailable) {
    const pod = store.get("Pod", key)!;
    const e = c.entries.get(key)!;
    if (isPodAvailable(pod, c.minReadySeconds, nowMs)) {
      e.available = true;
      c.available++;
      c.pendingAvailable.delete(key);
      continue;
    }
    const wait = msUntilAvailable(pod, c.minReadySeconds, nowMs);
    if (wait !== undefined) next = Math.min(next ?? wait, wait);
  }
  return next;
}

/** The active claimed pods (for scaling down), in no particular order. */
export function activePods(store: Store, c: ReplicaSetPods): Stored<Pod>[] {
  const out: Stored<Pod>[] = [];
  for (const [key, e] of c.entries) if (e.active) out.push(store.get("Pod", key)!);
  return out;
}
