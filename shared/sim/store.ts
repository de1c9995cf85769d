import { KINDS, objectKey, type Kind, type KindMap, type Stored } from "../k8s/kinds.ts";
import { formatTimestamp } from "../k8s/time.ts";
import { canonicalJSON, deepFreeze } from "../util/canonical.ts";
import { nextUint32 } from "./rng.ts";
import type { ClusterState } from "./state.ts";

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";
export interface WatchEvent<K extends Kind = Kind> {
  type: WatchEventType;
  kind: K;
  key: string;
  object: Stored<KindMap[K]>;
  /** The previous version, for MODIFIED and DELETED. */
  old?: Stored<KindMap[K]>;
}
export type WatchListener = (ev: WatchEvent) => void;

const EMPTY: ReadonlySet<string> = new Set();

/**
 * The API server and etcd in one: the only place objects are written. Every write bumps the
 * cluster-wide resourceVersion, maintains the indexes, and notifies watchers synchronously
 * (the informers of the controllers).
 *
 * Stored objects are immutable by contract: read them, never change them; to write, build a
 * new object (spread what stays). With `freeze` on (tests), stray writes throw.
 */
export class Store {
  private readonly listeners: WatchListener[] = [];
  /** uid ⇒ [kind, key] */
  private readonly byUid = new Map<string, [Kind, string]>();
  /** owner uid ⇒ set of `Kind\0key` of dependents (the garbage collector's graph). */
  private readonly byOwner = new Map<string, Set<string>>();
  /** kind ⇒ namespace ⇒ keys */
  private readonly byNamespace = new Map<Kind, Map<string, Set<string>>>();
  /** node name ⇒ keys of pods bound to it */
  private readonly podsByNode = new Map<string, Set<string>>();
  /** `label=value` ⇒ keys of pods carrying it (services and controllers select pods by label). */
  private readonly podsByLabel = new Map<string, Set<string>>();
  /**
   * Controllers' derived indexes and caches for this cluster, by controller name. Controller
   * objects are shared by every cluster, so per-cluster memory lives here; it is always
   * rebuildable from the state (a restored cluster starts with it empty).
   */
  readonly derived = new Map<string, unknown>();

  constructor(
    readonly state: ClusterState,
    private readonly freeze = false,
  ) {
    for (const kind of Object.keys(KINDS) as Kind[]) {
      this.byNamespace.set(kind, new Map());
      for (const [key, obj] of Object.entries(state.objects[kind])) {
        this.index(kind, key, obj as Stored);
        if (freeze) deepFreeze(obj);
      }
    }
  }

  watch(listener: WatchListener): void {
    this.listeners.push(listener);
  }

  nowMs(): number {
    return this.state.epochMs + this.state.tick * this.state.msPerTick;
  }

  get<K extends Kind>(kind: K, key: string): Stored<KindMap[K]> | undefined {
    return this.state.objects[kind][key] as Stored<KindMap[K]> | undefined;
  }

  getByUid(uid: string): { kind: Kind; key: string; object: Stored } | undefined {
    const hit = this.byUid.get(uid);
    if (!hit) return undefined;
    const object = this.state.objects[hit[0]][hit[1]] as Stored | undefined;
    return object ? { kind: hit[0], key: hit[1], object } : undefined;
  }

  /** All objects of a kind (optionally one namespace), sorted by key so iteration is deterministic. */
  list<K extends Kind>(kind: K, namespace?: string): Stored<KindMap[K]>[] {
    const all = this.state.objects[kind] as Record<string, Stored<KindMap[K]>>;
    const keys = namespace === undefined ? Object.keys(all) : [...(this.byNamespace.get(kind)!.get(namespace) ?? EMPTY)];
    keys.sort();
    return keys.map((k) => all[k]);
  }

  count(kind: Kind): number {
    return Object.keys(this.state.objects[kind]).length;
  }

  namespaceKeys(kind: Kind, namespace: string): ReadonlySet<string> {
    return this.byNamespace.get(kind)!.get(namespace) ?? EMPTY;
  }

  /** Keys (`Kind\0key`) of objects whose ownerReferences name `ownerUid`. */
  dependents(ownerUid: string): ReadonlySet<string> {
    return this.byOwner.get(ownerUid) ?? EMPTY;
  }

  podKeysOnNode(node: string): ReadonlySet<string> {
    return this.podsByNode.get(node) ?? EMPTY;
  }

  podKeysWithLabel(label: string, value: string): ReadonlySet<string> {
    return this.podsByLabel.get(`${label}=${value}`) ?? EMPTY;
  }

  /**
   * Create: assigns uid, resourceVersion, creationTimestamp and generation, as the API server
   * does. The caller has validated and defaulted the object and checked the name is free.
   */
  create<K extends Kind>(kind: K, obj: KindMap[K]): Stored<KindMap[K]> {
    const meta = obj.metadata;
    const name = meta.name!;
    const key = objectKey(KINDS[kind].namespaced ? meta.namespace : undefined, name);
    if (this.state.objects[kind][key]) throw new Error(`store: ${kind} ${key} already exists`);
    const stored = {
      ...obj,
      metadata: {
        ...meta,
        uid: this.newUid(),
        resourceVersion: this.nextResourceVersion(),
        creationTimestamp: this.nowTimestamp(),
        ...(hasSpec(obj) && kind !== "Pod" ? { generation: 1 } : {}),
      },
    } as Stored<KindMap[K]>;
    this.put(kind, key, stored, undefined);
    return stored;
  }

  /**
   * Replace an existing object. `generation` goes up when the spec changed (what controllers
   * compare with status.observedGeneration); metadata the server owns is kept.
   */
  update<K extends Kind>(kind: K, obj: KindMap[K]): Stored<KindMap[K]> {
    const key = objectKey(KINDS[kind].namespaced ? obj.metadata.namespace : undefined, obj.metadata.name!);
    const old = this.state.objects[kind][key] as Stored<KindMap[K]> | undefined;
    if (!old) throw new Error(`store: ${kind} ${key} does not exist`);
    // Pods have no metadata.generation in 1.30, so their (hot) updates skip the spec comparison.
    const oldGen = old.metadata.generation;
    const specChanged = oldGen !== undefined && hasSpec(obj) && canonicalJSON(specOf(obj)) !== canonicalJSON(specOf(old));
    const stored = {
      ...obj,
      metadata: {
        ...obj.metadata,
        uid: old.metadata.uid,
        creationTimestamp: old.metadata.creationTimestamp,
        resourceVersion: this.nextResourceVersion(),
        ...(oldGen !== undefined ? { generation: specChanged ? oldGen + 1 : oldGen } : {}),
      },
    } as Stored<KindMap[K]>;
    this.put(kind, key, stored, old);
    return stored;
  }

  /** Write only `status` (the /status subresource): spec and generation untouched. */
  updateStatus<K extends Kind>(kind: K, key: string, status: unknown): Stored<KindMap[K]> {
    const old = this.state.objects[kind][key] as Stored<KindMap[K]> | undefined;
    if (!old) throw new Error(`store: ${kind} ${key} does not exist`);
    const stored = {
      ...old,
      status,
      metadata: { ...old.metadata, resourceVersion: this.nextResourceVersion() },
    } as Stored<KindMap[K]>;
    this.put(kind, key, stored, old);
    return stored;
  }

  /** Remove from storage for good (after grace periods and finalizers are done). */
  remove<K extends Kind>(kind: K, key: string): Stored<KindMap[K]> | undefined {
    const old = this.state.objects[kind][key] as Stored<KindMap[K]> | undefined;
    if (!old) return undefined;
    delete this.state.objects[kind][key];
    this.unindex(kind, key, old);
    this.nextResourceVersion();
    this.emit({ type: "DELETED", kind, key, object: old, old });
    return old;
  }

  private put<K extends Kind>(kind: K, key: string, obj: Stored<KindMap[K]>, old: Stored<KindMap[K]> | undefined): void {
    if (this.freeze) deepFreeze(obj);
    (this.state.objects[kind] as Record<string, Stored<KindMap[K]>>)[key] = obj;
    if (old) this.reindex(kind, key, old, obj);
    else this.index(kind, key, obj);
    this.emit({ type: old ? "MODIFIED" : "ADDED", kind, key, object: obj, old });
  }

  private emit(ev: WatchEvent): void {
    for (const l of this.listeners) l(ev);
  }

  private index(kind: Kind, key: string, obj: Stored): void {
    const m = obj.metadata;
    this.byUid.set(m.uid, [kind, key]);
    addTo(this.byNamespace.get(kind)!, m.namespace ?? "", key);
    for (const ref of m.ownerReferences ?? []) addTo(this.byOwner, ref.uid, `${kind}\0${key}`);
    if (kind === "Pod") {
      const node = (obj as Stored<KindMap["Pod"]>).spec.nodeName;
      if (node) addTo(this.podsByNode, node, key);
      for (const [l, v] of Object.entries(m.labels ?? {})) addTo(this.podsByLabel, `${l}=${v}`, key);
    }
  }

  /**
   * An update: only the indexes whose inputs changed (most writes are status writes, which
   * change none). Same result as unindex(old) + index(obj).
   */
  private reindex(kind: Kind, key: string, old: Stored, obj: Stored): void {
    const m = obj.metadata;
    const om = old.metadata;
    if (om.uid !== m.uid) {
      this.byUid.delete(om.uid);
      this.byUid.set(m.uid, [kind, key]);
    }
    if ((om.namespace ?? "") !== (m.namespace ?? "")) {
      removeFrom(this.byNamespace.get(kind)!, om.namespace ?? "", key);
      addTo(this.byNamespace.get(kind)!, m.namespace ?? "", key);
    }
    if (om.ownerReferences !== m.ownerReferences) {
      for (const ref of om.ownerReferences ?? []) removeFrom(this.byOwner, ref.uid, `${kind}\0${key}`);
      for (const ref of m.ownerReferences ?? []) addTo(this.byOwner, ref.uid, `${kind}\0${key}`);
    }
    if (kind !== "Pod") return;
    const oldNode = (old as Stored<KindMap["Pod"]>).spec.nodeName;
    const node = (obj as Stored<KindMap["Pod"]>).spec.nodeName;
    if (oldNode !== node) {
      if (oldNode) removeFrom(this.podsByNode, oldNode, key);
      if (node) addTo(this.podsByNode, node, key);
    }
    if (om.labels !== m.labels) {
      for (const [l, v] of Object.entries(om.labels ?? {})) removeFrom(this.podsByLabel, `${l}=${v}`, key);
      for (const [l, v] of Object.entries(m.labels ?? {})) addTo(this.podsByLabel, `${l}=${v}`, key);
    }
  }

  private unindex(kind: Kind, key: string, obj: Stored): void {
    const m = obj.metadata;
    this.byUid.delete(m.uid);
    removeFrom(this.byNamespace.get(kind)!, m.namespace ?? "", key);
    for (const ref of m.ownerReferences ?? []) removeFrom(this.byOwner, ref.uid, `${kind}\0${key}`);
    if (kind === "Pod") {
      const node = (obj as Stored<KindMap["Pod"]>).spec.nodeName;
      if (node) removeFrom(this.podsByNode, node, key);
      for (const [l, v] of Object.entries(m.labels ?? {})) removeFrom(this.podsByLabel, `${l}=${v}`, key);
    }
  }

  private nextResourceVersion(): string {
    return String(++this.state.seq.resourceVersion);
  }

  /** A random (version 4) UUID from the cluster's generator. */
  newUid(): string {
    const rng = this.state.rng;
    const a = hex8(nextUint32(rng));
    const b = hex8(nextUint32(rng));
    const c = hex8(nextUint32(rng));
    const d = hex8(nextUint32(rng));
    const variant = ((parseInt(c[0], 16) & 0x3) | 0x8).toString(16);
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
  }

  /** formatTimestamp(nowMs()), computed once per tick: every write of a tick stamps the same time. */
  nowTimestamp(): string {
    const ms = this.nowMs();
    if (this.lastStamp?.ms !== ms) this.lastStamp = { ms, text: formatTimestamp(ms) };
    return this.lastStamp.text;
  }

  private lastStamp: { ms: number; text: string } | undefined;
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, "0");
}

function hasSpec(obj: object): boolean {
  return "spec" in obj && (obj as { spec?: unknown }).spec !== undefined;
}

function specOf(obj: object): unknown {
  return (obj as { spec?: unknown }).spec;
}

function addTo(m: Map<string, Set<string>>, k: string, v: string): void {
  let s = m.get(k);
  if (!s) m.set(k, (s = new Set()));
  s.add(v);
}

function removeFrom(m: Map<string, Set<string>>, k: string, v: string): void {
  const s = m.get(k);
  if (!s) return;
  s.delete(v);
  if (s.size === 0) m.delete(k);
}
