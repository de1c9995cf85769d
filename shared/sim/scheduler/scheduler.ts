import type { Stored } from "../../k8s/kinds.ts";
import type { Node } from "../../k8s/schema/node.ts";
import type { Pod } from "../../k8s/schema/pod.ts";
import type { Controller, SimContext } from "../controller.ts";
import type { Store } from "../store.ts";
import { SchedulerCache } from "./cache.ts";
import { ActiveHeap, backoffDurationMs, POD_MAX_IN_UNSCHEDULABLE_PODS_MS, queueState, type QueuedPodInfo } from "./queue.ts";
import { SCHEDULER_NAME, schedulePod, withPodScheduledCondition } from "./schedule-one.ts";
import { nodeEventPlugins, podIsUpdated, ASSIGNED_POD_DELETE_PLUGINS, NODE_ADD_PLUGINS } from "./cluster-events.ts";

const NAME = "scheduler";
/** Queue key that drains the activeQ; per-pod timers use `wake/<pod key>`. */
const CYCLE = "cycle";
const WAKE = "wake/";
const SOURCE = { component: SCHEDULER_NAME };

/** What the scheduler derives from the store and its persisted queue; rebuilt after a restore. */
interface SchedulerRuntime {
  cache: SchedulerCache;
  heap: ActiveHeap;
  /** Keys of pods in unschedulablePods, for moving them on cluster events. */
  unschedulable: Set<string>;
}


function runtime(ctx: SimContext): SchedulerRuntime {
  let rt = ctx.store.derived.get("scheduler") as SchedulerRuntime | undefined;
  if (!rt) {
    const st = queueState(ctx.state);
    rt = { cache: new SchedulerCache(ctx.store), heap: new ActiveHeap(st), unschedulable: new Set() };
    for (const [key, info] of Object.entries(st.pods)) if (info.queue === "unschedulable") rt.unschedulable.add(key);
    ctx.store.derived.set("scheduler", rt);
  }
  return rt;
}

/** Whether the default scheduler should place this pod: unbound, ours, not finished or going away. */
export function needsScheduling(pod: Pod): boolean {
  if (pod.spec.nodeName || pod.metadata.deletionTimestamp) return false;
  if ((pod.spec.schedulerName ?? SCHEDULER_NAME) !== SCHEDULER_NAME) return false;
  const phase = pod.status?.phase;
  return phase !== "Succeeded" && phase !== "Failed";
}

function activate(key: string, info: QueuedPodInfo, rt: SchedulerRuntime, ctx: SimContext): void {
  info.queue = "active";
  rt.unschedulable.delete(key);
  rt.heap.push(key, info);
  ctx.enqueue(NAME, CYCLE);
}

/** A pod leaving unschedulablePods goes to the backoffQ if its backoff has not expired yet, else to the activeQ. */
function moveToActiveOrBackoff(key: string, info: QueuedPodInfo, rt: SchedulerRuntime, ctx: SimContext): void {
  const backoffEnd = info.lastFailureMs + backoffDurationMs(info.attempts);
  const now = ctx.nowMs();
  if (backoffEnd > now) {
    info.queue = "backoff";
    rt.unschedulable.delete(key);
    ctx.enqueueAfter(NAME, WAKE + key, backoffEnd - now);
  } else {
    activate(key, info, rt, ctx);
  }
}

/** movePodsToActiveOrBackoffQueue: requeue the unschedulable pods a cluster event may help. */
function onClusterEvent(plugins: ReadonlySet<string>, rt: SchedulerRuntime, ctx: SimContext): void {
  if (rt.unschedulable.size === 0 || plugins.size === 0) return;
  const st = queueState(ctx.state);
  for (const key of [...rt.unschedulable].sort()) {
    const info = st.pods[key];
    if (!info) {
      rt.unschedulable.delete(key);
      continue;
    }
    // A pod rejected without a plugin (no nodes at all) is retried on any event.
    if (info.rejectedBy.length === 0 || info.rejectedBy.some((p) => plugins.has(p))) moveToActiveOrBackoff(key, info, rt, ctx);
  }
}

function onPod(key: string, pod: Stored<Pod> | undefined, old: Stored<Pod> | undefined, rt: SchedulerRuntime, ctx: SimContext): void {
  const wasCounted = rt.cache.isAccounted(key);
  rt.cache.setPod(key, pod);
  if (wasCounted && !rt.cache.isAccounted(key)) onClusterEvent(ASSIGNED_POD_DELETE_PLUGINS, rt, ctx);
  const st = queueState(ctx.state);
  const info = st.pods[key];
  if (!pod || !needsScheduling(pod)) {
    if (info) {
      delete st.pods[key];
      rt.unschedulable.delete(key);
    }
    return;
  }
  if (!info) {
    const fresh: QueuedPodInfo = { queue: "active", seq: ++st.seq, priority: pod.spec.priority ?? 0, attempts: 0, lastFailureMs: 0, rejectedBy: [] };
    st.pods[key] = fresh;
    activate(key, fresh, rt, ctx);
  } else if (info.queue === "unschedulable" && old && podIsUpdated(old, pod)) {
    moveToActiveOrBackoff(key, info, rt, ctx);
  }
}

function onNode(node: Stored<Node> | undefined, old: Stored<Node> | undefined, name: string, rt: SchedulerRuntime, ctx: SimContext): void {
  if (!node) {
    rt.cache.removeNode(name);
    return;
  }
  rt.cache.setNode(node);
  if (!old) onClusterEvent(NODE_ADD_PLUGINS, rt, ctx);
  else if (rt.unschedulable.size > 0) onClusterEvent(nodeEventPlugins(old, node), rt, ctx);
}

function scheduleOne(key: string, rt: SchedulerRuntime, ctx: SimContext): void {
  const st = queueState(ctx.state);
  const info = st.pods[key];
  const pod = ctx.store.get("Pod", key);
  if (!info) return;
  if (!pod || !needsScheduling(pod)) {
    delete st.pods[key];
    return;
  }
  info.attempts++;
  const now = ctx.nowMs();
  const result = schedulePod(pod, rt.cache, st, ctx);
  const ref = `${pod.metadata.namespace}/${pod.metadata.name}`;
  if (result.ok) {
    // The binding subresource: the API server sets spec.nodeName and PodScheduled=True in one write.
    const conditions = withPodScheduledCondition(pod, "True", now) ?? pod.status?.conditions;
    const bound = ctx.store.update("Pod", { ...pod, spec: { ...pod.spec, nodeName: result.node }, status: { ...pod.status, conditions } });
    delete st.pods[key];
    ctx.recordEvent(bound, "Normal", "Scheduled", `Successfully assigned ${ref} to ${result.node}`, SOURCE);
    return;
  }
  info.queue = "unschedulable";
  info.seq = ++st.seq;
  info.lastFailureMs = now;
  info.rejectedBy = result.rejectedBy;
  rt.unschedulable.add(key);
  ctx.enqueueAfter(NAME, WAKE + key, POD_MAX_IN_UNSCHEDULABLE_PODS_MS);
  const conditions = withPodScheduledCondition(pod, "False", now, "Unschedulable", result.message);
  const current = conditions ? ctx.store.updateStatus("Pod", key, { ...pod.status, conditions }) : pod;
  ctx.recordEvent(current, "Warning", "FailedScheduling", result.message, SOURCE);
}

/** A timer for one pod: its backoff ended, or it has been unschedulable for 5 minutes. */
function wake(key: string, rt: SchedulerRuntime, ctx: SimContext): void {
  const info = queueState(ctx.state).pods[key];
  if (!info) return;
  const now = ctx.nowMs();
  if (info.queue === "backoff" && now >= info.lastFailureMs + backoffDurationMs(info.attempts)) activate(key, info, rt, ctx);
  else if (info.queue === "unschedulable" && now - info.lastFailureMs >= POD_MAX_IN_UNSCHEDULABLE_PODS_MS) moveToActiveOrBackoff(key, info, rt, ctx);
}

/**
 * kube-scheduler with the default profile. Pods without spec.nodeName wait in a priority
 * queue; each cycle tries every pod in the activeQ, highest priority first: filter, score,
 * bind. Pods that fit nowhere get a FailedScheduling event and wait in unschedulablePods until
 * a cluster event that may help (a node added or changed, an assigned pod gone) or 5 minutes.
 *
 * Simplification: all pods in the activeQ are tried in the tick they become active (the real
 * scheduler does a few hundred per second), which keeps a 30,000-pod burst to one tick.
 */
export const schedulerController: Controller = {
  name: NAME,
  watches: {
    Pod: (ev, ctx) => onPod(ev.key, ev.type === "DELETED" ? undefined : (ev.object as Stored<Pod>), ev.old as Stored<Pod> | undefined, runtime(ctx), ctx),
    Node: (ev, ctx) => onNode(ev.type === "DELETED" ? undefined : (ev.object as Stored<Node>), ev.old as Stored<Node> | undefined, ev.key, runtime(ctx), ctx),
  },
  sync(key, ctx) {
    const rt = runtime(ctx);
    // A pod whose backoff just ended is tried in this same tick.
    if (key.startsWith(WAKE)) wake(key.slice(WAKE.length), rt, ctx);
    const st = queueState(ctx.state);
    for (let next = rt.heap.pop(st); next !== undefined; next = rt.heap.pop(st)) scheduleOne(next, rt, ctx);
  },
};

/** For tests and tools: is this pod waiting in the scheduling queue, and where. */
export function queuedPod(ctx: SimContext, key: string): QueuedPodInfo | undefined {
  return queueState(ctx.state).pods[key];
}
