/**
 * What ingress-nginx answers on its HTTP port: it proxies straight to the endpoints of the
 * backend Service (not through the ClusterIP), from the controller pod.
 * - no rule and no default backend: 404 (nginx's page);
 * - backend Service missing, port unknown or no ready endpoints: 503 Service Temporarily
 *   Unavailable;
 * - the endpoint refuses: 502 Bad Gateway; a silent drop: 504 Gateway Time-out after
 *   proxy_connect_timeout (5 s);
 * - otherwise the backend's own answer.
 * Failed answers keep the root cause as `reason` (`503 no endpoints`, `connection refused`...).
 *
 * Simplification: no proxy_next_upstream retries on another endpoint after an error.
 */
import type { Stored } from "../../k8s/kinds.ts";
import type { Pod } from "../../k8s/schema/pod.ts";
import { liveServiceTable, usableEndpoints } from "../kube-proxy/service-table.ts";
import { endpointLeg, type EvalContext, type RequestSpec } from "../traffic/request.ts";
import { fail, single, type Distribution } from "../traffic/outcome.ts";
import { MAX_ENDPOINTS, sampleEvenly } from "../traffic/sample.ts";
import { isIngressControllerPod } from "./addon.ts";
import { routeIngress } from "./match.ts";

function nginxPage(code: number, text: string): string {
  return `<html>\r\n<head><title>${code} ${text}</title></head>\r\n<body>\r\n<center><h1>${code} ${text}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

export const NGINX_404 = nginxPage(404, "Not Found");
export const NGINX_502 = nginxPage(502, "Bad Gateway");
export const NGINX_503 = nginxPage(503, "Service Temporarily Unavailable");
export const NGINX_504 = nginxPage(504, "Gateway Time-out");

/** ingress-nginx's answer to `req` arriving at `controller`; undefined when the pod is not a controller or the port is not its HTTP port. */
export function ingressAnswer(controller: Stored<Pod>, req: RequestSpec, ctx: EvalContext, depth: number): Distribution | undefined {
  if (!isIngressControllerPod(controller) || (req.port !== 80 && req.port !== 443)) return undefined;
  const { store } = ctx;
  ctx.deps?.add("ingress");
  const host = req.hostHeader ?? req.host;
  const route = routeIngress(store.list("Ingress"), host, req.path);
  if (route.kind === "no-match") return single(fail("HTTP 404", `ingress-nginx: no rule for ${host}${req.path} and no default backend`, 1, { status: 404, body: NGINX_404 }));
  const svcKey = `${route.namespace}/${route.service}`;
  ctx.deps?.add(svcKey);
  const entries = liveServiceTable(store)[svcKey];
  const svc = store.get("Service", svcKey);
  const entry = entries?.find((e) => (route.port.number !== undefined ? e.port === route.port.number : e.servicePortName === `${svcKey}:${route.port.name}`));
  const unavailable = (why: string) => single(fail("503 no endpoints", `ingress-nginx (${route.ingress}): ${why}`, 1, { status: 503, body: NGINX_503, service: svcKey }));
  if (!svc) return unavailable(`service ${svcKey} not found`);
  if (!entry) return unavailable(`service ${svcKey} has no port ${route.port.number ?? route.port.name}`);
  const eps = usableEndpoints(entry, false, undefined);
  if (eps.length === 0) return unavailable(`service ${svcKey} has no ready endpoints`);
  const node = controller.spec.nodeName ?? "";
  const chosen = sampleEvenly(eps, MAX_ENDPOINTS, ctx.rotate);
  const out: Distribution = [];
  const backendReq: RequestSpec = { ...req, port: entry.port };
  for (const ep of chosen) {
    const leg = endpointLeg(ctx, { kind: "pod", pod: controller }, node, controller.status?.podIP ?? "", ep, { ...backendReq, port: ep.port }, depth + 1, svcKey);
    for (const w of leg) {
      const o = w.outcome;
      let outcome = o;
      if (!o.ok && o.status === undefined) {
        outcome =
          o.reason === "connection refused"
            ? { ...o, status: 502, body: NGINX_502, detail: `ingress-nginx: upstream ${ep.ip}:${ep.port} refused the connection (${o.detail})` }
            : { ...o, status: 504, body: NGINX_504, latencyMs: 5000, detail: `ingress-nginx: upstream ${ep.ip}:${ep.port} timed out (${o.detail})` };
      }
      out.push({ weight: w.weight / chosen.length, outcome: { ...outcome, service: svcKey } });
    }
  }
  return out;
}
