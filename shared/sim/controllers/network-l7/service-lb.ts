/**
 * The cloud controller manager's service controller for a simulated cloud: a Service of type
 * LoadBalancer gets `EnsuringLoadBalancer`, then, after the cloud's provisioning delay, an
 * address from the pool in status.loadBalancer.ingress and `EnsuredLoadBalancer` (until then
 * kubectl shows EXTERNAL-IP `<pending>`). Changing the type away releases it
 * (`DeletingLoadBalancer` / `DeletedLoadBalancer`). With an empty pool (bare metal, no cloud
 * provider) nothing happens: `<pending>` forever, as on a real kubeadm cluster.
 */
import type { Stored } from "../../../k8s/kinds.ts";
import type { Service } from "../../../k8s/schema/service.ts";
import type { Controller, SimContext } from "../../controller.ts";
import { allocateLoadBalancerIP } from "../../../net/loadbalancer/allocate.ts";
import { readL7, writeL7 } from "../../../net/traffic/l7-state.ts";

const NAME = "service-lb";
const SOURCE = { component: "service-controller" };
const RETRY_MS = 30_000;

function isLB(svc: Service | undefined): boolean {
  return svc?.spec.type === "LoadBalancer";
}

function lbIPs(svc: Service): string[] {
  return (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? "").filter(Boolean);
}

function usedIPs(ctx: SimContext, except: string): Set<string> {
  const used = new Set<string>();
  for (const s of ctx.store.list("Service")) {
    if (`${s.metadata.namespace}/${s.metadata.name}` !== except) for (const ip of lbIPs(s)) used.add(ip);
  }
  return used;
}

function setIngress(ctx: SimContext, key: string, svc: Stored<Service>, ips: string[]): void {
  const status = { ...(svc.status ?? {}), loadBalancer: ips.length > 0 ? { ingress: ips.map((ip) => ({ ip })) } : {} };
  ctx.store.updateStatus("Service", key, status);
}

export const serviceLoadBalancerController: Controller = {
  name: NAME,
  watches: {
    Service: (ev, ctx) => {
      const now = ev.object as Service;
      const old = ev.old as Service | undefined;
      if (isLB(now) || isLB(old)) ctx.enqueue(NAME, ev.key);
    },
  },
  sync(key, ctx) {
    const svc = ctx.store.get("Service", key);
    const l7 = readL7(ctx.state);
    if (!svc || svc.metadata.deletionTimestamp) {
      if (l7.lbPending?.[key] !== undefined) delete writeL7(ctx.state).lbPending![key];
      return;
    }
    if (!isLB(svc)) {
      if (l7.lbPending?.[key] !== undefined) delete writeL7(ctx.state).lbPending![key];
      if (lbIPs(svc).length > 0) {
        ctx.recordEvent(svc, "Normal", "DeletingLoadBalancer", "Deleting load balancer", SOURCE);
        setIngress(ctx, key, svc, []);
        ctx.recordEvent(ctx.store.get("Service", key)!, "Normal", "DeletedLoadBalancer", "Deleted load balancer", SOURCE);
      }
      return;
    }
    if (lbIPs(svc).length > 0 || l7.lbPool.length === 0) return;
    const due = l7.lbPending?.[key];
    const nowMs = ctx.nowMs();
    if (due === undefined) {
      const st = writeL7(ctx.state);
      (st.lbPending ??= {})[key] = nowMs + st.lbDelayMs;
      ctx.recordEvent(svc, "Normal", "EnsuringLoadBalancer", "Ensuring load balancer", SOURCE);
      ctx.enqueueAfter(NAME, key, st.lbDelayMs);
      return;
    }
    if (nowMs < due) return ctx.enqueueAfter(NAME, key, due - nowMs);
    const ip = allocateLoadBalancerIP(l7.lbPool, usedIPs(ctx, key), svc.spec.loadBalancerIP);
    if (!ip) {
      const why = svc.spec.loadBalancerIP ? `requested IP ${svc.spec.loadBalancerIP} is not available in the address pool` : "no available IPs in the address pool";
      ctx.recordEvent(svc, "Warning", "SyncLoadBalancerFailed", `Error syncing load balancer: failed to ensure load balancer: ${why}`, SOURCE);
      ctx.enqueueAfter(NAME, key, RETRY_MS);
      return;
    }
    delete writeL7(ctx.state).lbPending![key];
    setIngress(ctx, key, svc, [ip]);
    ctx.recordEvent(ctx.store.get("Service", key)!, "Normal", "EnsuredLoadBalancer", "Ensured load balancer", SOURCE);
  },
};
