import type { Stored } from "../../../k8s/kinds.ts";
import type { EndpointSlice, Service } from "../../../k8s/schema/service.ts";
import {
  CONTROLLER_NAME, LABEL_HEADLESS, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, MAX_ENDPOINTS_PER_SLICE,
  endpointKey, endpointPodKey, endpointsEqualBeyondHash, portMapKey, type Endpoint, type EndpointPort,
} from "./pod-endpoint.ts";

/** Desired endpoints sharing one set of ports, keyed by endpointKey, in placement order. */
export interface PortGroup {
  ports: EndpointPort[];
  desired: Map<string, Endpoint>;
}

/** What an incremental reconcile may touch: the changed pods and the slices that list them. */
export interface DirtySet {
  pods: ReadonlySet<string>;
  slices: ReadonlySet<string>;
}

export interface SlicePlan {
  /** New slices (no name yet: generateName `<service>-`). */
  create: EndpointSlice[];
  update: EndpointSlice[];
  delete: Stored<EndpointSlice>[];
}

type Slice = EndpointSlice | Stored<EndpointSlice>;

/**
 * The EndpointSlice reconciler (staging/src/k8s.io/endpointslice/reconciler.go), for the IPv4
 * address type. Existing slices are edited in place where possible, new endpoints go first
 * into slices already being updated, then into the unchanged slice that ends up closest to
 * full, and only then into new slices of at most 100 endpoints.
 *
 * `dirty` makes it incremental: only the slices listing one of its pods are re-examined,
 * every other endpoint is known to be still desired as it is, and `groups` holds the desired
 * endpoints of the dirty pods only. Without it, `groups` must hold every desired endpoint.
 * Where Go pops from a hash set, we take endpoints in the order given (sorted by pod), so the
 * result is deterministic.
 */
export function reconcileSlices(
  svc: Stored<Service>,
  existing: readonly Stored<EndpointSlice>[],
  groups: ReadonlyMap<string, PortGroup>,
  dirty?: DirtySet,
): SlicePlan {
  const plan: SlicePlan = { create: [], update: [], delete: [] };
  const byPorts = new Map<string, Stored<EndpointSlice>[]>();
  for (const s of existing) {
    if (!ownedBy(s, svc)) {
      plan.delete.push(s);
      continue;
    }
    const key = portMapKey(s.ports);
    if (!byPorts.has(key)) byPorts.set(key, []);
    byPorts.get(key)!.push(s);
  }
  const keys = new Set(groups.keys());
  if (dirty) {
    for (const [k, slices] of byPorts) {
      if (groups.has(k)) continue;
      // An empty slice (the placeholder) of a port set nobody wants goes, as in a full reconcile.
      const empty = slices.filter((s) => (s.endpoints ?? []).length === 0);
      plan.delete.push(...empty);
      byPorts.set(k, slices.filter((s) => !empty.includes(s)));
      keys.add(k);
    }
  }
  for (const key of [...keys].sort()) {
    const group = groups.get(key);
    const r = reconcileByPortMapping(svc, byPorts.get(key) ?? [], new Map(group?.desired ?? []), group?.ports ?? [], dirty);
    plan.create.push(...r.create);
    plan.update.push(...r.update);
    plan.delete.push(...r.delete);
  }
  // Port sets nobody wants any more (a full reconcile knows every desired endpoint).
  if (!dirty) for (const [key, slices] of [...byPorts].sort(([a], [b]) => (a < b ? -1 : 1))) if (!groups.has(key)) plan.delete.push(...slices);

  // A Service always has at least one slice: a placeholder without endpoints or ports.
  if (existing.length === plan.delete.length && plan.create.length < 1) {
    const placeholder = newEndpointSlice(svc, []);
    if (plan.delete.length === 1 && isSamePlaceholder(plan.delete[0], placeholder)) plan.delete = [];
    else plan.create.push(placeholder);
  }
  return finalize(svc, plan);
}

function reconcileByPortMapping(
  svc: Stored<Service>,
  slices: readonly Stored<EndpointSlice>[],
  desired: Map<string, Endpoint>,
  ports: EndpointPort[],
  dirty: DirtySet | undefined,
): SlicePlan {
  const updated = new Map<string, EndpointSlice>();
  let unchanged: Stored<EndpointSlice>[] = [];
  const deleted: Stored<EndpointSlice>[] = [];

  // 1. Drop endpoints no longer desired, refresh those whose conditions changed.
  for (const s of [...slices].sort(byName)) {
    const old = s.endpoints ?? [];
    if (dirty && !dirty.slices.has(s.metadata.name)) {
      unchanged.push(s);
      continue;
    }
    const kept: Endpoint[] = [];
    let endpointUpdated = false;
    for (const ep of old) {
      const podKey = endpointPodKey(ep);
      if (dirty && (podKey === undefined || !dirty.pods.has(podKey))) {
        kept.push(ep);
        continue;
      }
      const k = endpointKey(ep);
      const got = desired.get(k);
      if (!got) continue;
      kept.push(got);
      if (!endpointsEqualBeyondHash(got, ep)) endpointUpdated = true;
      desired.delete(k);
    }
    const { labels, changed } = sliceLabels(s, svc);
    if (endpointUpdated || kept.length !== old.length) {
      if (kept.length === 0) deleted.push(s);
      else updated.set(s.metadata.name, { ...s, endpoints: kept, metadata: { ...s.metadata, labels } });
    } else if (changed) {
      updated.set(s.metadata.name, { ...s, endpoints: [...old], metadata: { ...s.metadata, labels } });
    } else {
      unchanged.push(s);
    }
  }

  const fill = (slice: EndpointSlice) => {
    const eps = slice.endpoints!;
    for (const [k, ep] of desired) {
      if (eps.length >= MAX_ENDPOINTS_PER_SLICE) break;
      eps.push(ep);
      desired.delete(k);
    }
  };
  // 2. Top up the slices being updated anyway, fullest first.
  if (desired.size > 0 && updated.size > 0) {
    const list = [...updated.values()].sort((a, b) => b.endpoints!.length - a.endpoints!.length || byName(a, b));
    for (const s of list) fill(s);
  }
  // 3. Then an unchanged slice the rest fits in best, then new slices.
  const create: EndpointSlice[] = [];
  while (desired.size > 0) {
    let target: Stored<EndpointSlice> | undefined;
    if (desired.size < MAX_ENDPOINTS_PER_SLICE && unchanged.length > 0) target = sliceToFill(unchanged, desired.size);
    const draft: EndpointSlice = target ? { ...target, endpoints: [...(target.endpoints ?? [])] } : newEndpointSlice(svc, ports);
    fill(draft);
    if (target) {
      updated.set(target.metadata.name, draft);
      unchanged = unchanged.filter((s) => s !== target);
    } else {
      create.push(draft);
    }
  }
  return { create, update: [...updated.values()], delete: deleted };
}

/** getSliceToFill: the slice that would be closest to full after taking `n` endpoints. */
function sliceToFill(slices: readonly Stored<EndpointSlice>[], n: number): Stored<EndpointSlice> | undefined {
  let closestDiff = MAX_ENDPOINTS_PER_SLICE;
  let closest: Stored<EndpointSlice> | undefined;
  for (const s of slices) {
    const diff = MAX_ENDPOINTS_PER_SLICE - (n + (s.endpoints?.length ?? 0));
    if (diff >= 0 && diff < closestDiff) {
      closestDiff = diff;
      closest = s;
      if (diff === 0) break;
    }
  }
  return closest;
}

/**
 * finalize: rather than delete one slice and create another, reuse the doomed slice's name for
 * the new content; a Service being deleted gets no new slices.
 */
function finalize(svc: Stored<Service>, plan: SlicePlan): SlicePlan {
  const create = [...plan.create];
  const update = [...plan.update];
  const del = [...plan.delete];
  for (let i = 0; i < del.length && create.length > 0; ) {
    const doomed = del[i];
    if (doomed.addressType === create[create.length - 1].addressType && ownedBy(doomed, svc)) {
      const slice = create.pop()!;
      update.push({ ...slice, metadata: { ...slice.metadata, name: doomed.metadata.name } });
      del.splice(i, 1);
    } else {
      i++;
    }
  }
  return { create: svc.metadata.deletionTimestamp ? [] : create, update, delete: del };
}

export function newEndpointSlice(svc: Stored<Service>, ports: EndpointPort[]): EndpointSlice {
  return {
    apiVersion: "discovery.k8s.io/v1",
    kind: "EndpointSlice",
    metadata: {
      generateName: `${svc.metadata.name}-`,
      namespace: svc.metadata.namespace,
      labels: sliceLabels(undefined, svc).labels,
      ownerReferences: [{ apiVersion: "v1", kind: "Service", name: svc.metadata.name, uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }],
    },
    addressType: "IPv4",
    endpoints: [],
    ports: [...ports],
  };
}

const RESERVED = new Set([LABEL_SERVICE_NAME, LABEL_MANAGED_BY, LABEL_HEADLESS]);

/**
 * setEndpointSliceLabels: a slice carries the Service's labels plus the reserved ones;
 * `changed` reports whether the non-reserved labels differ from the Service's.
 */
export function sliceLabels(slice: Slice | undefined, svc: Service): { labels: Record<string, string>; changed: boolean } {
  const own = Object.entries(slice?.metadata.labels ?? {}).filter(([k]) => !RESERVED.has(k));
  const wanted = Object.entries(svc.metadata.labels ?? {}).filter(([k]) => !RESERVED.has(k));
  const changed = own.length !== wanted.length || wanted.some(([k, v]) => slice?.metadata.labels?.[k] !== v);
  const labels: Record<string, string> = Object.fromEntries(wanted);
  const ip = svc.spec.clusterIP;
  if (ip === "None" || !ip) labels[LABEL_HEADLESS] = "";
  labels[LABEL_SERVICE_NAME] = svc.metadata.name!;
  labels[LABEL_MANAGED_BY] = CONTROLLER_NAME;
  return { labels, changed };
}

export function ownedBy(slice: Slice, svc: Stored<Service>): boolean {
  return (slice.metadata.ownerReferences ?? []).some((o) => o.uid === svc.metadata.uid && o.kind === "Service" && o.apiVersion === "v1");
}

/** placeholderSliceCompare: same namespace, labels, address type, and nothing in it. */
function isSamePlaceholder(a: Slice, b: Slice): boolean {
  const la = a.metadata.labels ?? {};
  const lb = b.metadata.labels ?? {};
  return (
    a.metadata.namespace === b.metadata.namespace &&
    Object.keys(la).length === Object.keys(lb).length &&
    Object.entries(la).every(([k, v]) => lb[k] === v) &&
    a.addressType === b.addressType &&
    (a.endpoints ?? []).length === 0 &&
    (a.ports ?? []).length === 0
  );
}

function byName(a: Slice, b: Slice): number {
  const x = a.metadata.name ?? "";
  const y = b.metadata.name ?? "";
  return x < y ? -1 : x > y ? 1 : 0;
}
