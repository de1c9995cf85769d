import type { Stored } from "../../k8s/kinds.ts";
import type { Pod } from "../../k8s/schema/pod.ts";
import type { EndpointSlice, Service } from "../../k8s/schema/service.ts";
import { canonicalJSON } from "../../util/canonical.ts";
import type { Controller, SimContext } from "../controller.ts";
import { randomSuffix } from "../rng.ts";
import type { WatchEvent } from "../store.ts";
import {
  endpointsIndex, managedSliceService, markDirty, podKeysSelected, servicesSelecting, trackService, trackSlice,
  type EndpointsIndex,
} from "./endpoints/endpoints-index.ts";
import {
  endpointKey, endpointPorts, isPodReady, managedSelector, podIPv4s, podToEndpoint, portMapKey, shouldPodBeInEndpoints,
} from "./endpoints/pod-endpoint.ts";
import { reconcileSlices, type PortGroup, type SlicePlan } from "./endpoints/reconciler.ts";

export { endpointsForService } from "./endpoints/summary.ts";

const NAME = "endpointslice";
/** endpointSliceChangeMinSyncDelay: a slice changed behind the controller's back is looked at after 1 s. */
const SLICE_CHANGE_DELAY_MS = 1000;

/**
 * The EndpointSlice controller (pkg/controller/endpointslice): for every Service with a
 * selector, slices `<service>-<suffix>` listing the selected pods that have an IP, with
 * ready/serving/terminating conditions, grouped by resolved port set, at most 100 per slice,
 * and one empty placeholder slice when nothing matches.
 *
 * As in Kubernetes, Services without a selector and ExternalName Services are left alone: the
 * controller neither creates nor deletes their slices (removing a selector leaves the old
 * slices in place). Unlike Kubernetes, which leaves the slices of a deleted Service to the
 * garbage collector, we delete them here too, so the result does not depend on GC timing.
 *
 * A pod change queues only the Services selecting the pod before or after it, and those
 * resync only the pods that changed (see reconcileSlices' incremental mode).
 *
 * Simplification: no `endpoints.kubernetes.io/last-change-trigger-time` annotation and no
 * topology hints; a Service whose pod sits on a missing node is not retried with back-off (the
 * pod's own deletion resyncs it).
 */
export const endpointSliceController: Controller = {
  name: NAME,
  watches: {
    Service: (ev, ctx) => {
      const ix = endpointsIndex(ctx.store);
      const svc = ev.type === "DELETED" ? undefined : (ev.object as Stored<Service>);
      const old = ev.old as Stored<Service> | undefined;
      if (svc && old && canonicalJSON(svc.spec) === canonicalJSON(old.spec) && canonicalJSON(svc.metadata.labels ?? {}) === canonicalJSON(old.metadata.labels ?? {})) return;
      trackService(ix, ev.key, svc);
      ix.synced.delete(ev.key);
      ctx.enqueue(NAME, ev.key);
    },
    Pod: (ev, ctx) => onPodEvent(ev, ctx),
    EndpointSlice: (ev, ctx) => {
      const ix = endpointsIndex(ctx.store);
      const cur = ev.type === "DELETED" ? undefined : (ev.object as EndpointSlice);
      trackSlice(ix, ev.key, ev.old as EndpointSlice | undefined, cur);
      if (ix.selfWrite) return;
      // Someone else touched one of our slices: look again after the minimum sync delay.
      for (const svcKey of new Set([managedSliceService(ev.old as EndpointSlice | undefined), managedSliceService(cur)])) {
        if (!svcKey) continue;
        ix.synced.delete(svcKey);
        ctx.enqueueAfter(NAME, svcKey, SLICE_CHANGE_DELAY_MS);
      }
    },
  },
  sync(key, ctx) {
    syncService(key, ctx);
  },
};

/** podEndpointsChanged, plus the terminal phase and node: what can change a pod's endpoint. */
function endpointChanged(a: Pod, b: Pod): boolean {
  const terminal = (p: Pod) => p.status?.phase === "Succeeded" || p.status?.phase === "Failed";
  return (
    a.metadata.deletionTimestamp !== b.metadata.deletionTimestamp ||
    isPodReady(a) !== isPodReady(b) ||
    podIPv4s(a).join(",") !== podIPv4s(b).join(",") ||
    terminal(a) !== terminal(b) ||
    a.spec.nodeName !== b.spec.nodeName
  );
}

function labelsChanged(a: Pod, b: Pod): boolean {
  const la = a.metadata.labels ?? {};
  const lb = b.metadata.labels ?? {};
  const ka = Object.keys(la);
  return ka.length !== Object.keys(lb).length || ka.some((k) => la[k] !== lb[k]) || a.spec.hostname !== b.spec.hostname || a.spec.subdomain !== b.spec.subdomain;
}

/** GetServicesToUpdateOnPodChange, marking the pod dirty for each Service it queues. */
function onPodEvent(ev: WatchEvent, ctx: SimContext): void {
  const ix = endpointsIndex(ctx.store);
  const pod = ev.object as Stored<Pod>;
  const ns = pod.metadata.namespace ?? "default";
  let affected: string[];
  if (ev.type === "MODIFIED") {
    const old = ev.old as Stored<Pod>;
    const podChanged = endpointChanged(old, pod);
    const relabelled = labelsChanged(old, pod);
    if (!podChanged && !relabelled) return;
    const now = servicesSelecting(ix, ns, pod.metadata.labels);
    if (!relabelled) {
      affected = now;
    } else {
      const before = servicesSelecting(ix, ns, old.metadata.labels);
      // Only the labels changed: Services selecting the pod both before and after keep it as it is.
      affected = podChanged ? [...new Set([...before, ...now])] : [...before.filter((k) => !now.includes(k)), ...now.filter((k) => !before.includes(k))];
    }
  } else {
    // A pod without an IP is in no slice, coming or going.
    if (!shouldPodBeInEndpoints(pod) && !(ev.type === "DELETED" && podIPv4s(pod).length > 0)) return;
    affected = servicesSelecting(ix, ns, pod.metadata.labels);
  }
  for (const svcKey of affected.sort()) {
    markDirty(ix, svcKey, ev.key);
    ctx.enqueue(NAME, svcKey);
  }
}

function syncService(key: string, ctx: SimContext): void {
  const store = ctx.store;
  const ix = endpointsIndex(store);
  const sliceKeys = [...(ix.slicesByService.get(key) ?? [])].sort();
  const svc = store.get("Service", key);
  if (!svc) {
    ix.dirty.delete(key);
    ix.synced.delete(key);
    write(ix, ctx, { create: [], update: [], delete: sliceKeys.map((k) => store.get("EndpointSlice", k)!).filter(Boolean) });
    return;
  }
  const pairs = ix.selectors.get(key);
  const selector = managedSelector(svc);
  if (!pairs || !selector) {
    ix.dirty.delete(key);
    return;
  }
  const full = !ix.synced.has(key);
  const dirty = ix.dirty.get(key);
  ix.dirty.delete(key);
  if (!full && !dirty) return;
  const ns = svc.metadata.namespace!;
  const podKeys = full ? podKeysSelected(store, ns, pairs) : [...dirty!].sort();
  const groups = desiredGroups(ctx, svc, podKeys, pairs);
  const existing = sliceKeys.map((k) => store.get("EndpointSlice", k)!).filter((s) => s && !s.metadata.deletionTimestamp);
  const loc = ix.locations.get(key);
  const dirtySlices = new Set<string>();
  if (!full) for (const pod of dirty!) if (loc?.has(pod)) dirtySlices.add(loc.get(pod)!);
  const plan = reconcileSlices(svc, existing, groups, full ? undefined : { pods: dirty!, slices: dirtySlices });
  ix.syncs.set(key, (ix.syncs.get(key) ?? 0) + 1);
  write(ix, ctx, plan);
  ix.synced.add(key);
}

/** The desired endpoints of the given pods (those still selected and eligible), by port set. */
function desiredGroups(ctx: SimContext, svc: Stored<Service>, podKeys: readonly string[], pairs: readonly [string, string][]): Map<string, PortGroup> {
  const groups = new Map<string, PortGroup>();
  for (const podKey of podKeys) {
    const pod = ctx.store.get("Pod", podKey);
    if (!pod || !shouldPodBeInEndpoints(pod)) continue;
    const labels = pod.metadata.labels ?? {};
    if (!pairs.every(([k, v]) => labels[k] === v)) continue;
    const ports = endpointPorts(svc, pod);
    const pk = portMapKey(ports);
    if (!groups.has(pk)) groups.set(pk, { ports, desired: new Map() });
    const node = pod.spec.nodeName ? ctx.store.get("Node", pod.spec.nodeName) : undefined;
    // A pod on a node that does not exist is skipped, unless not-ready addresses are published.
    if (!node && !svc.spec.publishNotReadyAddresses) continue;
    const ep = podToEndpoint(pod, node, svc);
    if (ep.addresses.length > 0) groups.get(pk)!.desired.set(endpointKey(ep), ep);
  }
  return groups;
}

/** Apply a plan. Empty lists are stored as null, as the API server returns them after etcd. */
function write(ix: EndpointsIndex, ctx: SimContext, plan: SlicePlan): void {
  const store = ctx.store;
  const normalize = (s: EndpointSlice): EndpointSlice => ({ ...s, endpoints: s.endpoints?.length ? s.endpoints : null, ports: s.ports?.length ? s.ports : null });
  ix.selfWrite = true;
  try {
    for (const s of plan.delete) store.remove("EndpointSlice", `${s.metadata.namespace}/${s.metadata.name}`);
    for (const s of plan.update) store.update("EndpointSlice", normalize(s));
    const ns = (s: EndpointSlice) => ctx.store.get("Namespace", s.metadata.namespace!);
    for (const s of plan.create) {
      // The API server refuses new objects in a terminating namespace; the controller drops them.
      if (ns(s)?.metadata.deletionTimestamp) continue;
      let name: string;
      do name = s.metadata.generateName + randomSuffix(ctx.state.rng);
      while (store.get("EndpointSlice", `${s.metadata.namespace}/${name}`));
      store.create("EndpointSlice", normalize({ ...s, metadata: { ...s.metadata, name } }));
    }
  } finally {
    ix.selfWrite = false;
  }
}
