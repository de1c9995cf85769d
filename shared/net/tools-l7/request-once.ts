/**
 * One request made by hand (curl, wget from `kubectl exec` or a node shell): the same hop-by-hop
 * model as the traffic (request.ts), with the level's application calls folded in, and one
 * member of the outcome distribution picked by a hash of the tick and the command — a read
 * must not draw from the cluster's random generator.
 */
import type { Cluster } from "../../sim/cluster.ts";
import { hashString } from "../../util/canonical.ts";
import type { Where } from "../tools/where.ts";
import { trafficContext } from "../traffic/flows.ts";
import { readL7 } from "../traffic/l7-state.ts";
import { pick, type Outcome } from "../traffic/outcome.ts";
import { requestDistribution, type RequestSource } from "../traffic/request.ts";
import { trafficSpecSchema } from "../traffic/spec.ts";

export interface Url {
  scheme: "http" | "https";
  host: string;
  port: number;
  path: string;
}

export function parseUrl(s: string): Url | undefined {
  const m = /^(?:(https?):\/\/)?([A-Za-z0-9._-]+)(?::(\d{1,5}))?([/?][^#\s]*)?$/.exec(s);
  if (!m) return undefined;
  const scheme = (m[1] ?? "http") as Url["scheme"];
  return { scheme, host: m[2], port: m[3] ? Number(m[3]) : scheme === "https" ? 443 : 80, path: m[4]?.startsWith("/") ? m[4] : `/${m[4] ?? ""}` };
}

export function sourceOf(cluster: Cluster, where: Where): RequestSource | { error: string } {
  if ("node" in where) return cluster.get("Node", undefined, where.node) ? { kind: "node", node: where.node } : { error: `node "${where.node}" not found` };
  const [ns, name] = where.pod.split("/");
  const pod = cluster.get("Pod", ns, name);
  return pod ? { kind: "pod", pod } : { error: `pods "${name}" not found` };
}

export function requestOnce(cluster: Cluster, where: Where, url: Url, hostHeader: string | undefined, salt: string): Outcome | { error: string } {
  const src = sourceOf(cluster, where);
  if ("error" in src) return src;
  const spec = readL7(cluster.state).traffic?.spec ?? trafficSpecSchema.parse({});
  const { ctx } = trafficContext(cluster.store, spec, cluster.state.tick);
  const dist = requestDistribution(ctx, src, { host: url.host, port: url.port, path: url.path, mode: "http", requestBytes: 100, responseBytes: 1024, ...(hostHeader ? { hostHeader } : {}) });
  if (dist.length === 0) return { error: "no outcome" };
  const u = parseInt(hashString(`${cluster.state.tick}|${JSON.stringify(where)}|${salt}`).slice(0, 8), 16) / 2 ** 32;
  return pick(dist, u);
}

const REASONS: Record<number, string> = {
  200: "OK", 201: "Created", 204: "No Content", 301: "Moved Permanently", 302: "Found", 304: "Not Modified",
  400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 500: "Internal Server Error",
  502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
};

/** The reason phrase on the status line; nginx says `Service Temporarily Unavailable` and `Gateway Time-out`. */
export function reasonPhrase(status: number, body: string | undefined): string {
  if (body?.includes("<center>nginx</center>")) {
    const m = /<title>\d+ ([^<]+)<\/title>/.exec(body);
    if (m) return m[1];
  }
  return REASONS[status] ?? "";
}

/** Failures where the client hears nothing back and waits for its timeout. */
export function waitsForTimeout(o: Outcome): "connect" | "response" | undefined {
  if (o.reason === "fragmentation needed") return "response";
  if (o.reason === "i/o timeout" || o.reason === "dropped by NetworkPolicy") return o.status === undefined ? "connect" : undefined;
  return undefined;
}
