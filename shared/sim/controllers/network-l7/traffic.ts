/**
 * Runs the traffic model while a traffic spec is configured: one `tick` key per tick (it
 * re-queues itself); writes that can change a route queue what they affect:
 * `svc:<ns>/<name>` (the Service, its EndpointSlices, or a pod it selects changed: the flows
 * through it are recomputed), `dirty` (policies, namespaces, ingress rules, ConfigMaps: every
 * flow), `routes` (nodes, network add-ons: every flow and the data-plane verdicts).
 * A cluster without traffic never queues anything.
 */
import type { Kind } from "../../../k8s/kinds.ts";
import type { Node } from "../../../k8s/schema/node.ts";
import type { Pod } from "../../../k8s/schema/pod.ts";
import type { EndpointSlice } from "../../../k8s/schema/service.ts";
import { isIngressControllerPod } from "../../../net/ingress/addon.ts";
import type { Controller } from "../../controller.ts";
import type { WatchEvent } from "../../store.ts";
import type { SimContext } from "../../controller.ts";
import { readL7 } from "../../../net/traffic/l7-state.ts";
import { clearPaths } from "../../../net/traffic/counters.ts";
import { trafficTick } from "../../../net/traffic/tick.ts";
import { TRAFFIC_CONTROLLER, TRAFFIC_TICK_KEY } from "../../../net/traffic/configure.ts";

/** Some object a route depends on changed: recompute every flow. */
const DIRTY = "dirty";
/** Nodes or the network add-ons changed: forget the data-plane verdicts too. */
const ROUTES = "routes";

function markDirty(_ev: WatchEvent, ctx: SimContext): void {
  if (readL7(ctx.state).traffic) ctx.enqueue(TRAFFIC_CONTROLLER, DIRTY);
}

function markRoutes(_ev: WatchEvent, ctx: SimContext): void {
  if (readL7(ctx.state).traffic) ctx.enqueue(TRAFFIC_CONTROLLER, ROUTES);
}

function nodeView(n: Node | undefined): string {
  return JSON.stringify([n?.spec?.podCIDR, n?.status?.addresses, n?.status?.conditions?.find((c) => c.type === "Ready")?.status]);
}

const EVERYTHING_KINDS: Kind[] = ["NetworkPolicy", "Namespace"];

function markService(ctx: SimContext, key: string): void {
  if (readL7(ctx.state).traffic) ctx.enqueue(TRAFFIC_CONTROLLER, `svc:${key}`);
}

/** The Services of the pod's namespace whose selector matches the pod (before or after the write). */
function servicesSelecting(ctx: SimContext, pods: (Pod | undefined)[]): string[] {
  const out = new Set<string>();
  for (const pod of pods) {
    if (!pod) continue;
    const ns = pod.metadata.namespace ?? "default";
    for (const k of ctx.store.namespaceKeys("Service", ns)) {
      const sel = ctx.store.get("Service", k)?.spec.selector;
      if (sel && Object.keys(sel).length > 0 && Object.entries(sel).every(([l, v]) => pod.metadata.labels?.[l] === v)) out.add(k);
    }
    if (isIngressControllerPod(pod)) out.add("ingress");
  }
  return [...out];
}

export const trafficController: Controller = {
  name: TRAFFIC_CONTROLLER,
  watches: {
    ...Object.fromEntries(EVERYTHING_KINDS.map((k) => [k, markDirty])),
    Ingress: (ev, ctx) => markService(ctx, "ingress"),
    Service: (ev, ctx) => markService(ctx, ev.key),
    EndpointSlice: (ev, ctx) => {
      const svc = (ev.object as EndpointSlice).metadata.labels?.["kubernetes.io/service-name"];
      if (svc) markService(ctx, `${ev.object.metadata.namespace}/${svc}`);
    },
    Pod: (ev, ctx) => {
      if (!readL7(ctx.state).traffic) return;
      for (const k of servicesSelecting(ctx, [ev.object as Pod, ev.old as Pod | undefined])) markService(ctx, k);
    },
    ConfigMap: markDirty,
    DaemonSet: markRoutes,
    Node: (ev, ctx) => {
      if (ev.type !== "MODIFIED" || nodeView(ev.object as Node) !== nodeView(ev.old as Node | undefined)) markRoutes(ev, ctx);
    },
  },
  sync(key, ctx) {
    const t = readL7(ctx.state).traffic;
    if (!t) return;
    if (key.startsWith("svc:")) {
      if (!t.counters.dirtyDeps.includes(key.slice(4))) t.counters.dirtyDeps.push(key.slice(4));
      return;
    }
    if (key === DIRTY || key === ROUTES) {
      t.counters.dirty = true;
      if (key === ROUTES) clearPaths(t.counters);
      return;
    }
    if (key !== TRAFFIC_TICK_KEY) return;
    trafficTick(ctx.store, t.spec, t.counters);
    ctx.enqueueAfter(TRAFFIC_CONTROLLER, TRAFFIC_TICK_KEY, ctx.state.msPerTick);
  },
};
