import { z } from "zod";
import { KINDS, objectKey, type Kind, type KindMap, type KubeObject, type Stored } from "../k8s/kinds.ts";
import type { ApiError } from "../k8s/errors.ts";
import { matchesSelector } from "../k8s/labels.ts";
import { parseTimestamp } from "../k8s/time.ts";
import { canonicalJSON, hashString } from "../util/canonical.ts";
import type { Result } from "../util/result.ts";
import { appProfileSchema, normalizeImageRef, type AppProfileInput } from "./apps/profile.ts";
import { DEFAULT_IMAGES } from "./apps/default-images.ts";
import { applyObject, createObject, deleteObject, updateObject, type DeleteOptions } from "./api/server.ts";
import { CONTROLLERS } from "./controllers/index.ts";
import { Engine } from "./loop.ts";
import { seedRng } from "./rng.ts";
import { DEFAULT_CONFIG, type ClusterConfig, type ClusterState, type NodeRuntime } from "./state.ts";
import { buildNode, type NodeInit } from "./node-builder.ts";
import { initialNetworkState, type NetworkInit } from "../net/state.ts";

export interface ClusterInit {
  /** Seed of the cluster's random generator (pod name suffixes, uids, load-balancing picks). */
  seed?: number;
  /** Simulated milliseconds per tick (default 100: 10 ticks per simulated second). */
  msPerTick?: number;
  /** RFC 3339 wall-clock time of tick 0 (default 2025-01-01T09:00:00Z). */
  epoch?: string;
  config?: Partial<ClusterConfig>;
  nodes?: NodeInit[];
  /** The network underneath the cluster (subnets, firewalls, CNI backend); defaults to one flat node subnet. */
  network?: NetworkInit;
  /** Extra images for the registry (normalised reference ⇒ behaviour), on top of the defaults. */
  images?: Record<string, AppProfileInput>;
  /** Manifests applied in order after the nodes exist (namespaces are created as needed? no: as given). */
  objects?: unknown[];
  /** Deep-freeze every stored object so a controller that mutates what it read throws (tests). */
  freeze?: boolean;
}

export interface ObjectRef {
  kind: Kind;
  namespace?: string;
  name: string;
}

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  /** `metadata.name=x`, `spec.nodeName=n`, `status.phase!=Running`, comma-separated. */
  fieldSelector?: string;
}

export const SYSTEM_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"];

/**
 * A simulated Kubernetes cluster: the public API client, server and tests use. Everything it
 * does is a pure function of its state and the calls made on it.
 */
export class Cluster {
  readonly engine: Engine;

  constructor(readonly state: ClusterState, opts: { freeze?: boolean } = {}) {
    this.engine = new Engine(state, CONTROLLERS, opts);
  }

  get tickCount(): number {
    return this.state.tick;
  }

  /** Simulated Unix ms now. */
  get nowMs(): number {
    return this.engine.nowMs();
  }

  /** Simulated milliseconds since the cluster was created. */
  get elapsedMs(): number {
    return this.state.tick * this.state.msPerTick;
  }

  get store() {
    return this.engine.store;
  }

  create(obj: unknown, defaultNamespace?: string): Result<Stored, ApiError> {
    return createObject(this.engine, obj, defaultNamespace);
  }

  update(obj: unknown, defaultNamespace?: string): Result<Stored, ApiError> {
    return updateObject(this.engine, obj, defaultNamespace);
  }

  apply(obj: unknown, defaultNamespace?: string): Result<{ object: Stored; created: boolean; unchanged: boolean }, ApiError> {
    return applyObject(this.engine, obj, defaultNamespace);
  }

  delete(ref: ObjectRef, opts?: DeleteOptions): Result<Stored, ApiError> {
    return deleteObject(this.engine, ref.kind, ref.namespace, ref.name, opts);
  }

  get<K extends Kind>(kind: K, namespace: string | undefined, name: string): Stored<KindMap[K]> | undefined {
    return this.engine.store.get(kind, objectKey(KINDS[kind].namespaced ? namespace ?? "default" : undefined, name));
  }

  /** Objects of a kind sorted by namespace and name, filtered like `kubectl get -l ... --field-selector ...`. */
  list<K extends Kind>(kind: K, opts: ListOptions = {}): Stored<KindMap[K]>[] {
    let items = this.engine.store.list(kind, KINDS[kind].namespaced ? opts.namespace : undefined);
    if (opts.labelSelector) {
      const sel = opts.labelSelector;
      items = items.filter((o) => matchesSelector(sel, o.metadata.labels ?? {}));
    }
    if (opts.fieldSelector) {
      const reqs = parseFieldSelector(opts.fieldSelector);
      items = items.filter((o) => reqs.every((r) => (fieldValue(o, r.field) === r.value) === (r.op === "=")));
    }
    return items;
  }

  /** Advance `n` ticks. */
  tick(n = 1): void {
    for (let i = 0; i < n; i++) this.engine.step();
  }

  /** Advance by simulated milliseconds (rounded up to whole ticks). */
  advance(ms: number): void {
    this.tick(Math.ceil(ms / this.state.msPerTick));
  }

  /** Tick until `pred` holds (checked after each tick) or `maxMs` of simulated time passed; returns whether it held. */
  runUntil(pred: (c: Cluster) => boolean, maxMs: number): boolean {
    const end = this.state.tick + Math.ceil(maxMs / this.state.msPerTick);
    while (this.state.tick < end) {
      this.engine.step();
      if (pred(this)) return true;
    }
    return pred(this);
  }

  /** Stable hash of the whole state (objects, private simulation state, clock, random generator). */
  hash(): string {
    return hashString(canonicalJSON(this.state));
  }

  /** A deep copy of the state as plain JSON. */
  toJSON(): ClusterState {
    return JSON.parse(JSON.stringify(this.state)) as ClusterState;
  }

  /** The kubelet of `node` stops (machine down, kubelet crashed) or starts again. */
  setKubeletRunning(node: string, running: boolean): void {
    const rt = this.state.nodes[node];
    if (!rt) throw new Error(`no node named ${node}`);
    rt.kubeletRunning = running;
    this.engine.enqueue("kubelet", `node:${node}`);
    this.engine.enqueue("node-lifecycle", node);
  }

  /** Register or replace an image in the simulated registry. */
  registerImage(ref: string, profile: AppProfileInput): void {
    this.state.images[normalizeImageRef(ref)] = appProfileSchema.parse(profile);
  }
}

export function parseFieldSelector(expr: string): { field: string; op: "=" | "!="; value: string }[] {
  return expr
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const m = /^([^=!]+)(==|!=|=)(.*)$/.exec(p);
      if (!m) throw new Error(`invalid selector: '${expr}'; can't understand '${p}'`);
      return { field: m[1].trim(), op: m[2] === "!=" ? "!=" : "=", value: m[3].trim() };
    });
}

function fieldValue(obj: object, path: string): string {
  let cur: unknown = obj;
  for (const part of path.split(".")) {
    if (cur === null || typeof cur !== "object") return "";
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur === undefined || cur === null ? "" : String(cur);
}

const DEFAULT_EPOCH = "2025-01-01T09:00:00Z";

/** Build a cluster: namespaces, nodes (registered as their kubelets would), the image registry, then `objects`. */
export function createCluster(init: ClusterInit = {}): Cluster {
  const epochMs = parseTimestamp(init.epoch ?? DEFAULT_EPOCH);
  if (Number.isNaN(epochMs)) throw new Error(`createCluster: epoch ${JSON.stringify(init.epoch)} is not an RFC 3339 time`);
  const msPerTick = init.msPerTick ?? 100;
  if (!Number.isInteger(msPerTick) || msPerTick <= 0 || msPerTick > 1000) {
    throw new Error(`createCluster: msPerTick must be an integer in 1..1000, got ${msPerTick}`);
  }
  const objects = Object.fromEntries(Object.keys(KINDS).map((k) => [k, {}])) as ClusterState["objects"];
  const images: ClusterState["images"] = {};
  for (const [ref, p] of Object.entries({ ...DEFAULT_IMAGES, ...(init.images ?? {}) })) {
    const parsed = appProfileSchema.safeParse(p);
    if (!parsed.success) throw new Error(`createCluster: image ${ref}: ${z.prettifyError(parsed.error)}`);
    images[normalizeImageRef(ref)] = parsed.data;
  }
  const state: ClusterState = {
    schemaVersion: 1,
    tick: 0,
    msPerTick,
    epochMs,
    rng: seedRng(init.seed ?? 1),
    seq: { resourceVersion: 0, timer: 0, event: 0 },
    config: { ...DEFAULT_CONFIG, ...(init.config ?? {}) },
    objects,
    images,
    nodes: {},
    pods: {},
    network: initialNetworkState(init.network),
    timers: [],
    queues: {},
  };
  const cluster = new Cluster(state, { freeze: init.freeze });
  for (const ns of SYSTEM_NAMESPACES) {
    must(cluster.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } }), `namespace ${ns}`);
  }
  for (const [i, n] of (init.nodes ?? []).entries()) {
    const { node, runtime } = buildNode(n, i, state.config);
    state.nodes[n.name] = runtime satisfies NodeRuntime;
    must(cluster.create(node), `node ${n.name}`);
  }
  for (const [i, obj] of (init.objects ?? []).entries()) must(cluster.apply(obj), `objects[${i}]`);
  return cluster;
}

/** Restore a cluster from `toJSON()` output; it continues exactly where the original was. */
export function restoreCluster(json: ClusterState | string, opts: { freeze?: boolean } = {}): Cluster {
  const state = (typeof json === "string" ? JSON.parse(json) : JSON.parse(JSON.stringify(json))) as ClusterState;
  if (state.schemaVersion !== 1) throw new Error(`restoreCluster: unsupported schemaVersion ${String(state.schemaVersion)}`);
  return new Cluster(state, opts);
}

function must<T>(r: Result<T, ApiError>, what: string): T {
  if (!r.ok) throw new Error(`createCluster: ${what}: ${r.error.message}`);
  return r.value;
}

export type { KubeObject };
