/**
 * Ending a pod's life on the node: activeDeadlineSeconds (DeadlineExceeded), and stopping every
 * container for a graceful deletion, an eviction (killPod) or a deadline; a deleted pod is
 * removed from the store once its containers stopped, freeing its runtime state and IP.
 */
import { setBlockedOn } from "./blocked-index.ts";
import { killContainer, wakeAt, type SyncEnv } from "./containers.ts";
import { releasePod } from "./node-accounting.ts";

const KUBELET = "kubelet";

export function checkActiveDeadline(env: SyncEnv): void {
  const ads = env.pod.spec.activeDeadlineSeconds;
  if (ads === undefined) return;
  const deadline = env.rt.admittedMs + ads * 1000;
  if (env.nowMs < deadline) return wakeAt(env, deadline);
  const message = "Pod was active on the node longer than the specified deadline";
  env.ctx.recordEvent(env.pod, "Normal", "DeadlineExceeded", message, { component: KUBELET, host: env.pod.spec.nodeName });
  env.rt.killedFor = { reason: "DeadlineExceeded", message };
  env.changed = true;
}

/**
 * Stop every container (graceful deletion, eviction, deadline). A deleted pod is removed from
 * the store once its containers stopped (returns true: nothing left to post).
 */
export function terminatePod(env: SyncEnv): boolean {
  const { ctx, pod, rt, nowMs } = env;
  if (rt.terminatingSinceMs === undefined) {
    rt.terminatingSinceMs = nowMs;
    env.changed = true;
  }
  const graceMs = (pod.metadata.deletionGracePeriodSeconds ?? rt.killGraceSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30) * 1000;
  const deadlineMs = rt.terminatingSinceMs + graceMs;
  let running = false;
  for (const crt of [...rt.initContainers, ...rt.containers]) {
    const cur = crt.current;
    if (!cur || cur.exited) continue;
    if (!cur.stopping) killContainer(env, crt, `Stopping container ${crt.name}`, Math.max(0, deadlineMs - nowMs));
    if (!cur.exited) running = true;
  }
  if (running) return false;
  if (pod.metadata.deletionTimestamp) {
    setBlockedOn(ctx.state, rt, []);
    releasePod(ctx.state, rt);
    delete ctx.state.pods[rt.uid];
    ctx.store.remove("Pod", rt.key);
    return true;
  }
  if (!rt.terminal) {
    rt.terminal = true;
    env.changed = true;
  }
  return false;
}
