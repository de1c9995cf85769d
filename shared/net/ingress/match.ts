/**
 * Which backend an ingress-nginx-like controller sends a request to, per the Ingress spec:
 * - Ingresses are merged into one server per host (oldest Ingress first on conflicts); the
 *   Host header picks the server: an exact host, else a wildcard `*.example.com` (which matches
 *   exactly one more label), else the catch-all server of rules without a host. A request
 *   never falls back from a matched host to the catch-all server (nginx picks one server);
 * - inside the server the longest matching path wins; on equal length Exact beats Prefix.
 *   Prefix matches element-wise on `/`-separated segments (`/foo` matches `/foo`, `/foo/`,
 *   `/foo/bar`, not `/foobar`), a trailing slash in the rule is ignored; ImplementationSpecific
 *   is treated as Prefix;
 * - no path matches: the defaultBackend of the Ingress that defined the server (or any
 *   Ingress's for the catch-all server), else the controller's own 404.
 *
 * Simplification: IngressClass objects are not simulated; the controller owns Ingresses with
 * ingressClassName `nginx` or none (as if the `nginx` class were marked default).
 */
import type { Stored } from "../../k8s/kinds.ts";
import type { Ingress } from "../../k8s/schema/networking.ts";

export const INGRESS_CLASS = "nginx";

type Backend = NonNullable<NonNullable<Ingress["spec"]>["defaultBackend"]>;
type PathType = "Exact" | "Prefix" | "ImplementationSpecific";

export type IngressRoute =
  | {
      kind: "backend";
      /** `ns/name` of the Ingress the rule came from. */
      ingress: string;
      namespace: string;
      service: string;
      port: { number?: number; name?: string };
      via: "rule" | "defaultBackend";
      path?: string;
      pathType?: PathType;
    }
  | { kind: "no-match" };

interface PathRule {
  path: string;
  pathType: PathType;
  backend: Backend;
  ingress: Stored<Ingress>;
}

interface Server {
  paths: PathRule[];
  defaultBackend?: { backend: Backend; ingress: Stored<Ingress> };
}

export function ownedByController(ing: Ingress): boolean {
  const cls = ing.spec?.ingressClassName;
  return cls === undefined || cls === INGRESS_CLASS;
}

/** Oldest first, then namespace/name: who wins a conflicting host/path. */
function byAge(a: Stored<Ingress>, b: Stored<Ingress>): number {
  const t = a.metadata.creationTimestamp.localeCompare(b.metadata.creationTimestamp);
  return t !== 0 ? t : `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`);
}

function buildServers(ingresses: readonly Stored<Ingress>[]): Map<string, Server> {
  const servers = new Map<string, Server>();
  const get = (host: string) => servers.get(host) ?? (servers.set(host, { paths: [] }), servers.get(host)!);
  for (const ing of [...ingresses].filter(ownedByController).sort(byAge)) {
    const db = ing.spec?.defaultBackend;
    for (const rule of ing.spec?.rules ?? []) {
      const server = get(rule.host ?? "");
      if (db && !server.defaultBackend) server.defaultBackend = { backend: db, ingress: ing };
      for (const p of rule.http?.paths ?? []) server.paths.push({ path: p.path ?? "/", pathType: p.pathType, backend: p.backend, ingress: ing });
    }
    if (db) {
      const catchAll = get("");
      if (!catchAll.defaultBackend) catchAll.defaultBackend = { backend: db, ingress: ing };
    }
  }
  return servers;
}

/** Host matching: exact, else `*.suffix` covering exactly one label. */
export function hostMatches(ruleHost: string, host: string): boolean {
  if (!ruleHost.startsWith("*.")) return ruleHost === host;
  const suffix = ruleHost.slice(1);
  if (!host.endsWith(suffix)) return false;
  const first = host.slice(0, -suffix.length);
  return first.length > 0 && !first.includes(".");
}

function segments(p: string): string[] {
  return p.split("/").filter((s) => s !== "");
}

/** Length of the match of one path rule against a request path, or -1. */
export function pathMatchLength(pathType: PathType, rulePath: string, reqPath: string): number {
  if (pathType === "Exact") return rulePath === reqPath ? rulePath.length : -1;
  const rule = segments(rulePath);
  const req = segments(reqPath);
  if (rule.length > req.length) return -1;
  for (let i = 0; i < rule.length; i++) if (rule[i] !== req[i]) return -1;
  return rule.length === 0 ? 0 : 1 + rule.join("/").length;
}

function toRoute(ing: Stored<Ingress>, backend: Backend, via: "rule" | "defaultBackend", p?: PathRule): IngressRoute {
  if (!backend.service) return { kind: "no-match" };
  return {
    kind: "backend",
    ingress: `${ing.metadata.namespace}/${ing.metadata.name}`,
    namespace: ing.metadata.namespace ?? "default",
    service: backend.service.name,
    port: backend.service.port,
    via,
    ...(p ? { path: p.path, pathType: p.pathType } : {}),
  };
}

/** The route for a request `host` + `path` (query string and port ignored). */
export function routeIngress(ingresses: readonly Stored<Ingress>[], hostHeader: string, rawPath: string): IngressRoute {
  const host = hostHeader.toLowerCase().replace(/:\d+$/, "");
  const q = rawPath.indexOf("?");
  const path = (q >= 0 ? rawPath.slice(0, q) : rawPath) || "/";
  const servers = buildServers(ingresses);
  let server = servers.get(host);
  if (!server && host !== "") {
    const wild = [...servers.keys()].filter((h) => h.startsWith("*.") && hostMatches(h, host)).sort((a, b) => b.length - a.length)[0];
    server = wild !== undefined ? servers.get(wild) : undefined;
  }
  server ??= servers.get("");
  if (!server) return { kind: "no-match" };
  let best: PathRule | undefined;
  let bestLen = -1;
  for (const p of server.paths) {
    const len = pathMatchLength(p.pathType, p.path, path);
    if (len < 0) continue;
    if (len > bestLen || (len === bestLen && p.pathType === "Exact" && best?.pathType !== "Exact")) {
      best = p;
      bestLen = len;
    }
  }
  if (best) return toRoute(best.ingress, best.backend, "rule", best);
  if (server.defaultBackend) return toRoute(server.defaultBackend.ingress, server.defaultBackend.backend, "defaultBackend");
  return { kind: "no-match" };
}
