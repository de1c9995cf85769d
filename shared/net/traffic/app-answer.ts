/**
 * The answer of the process behind an endpoint: nothing listens (refused), or what its image's
 * profile says for the path now (warming up 503, wedged 500, 404 for unknown paths). Ports
 * are shared by all containers of the pod; the first running container listening answers.
 */
import type { Stored } from "../../k8s/kinds.ts";
import type { Pod } from "../../k8s/schema/pod.ts";
import type { ClusterState } from "../../sim/state.ts";
import { httpGet, tcpConnect } from "../../sim/apps/process.ts";

export type AppAnswer =
  | { kind: "refused"; detail: string }
  | { kind: "connected" }
  | { kind: "http"; status: number; latencyMs: number; body: string };

/**
 * The next simulated time (Unix ms) after `nowMs` at which a container of the pod changes how
 * it answers by itself (starts listening, ends warming up, wedges, exits, a planned end): the
 * traffic model keeps its cached answers until then.
 */
export function nextAnswerChangeMs(state: ClusterState, pod: Stored<Pod>, nowMs: number): number {
  let next = Infinity;
  const at = (t: number | undefined) => {
    if (t !== undefined && t > nowMs && t < next) next = t;
  };
  for (const c of state.pods[pod.metadata.uid]?.containers ?? []) {
    const inst = c.current;
    if (!inst || inst.exited) continue;
    const p = inst.plan;
    at(inst.startedMs);
    if (p.listen) at(inst.startedMs + p.listen.fromMs);
    if (p.http) {
      at(inst.startedMs + p.http.warmupUntilMs);
      if (p.http.wedgedFromMs !== undefined) at(inst.startedMs + p.http.wedgedFromMs);
    }
    if (p.exit) at(inst.startedMs + p.exit.afterMs);
    at(inst.end?.atMs);
  }
  return next;
}

/** `mode: "tcp"` only connects (a database, redis); `"http"` sends GET `path`. */
export function appAnswer(state: ClusterState, pod: Stored<Pod>, port: number, path: string, mode: "http" | "tcp", nowMs: number): AppAnswer {
  const rt = state.pods[pod.metadata.uid];
  const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
  if (!rt || rt.podIP === undefined) return { kind: "refused", detail: `pod ${key} has no running sandbox` };
  for (const c of rt.containers) {
    const inst = c.current;
    if (!inst || inst.exited || inst.startedMs > nowMs) continue;
    const running = nowMs - inst.startedMs;
    if (!tcpConnect(inst.plan, running, port)) continue;
    if (mode === "tcp") return { kind: "connected" };
    const h = httpGet(inst.plan, running, port, path);
    if (h.kind === "refused") return { kind: "connected" };
    return { kind: "http", status: h.status, latencyMs: h.latencyMs, body: h.body };
  }
  return { kind: "refused", detail: `nothing listens on port ${port} in pod ${key}` };
}
