/**
 * What traffic a level puts on the cluster: users at entry points (an Ingress host/path, a
 * NodePort, a LoadBalancer Service) at a rate, and the calls the applications make to each
 * other (`shop/frontend` calls `http://checkout:8080/pay` once per request it serves).
 *
 * A per-level spec rather than fields in the image profile: which service calls which is a
 * property of the deployment (Service names, namespaces), not of the image.
 */
import { z } from "zod";

const path = z.string().default("/");
const bytes = { requestBytes: z.number().int().nonnegative().default(512), responseBytes: z.number().int().nonnegative().default(4096) };

export const entrySchema = z.strictObject({
  name: z.string(),
  via: z.discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("ingress"), host: z.string(), path }),
    /** Users hit this node port on every Ready node (or one named node). */
    z.strictObject({ kind: z.literal("nodePort"), port: z.number().int(), node: z.string().optional(), path }),
    /** Users hit the external IP of a LoadBalancer Service (`ns/name`). */
    z.strictObject({ kind: z.literal("loadBalancer"), service: z.string(), port: z.number().int(), path }),
  ]),
  ratePerSec: z.number().nonnegative(),
  ...bytes,
});

export const callSchema = z.strictObject({
  /** `ns/name` of the Service whose pods make the call, once per `ratio` requests they serve. */
  from: z.string(),
  /** `http://checkout:8080/pay`, `checkout.shop:8080`, `redis:6379` (with mode tcp). */
  to: z.string(),
  ratio: z.number().nonnegative().default(1),
  mode: z.enum(["http", "tcp"]).default("http"),
  ...bytes,
});

export const trafficSpecSchema = z.strictObject({
  entries: z.array(entrySchema).default([]),
  calls: z.array(callSchema).default([]),
  /** Availability objective for every entry point and Service, e.g. 0.995. */
  sloTarget: z.number().min(0).max(1).default(0.995),
});

export type TrafficSpecInput = z.input<typeof trafficSpecSchema>;
export type TrafficSpec = z.output<typeof trafficSpecSchema>;
export type TrafficEntry = TrafficSpec["entries"][number];
export type TrafficCall = TrafficSpec["calls"][number];

/** `http://host:port/path`, `host:port/path`, `host` (port 80, path /). */
export function parseTarget(url: string): { host: string; port: number; path: string } | undefined {
  const m = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?([/?][^#]*)?$/.exec(url.trim());
  if (!m) return undefined;
  const port = m[3] ? Number(m[3]) : m[1] === "https" ? 443 : 80;
  const p = m[4] ?? "/";
  return { host: m[2], port, path: p.startsWith("?") ? `/${p}` : p };
}
