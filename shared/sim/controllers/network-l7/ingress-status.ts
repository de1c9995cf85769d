/**
 * ingress-nginx's status sync: while at least one controller pod is ready, every Ingress it
 * owns gets status.loadBalancer.ingress from its published Service (--publish-service):
 * the load balancer's addresses for type LoadBalancer (none until assigned), the ClusterIP
 * for NodePort/ClusterIP (statusAddressFromService). With no controller running the status
 * is cleared (update-status-on-shutdown). Each new generation of an Ingress gets the
 * controller's `Sync` / `Scheduled for sync` event.
 */
import type { Stored } from "../../../k8s/kinds.ts";
import type { Ingress } from "../../../k8s/schema/networking.ts";
import type { Pod } from "../../../k8s/schema/pod.ts";
import type { Controller, SimContext } from "../../controller.ts";
import { INGRESS_CONTROLLER, INGRESS_NAMESPACE, isIngressControllerPod } from "../../../net/ingress/addon.ts";
import { ownedByController } from "../../../net/ingress/match.ts";
import { readL7, writeL7 } from "../../../net/traffic/l7-state.ts";

const NAME = "ingress-status";
const ALL = "*";
const CONTROLLER_SVC = `${INGRESS_NAMESPACE}/${INGRESS_CONTROLLER}`;

function isReady(p: Pod): boolean {
  return !p.metadata.deletionTimestamp && (p.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
}

function runningController(ctx: SimContext): Stored<Pod> | undefined {
  for (const k of [...ctx.store.namespaceKeys("Pod", INGRESS_NAMESPACE)].sort()) {
    const p = ctx.store.get("Pod", k)!;
    if (isIngressControllerPod(p) && isReady(p)) return p;
  }
  return undefined;
}

function publishedAddresses(ctx: SimContext): { ip: string }[] {
  if (!runningController(ctx)) return [];
  const svc = ctx.store.get("Service", CONTROLLER_SVC);
  if (!svc) return [];
  if (svc.spec.type === "LoadBalancer") return (svc.status?.loadBalancer?.ingress ?? []).filter((i) => i.ip).map((i) => ({ ip: i.ip! }));
  return svc.spec.clusterIP && svc.spec.clusterIP !== "None" ? [{ ip: svc.spec.clusterIP }] : [];
}

function syncIngress(ctx: SimContext, key: string, ing: Stored<Ingress>, addrs: { ip: string }[], controllerUp: boolean): void {
  if (!ownedByController(ing)) return;
  const current = JSON.stringify(ing.status?.loadBalancer?.ingress ?? []);
  if (current !== JSON.stringify(addrs)) {
    ctx.store.updateStatus("Ingress", key, { loadBalancer: addrs.length > 0 ? { ingress: addrs } : {} });
  }
  const gen = ing.metadata.generation ?? 1;
  if (controllerUp && readL7(ctx.state).ingressSynced?.[key] !== gen) {
    (writeL7(ctx.state).ingressSynced ??= {})[key] = gen;
    ctx.recordEvent(ctx.store.get("Ingress", key)!, "Normal", "Sync", "Scheduled for sync", { component: "nginx-ingress-controller" });
  }
}

export const ingressStatusController: Controller = {
  name: NAME,
  watches: {
    Ingress: (ev, ctx) => ctx.enqueue(NAME, ev.key),
    Service: (ev, ctx) => {
      if (ev.key === CONTROLLER_SVC) ctx.enqueue(NAME, ALL);
    },
    Pod: (ev, ctx) => {
      const o = ev.old as Pod | undefined;
      const n = ev.object as Pod;
      if (!isIngressControllerPod(n) && !(o && isIngressControllerPod(o))) return;
      if (ev.type === "MODIFIED" && o && isReady(o) === isReady(n)) return;
      ctx.enqueue(NAME, ALL);
    },
  },
  sync(key, ctx) {
    const addrs = publishedAddresses(ctx);
    const up = runningController(ctx) !== undefined;
    if (key === ALL) {
      for (const ing of ctx.store.list("Ingress")) syncIngress(ctx, `${ing.metadata.namespace}/${ing.metadata.name}`, ing, addrs, up);
      return;
    }
    const ing = ctx.store.get("Ingress", key);
    if (!ing) {
      if (readL7(ctx.state).ingressSynced?.[key] !== undefined) delete writeL7(ctx.state).ingressSynced![key];
      return;
    }
    syncIngress(ctx, key, ing, addrs, up);
  },
};
