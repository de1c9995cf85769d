import type { Stored } from "../../k8s/kinds.ts";
import type { Condition } from "../../k8s/schema/meta.ts";
import type { Node, Taint } from "../../k8s/schema/node.ts";
import type { Pod, Toleration } from "../../k8s/schema/pod.ts";
import { toleratesTaint } from "../../k8s/taints.ts";
import { formatTimestamp } from "../../k8s/time.ts";
import { canonicalJSON } from "../../util/canonical.ts";
import { deleteObject } from "../api/server.ts";
import type { Controller, SimContext } from "../controller.ts";
import type { Engine } from "../loop.ts";
import type { ClusterState } from "../state.ts";

const NAME = "taint-eviction";
const SOURCE = { component: "taint-eviction-controller" };
const NODE = "node/";
const POD = "pod/";

/** A scheduled eviction (the timed worker of the real controller): when it was created and when it fires. */
export interface ScheduledEviction {
  createdAtMs: number;
  fireAtMs: number;
}

/**
 * Scheduled evictions by pod key, kept in the cluster state so a restore continues exactly.
 */
export function scheduledEvictions(state: ClusterState): Record<string, ScheduledEviction> {
  return (state.taintEviction ??= {});
}

function noExecuteTaints(node: Node | undefined): Taint[] {
  return (node?.spec?.taints ?? []).filter((t) => t.effect === "NoExecute");
}

/**
 * GetMatchingTolerations + getMinTolerationTime: undefined when some taint is not tolerated
 * (evict now); otherwise the shortest tolerationSeconds among the tolerations used, in ms,
 * 0 for a non-positive one, -1 when none has a limit (stay forever).
 */
export function minTolerationMs(taints: readonly Taint[], tolerations: readonly Toleration[]): number | undefined {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const matching = tolerations.filter((t) => toleratesTaint(t, taint));
    if (matching.length === 0) return undefined;
    used.push(...matching);
  }
  if (used.length === 0) return 0;
  let min = Infinity;
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Infinity ? -1 : min * 1000;
}

function cancel(key: string, pod: Stored<Pod> | undefined, ctx: SimContext, withEvent: boolean): void {
  const evictions = scheduledEvictions(ctx.state);
  if (!evictions[key]) return;
  delete evictions[key];
  if (withEvent && pod) ctx.recordEvent(pod, "Normal", "TaintManagerEviction", `Cancelling deletion of Pod ${key}`, SOURCE);
}

/** addConditionAndDeletePod: DisruptionTarget=True, then an ordinary (graceful) delete. */
function evict(key: string, pod: Stored<Pod>, ctx: SimContext): void {
  delete scheduledEvictions(ctx.state)[key];
  ctx.recordEvent(pod, "Normal", "TaintManagerEviction", `Marking for deletion Pod ${key}`, SOURCE);
  const conditions = pod.status?.conditions ?? [];
  const old = conditions.find((c) => c.type === "DisruptionTarget");
  if (!old || old.status !== "True" || old.reason !== "DeletionByTaintManager") {
    const cond: Condition = {
      type: "DisruptionTarget",
      status: "True",
      lastProbeTime: null,
      lastTransitionTime: old?.status === "True" ? old.lastTransitionTime : formatTimestamp(ctx.nowMs()),
      reason: "DeletionByTaintManager",
      message: "Taint manager: deleting due to NoExecute taint",
    };
    const next = old ? conditions.map((c) => (c.type === "DisruptionTarget" ? cond : c)) : [...conditions, cond];
    ctx.store.updateStatus("Pod", key, { ...pod.status, conditions: next });
  }
  deleteObject(ctx as Engine, "Pod", pod.metadata.namespace, pod.metadata.name);
}

/** processPodOnNode: evict now, schedule an eviction, keep the one scheduled, or cancel it. */
function processPod(key: string, ctx: SimContext): void {
  const pod = ctx.store.get("Pod", key);
  const evictions = scheduledEvictions(ctx.state);
  if (!pod || !pod.spec.nodeName) {
    delete evictions[key];
    return;
  }
  /** Simplification: a pod already being deleted is left alone (the real controller would delete it again). */
  if (pod.metadata.deletionTimestamp) return;
  const taints = noExecuteTaints(ctx.store.get("Node", pod.spec.nodeName));
  if (taints.length === 0) return cancel(key, pod, ctx, true);
  const min = minTolerationMs(taints, pod.spec.tolerations ?? []);
  if (min === undefined) {
    cancel(key, pod, ctx, true);
    return evict(key, pod, ctx);
  }
  if (min < 0) return cancel(key, pod, ctx, true);
  const now = ctx.nowMs();
  // An eviction already scheduled keeps its time, as the real timed queue does.
  const scheduled = evictions[key] ?? (evictions[key] = { createdAtMs: now, fireAtMs: now + min });
  if (scheduled.fireAtMs <= now) return evict(key, pod, ctx);
  if (scheduled.createdAtMs === now) ctx.enqueueAfter(NAME, POD + key, scheduled.fireAtMs - now);
}

/**
 * The taint eviction controller (pkg/controller/tainteviction, formerly the NoExecute taint
 * manager): pods on a node with NoExecute taints they do not tolerate are deleted at once;
 * pods that tolerate them for tolerationSeconds are deleted that long after the controller
 * first saw them there; a toleration without tolerationSeconds keeps the pod forever.
 */
export const taintEvictionController: Controller = {
  name: NAME,
  watches: {
    Node: (ev, ctx) => {
      if (ev.type === "DELETED") return;
      const now = noExecuteTaints(ev.object as Node);
      const before = ev.old ? noExecuteTaints(ev.old as Node) : [];
      if (now.length === 0 && before.length === 0) return;
      if (canonicalJSON(now) !== canonicalJSON(before)) ctx.enqueue(NAME, NODE + ev.key);
    },
    Pod: (ev, ctx) => {
      const pod = ev.object as Pod;
      const old = ev.old as Pod | undefined;
      if (ev.type === "DELETED") {
        if (scheduledEvictions(ctx.state)[ev.key]) ctx.enqueue(NAME, POD + ev.key);
        return;
      }
      if (!pod.spec.nodeName) return;
      if (!old || old.spec.nodeName !== pod.spec.nodeName || old.spec.tolerations !== pod.spec.tolerations) {
        const node = ctx.store.get("Node", pod.spec.nodeName);
        if (noExecuteTaints(node).length > 0 || scheduledEvictions(ctx.state)[ev.key]) ctx.enqueue(NAME, POD + ev.key);
      }
    },
  },
  sync(key, ctx) {
    if (key.startsWith(POD)) return processPod(key.slice(POD.length), ctx);
    const node = key.slice(NODE.length);
    for (const podKey of [...ctx.store.podKeysOnNode(node)].sort()) processPod(podKey, ctx);
  },
};
