/**
 * The hooks traceRoute (shared/net/trace.ts) calls for what lives above the packet path:
 * DNS resolution (resolve.ts), NetworkPolicy per direction (policy/evaluate.ts) and the
 * application's answer (app-answer.ts, ingress-nginx included). The data plane plugs them in
 * with one line in trace-hooks.ts: `export const DEFAULT_TRACE_HOOKS = L7_TRACE_HOOKS;`.
 */
import type { Cluster } from "../../sim/cluster.ts";
import { firstAddress, resolveName } from "../dns/resolve.ts";
import { ingressAnswer } from "../ingress/answer.ts";
import { policyAllowsDirection } from "../policy/evaluate.ts";
import type { Hop, TraceHooks } from "../trace-types.ts";
import { appAnswer } from "./app-answer.ts";

export const L7_TRACE_HOOKS: TraceHooks = {
  resolve(cluster: Cluster, name, from) {
    const src = from.pod ? { pod: from.pod } : from.node ? { node: from.node } : undefined;
    if (!src) return { ok: false, reason: "NXDOMAIN", detail: `server can't find ${name}: NXDOMAIN (no resolver outside the cluster)` };
    const r = resolveName(cluster, src, name);
    if ("error" in r) {
      return r.error === "NXDOMAIN"
        ? { ok: false, reason: "NXDOMAIN", detail: `server can't find ${r.tried[0] ?? name}: NXDOMAIN (tried ${r.tried.join(", ")})` }
        : { ok: false, reason: "i/o timeout", detail: `;; connection timed out; no servers could be reached (${r.server}: ${r.detail})` };
    }
    const ip = firstAddress(r);
    return ip ? { ok: true, ip, detail: `${r.name} via ${r.server}` } : { ok: false, reason: "NXDOMAIN", detail: `${r.name} has no A record` };
  },
  policy(cluster: Cluster, pkt) {
    const protocol = pkt.protocol === "udp" ? "UDP" : "TCP";
    if (pkt.protocol === "icmp") return { allowed: true };
    const v = policyAllowsDirection(cluster.store, pkt.direction, { fromPod: pkt.src.pod, fromIP: pkt.src.ip, toPod: pkt.dst.pod, toIP: pkt.dst.ip, port: pkt.port ?? 0, protocol });
    return v.allowed ? { allowed: true } : { allowed: false, detail: `${v.direction} denied by NetworkPolicy ${v.policies.join(", ")}` };
  },
  answer(cluster: Cluster, target, opts): Hop | undefined {
    const [ns, name] = target.pod.split("/");
    const pod = cluster.get("Pod", ns, name);
    if (!pod || (opts.protocol ?? "tcp") !== "tcp") return undefined;
    const ctx = { store: cluster.store, nowMs: cluster.nowMs, rotate: cluster.state.tick };
    const viaIngress = ingressAnswer(pod, { host: pod.status?.podIP ?? "", port: target.port, path: "/", mode: "http", requestBytes: opts.bytes ?? 64, responseBytes: opts.responseBytes ?? 0 }, ctx, 0);
    if (viaIngress && viaIngress.length > 0) {
      const o = viaIngress[0].outcome;
      return { stage: "application", at: target.pod, action: `ingress-nginx answers ${o.status ?? ""}: ${o.detail}` };
    }
    const a = appAnswer(cluster.state, pod, target.port, "/", "http", cluster.nowMs);
    if (a.kind === "refused") return { stage: "application", at: target.pod, action: "connect", dropped: { reason: "connection refused", detail: a.detail } };
    if (a.kind === "connected") return { stage: "application", at: target.pod, action: `connection accepted on ${target.port}` };
    return { stage: "application", at: target.pod, action: `GET / ⇒ HTTP ${a.status} (${a.latencyMs} ms)` };
  },
};
