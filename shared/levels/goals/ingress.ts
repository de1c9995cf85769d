/**
 * `ingressServesPath`: would an ingress controller route `host` + `path` to a backend that can
 * answer? Read from the API objects the way ingress-nginx builds its config: the matching rule
 * (Exact, then the longest Prefix by path element), its backend Service, the Service port the
 * backend names (by number or by name), and ready endpoints behind it.
 */
import type { Cluster } from "../../sim/cluster.ts";
import type { Ingress } from "../../k8s/schema/networking.ts";
import { readyEndpointCount } from "./endpoints.ts";
import type { GoalEvaluation, GoalOf } from "./schema.ts";

type Backend = NonNullable<NonNullable<Ingress["spec"]>["defaultBackend"]>;

/** Prefix matching is element-wise: `/api` matches `/api` and `/api/v1`, not `/apiv1`. */
function prefixMatches(prefix: string, path: string): boolean {
  const p = prefix.replace(/\/+$/, "");
  return p === "" || path === p || path.startsWith(p + "/");
}

export function findIngressBackend(ing: Ingress, host: string | undefined, path: string): Backend | undefined {
  let best: { backend: Backend; score: number } | undefined;
  for (const rule of ing.spec?.rules ?? []) {
    if (rule.host && rule.host !== host) continue;
    for (const p of rule.http?.paths ?? []) {
      const rulePath = p.path ?? "/";
      const exact = p.pathType === "Exact";
      const match = exact ? rulePath === path : prefixMatches(rulePath, path);
      if (!match) continue;
      const score = (exact ? 1_000_000 : 0) + rulePath.length;
      if (!best || score > best.score) best = { backend: p.backend, score };
    }
  }
  return best?.backend ?? ing.spec?.defaultBackend;
}

export function evaluateIngressPath(cluster: Cluster, g: GoalOf<"ingressServesPath">): GoalEvaluation {
  const ns = g.namespace ?? "default";
  const ing = cluster.get("Ingress", ns, g.ingress);
  const where = `${g.host ?? "*"}${g.path}`;
  if (!ing) return { holding: false, detail: `ingress "${g.ingress}" not found` };
  const backend = findIngressBackend(ing, g.host, g.path)?.service;
  if (!backend) return { holding: false, detail: `no rule of ingress "${g.ingress}" matches ${where} (404 from the controller)` };
  const svc = cluster.get("Service", ns, backend.name);
  if (!svc) return { holding: false, detail: `${where} routes to service "${backend.name}", which does not exist (503)` };
  const port = (svc.spec.ports ?? []).find((p) => (backend.port.number !== undefined ? p.port === backend.port.number : p.name === backend.port.name));
  if (!port) {
    const wanted = backend.port.number ?? backend.port.name;
    return { holding: false, detail: `service "${backend.name}" has no port ${String(wanted)} (503)` };
  }
  const ready = readyEndpointCount(cluster, ns, backend.name);
  if (ready === 0) return { holding: false, detail: `service "${backend.name}" has no ready endpoints (503)` };
  return { holding: true, detail: `${where} → ${backend.name}:${port.port} (${ready} ready endpoint(s))` };
}
