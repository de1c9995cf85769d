/**
 * Where traffic particles fly: from each gateway to the pods that serve it (or from an Ingress
 * to its Services), at a rate that follows the real request rate, with the failed share drawn
 * red and stopping where requests die: at the gateway when nothing is behind it, half-way for
 * network drops (timeouts, no route), at the pod for refused connections and HTTP errors.
 */
import { center, type MapLayout } from "./layout.ts";
import type { ClusterView, ViewTraffic } from "./types.ts";

export interface ParticleRoute {
  key: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** Particles per real second on this route. */
  ratePerSec: number;
  /** Share of particles that fail. */
  failFraction: number;
  /** Where failed particles stop, 0 (start) .. 1 (end). */
  dieAt: number;
}

const MAX_RATE_PER_GATEWAY = 10;

/** Visual particle rate for a request rate: grows with traffic, capped so the map stays readable. */
export function visualRate(requestsPerSec: number): number {
  if (requestsPerSec <= 0) return 0;
  return Math.min(MAX_RATE_PER_GATEWAY, 1 + Math.log2(1 + requestsPerSec));
}

/** Where the dominant failure reason kills a request along gateway → pod. */
export function dieAtFor(reasons: Record<string, number>): number {
  let top = "";
  let n = -1;
  for (const [r, c] of Object.entries(reasons)) if (c > n) [top, n] = [r, c];
  if (top.includes("no endpoints") || top === "NXDOMAIN" || top === "DNS timeout") return 0.08;
  if (top === "connection refused" || top.startsWith("HTTP")) return 1;
  return 0.5;
}

export function particleRoutes(view: ClusterView, layout: MapLayout): ParticleRoute[] {
  const routes: ParticleRoute[] = [];
  const byId = new Map(view.services.map((s) => [s.id, s]));
  for (const s of view.services) {
    const g = layout.gateways.get(s.id);
    if (!g) continue;
    const from = { x: g.x + g.w / 2, y: g.y + g.h };
    const t: ViewTraffic | undefined = s.kind === "Ingress" ? aggregate(s.backends?.map((b) => byId.get(b)?.traffic)) : s.traffic;
    if (!t || t.requestsPerSec <= 0) continue;
    const rate = visualRate(t.requestsPerSec);
    const failFraction = Math.max(0, Math.min(1, 1 - t.successRate));
    const targets =
      s.kind === "Ingress"
        ? (s.backends ?? []).map((b) => layout.gateways.get(b)).filter((r) => r !== undefined).map((r) => ({ x: r.x + r.w / 2, y: r.y }))
        : (s.endpoints ?? []).filter((e) => e.ready).map((e) => layout.pods.get(e.pod)).filter((r) => r !== undefined).map(center);
    if (targets.length === 0) {
      routes.push({ key: `${s.id}>none`, x1: from.x, y1: from.y, x2: from.x, y2: from.y + 40, ratePerSec: rate, failFraction: 1, dieAt: 1 });
      continue;
    }
    const dieAt = dieAtFor(t.reasons);
    targets.forEach((p, i) => routes.push({ key: `${s.id}>${i}`, x1: from.x, y1: from.y, x2: p.x, y2: p.y, ratePerSec: rate / targets.length, failFraction, dieAt }));
  }
  return routes;
}

function aggregate(list: (ViewTraffic | undefined)[] | undefined): ViewTraffic | undefined {
  const ts = (list ?? []).filter((t): t is ViewTraffic => !!t);
  if (ts.length === 0) return undefined;
  const rps = ts.reduce((s, t) => s + t.requestsPerSec, 0);
  const ok = ts.reduce((s, t) => s + t.requestsPerSec * t.successRate, 0);
  const reasons: Record<string, number> = {};
  for (const t of ts) for (const [r, n] of Object.entries(t.reasons)) reasons[r] = (reasons[r] ?? 0) + n;
  return { requestsPerSec: rps, successRate: rps > 0 ? ok / rps : 1, reasons };
}
