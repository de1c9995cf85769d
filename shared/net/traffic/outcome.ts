/**
 * What one request ends with, and a distribution of such endings (weights summing to 1) for
 * the many requests of a flow: kube-proxy spreads them over endpoints, so different requests
 * of one client meet different fates.
 */
import type { DropReason } from "../trace-types.ts";

/**
 * Why a request failed, in the words the client prints: the data plane's drop reasons, a DNS
 * lookup that timed out, or an HTTP error status from the server (or a proxy in between).
 */
export type FailureReason = DropReason | "DNS timeout" | `HTTP ${number}`;

export interface Outcome {
  ok: boolean;
  /** HTTP status when a server (or ingress-nginx) answered. */
  status?: number;
  body?: string;
  /** Set when !ok. For a dependency's failure: the root cause, as deep as it happened. */
  reason?: FailureReason;
  /** One line: where and why (`kube-proxy on node-a: default/web has no endpoints`). */
  detail: string;
  /** Estimated latency of this request (ms), failures included (a timeout costs its timeout). */
  latencyMs: number;
  /** Address the client connected to (after DNS), for tools' messages. */
  connectIP?: string;
  /** The endpoint that served it (`ip:port`), when one did. */
  endpoint?: string;
  /** The Service the request was addressed to (`ns/name`), when known (ClusterIP, NodePort, Ingress backend). */
  service?: string;
  /** The Service whose application received the request (it answered, maybe with an error). */
  servedBy?: string;
}

export interface Weighted {
  weight: number;
  outcome: Outcome;
}
export type Distribution = Weighted[];

export function single(outcome: Outcome): Distribution {
  return [{ weight: 1, outcome }];
}

export function fail(reason: FailureReason, detail: string, latencyMs: number, extra: Partial<Outcome> = {}): Outcome {
  return { ok: false, reason, detail, latencyMs, ...extra };
}

/** Failures a client waits out rather than being told (SYNs or datagrams silently dropped). */
export function isSilentDrop(reason: FailureReason | undefined): boolean {
  return reason === "i/o timeout" || reason === "dropped by NetworkPolicy" || reason === "fragmentation needed" || reason === "DNS timeout";
}

/** Success fraction of a distribution. */
export function successFraction(d: Distribution): number {
  let s = 0;
  for (const w of d) if (w.outcome.ok) s += w.weight;
  return s;
}

/**
 * The member a single request gets: the one whose cumulative weight covers `u` in [0, 1).
 * Tools pass a value derived from the command, so a read does not draw from the cluster rng.
 */
export function pick(d: Distribution, u: number): Outcome {
  let acc = 0;
  for (const w of d) {
    acc += w.weight;
    if (u < acc) return w.outcome;
  }
  return d[d.length - 1].outcome;
}

/** Client-side timeouts used for latency estimates: curl/Go dial defaults are far longer; apps usually cap at a few seconds. */
export const CONNECT_TIMEOUT_MS = 5_000;
/** The stub resolver: 5 s per try, 2 tries (glibc defaults attempts:2 timeout:5). */
export const DNS_TIMEOUT_MS = 10_000;
