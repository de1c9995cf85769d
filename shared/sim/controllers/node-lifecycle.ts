import type { Stored } from "../../k8s/kinds.ts";
import type { Node } from "../../k8s/schema/node.ts";
import type { Pod } from "../../k8s/schema/pod.ts";
import { formatTimestamp, parseTimestamp } from "../../k8s/time.ts";
import type { Controller, SimContext } from "../controller.ts";
import { getCondition, nodeHealthUpdate, NODE_MONITOR_PERIOD_MS } from "./nodelifecycle/health.ts";
import { noExecuteModeFor } from "./nodelifecycle/disruption.ts";
import { markPodNotReady } from "./nodelifecycle/pods.ts";
import { reconcileNodeTaints, type NoExecuteMode } from "./nodelifecycle/taints.ts";

const NAME = "node-lifecycle";
const SOURCE = { component: "node-controller" };

/**
 * The node lifecycle controller (pkg/controller/nodelifecycle), event-driven instead of a 5 s
 * scan of every node: each node has one monitor timer, due on the first monitor pass after its
 * grace period would run out; node and pod changes enqueue just what they affect.
 * Keys: `<node>` reconcile health and taints; `monitor:<node>:<uid>` the per-node timer;
 * `register:<node>` the RegisteredNode event; `notready:<node>` a Ready ⇒ not-Ready
 * transition (NodeNotReady event, MarkPodsNotReady); `pod:<ns>/<name>` a pod newly bound to a
 * node (processPod); `disruption` re-evaluates not-Ready nodes when zone health changes.
 * Taint-based eviction itself (deleting pods after tolerationSeconds) is the taint-eviction
 * controller's job.
 */
export const nodeLifecycleController: Controller = {
  name: NAME,
  watches: {
    Node: (ev, ctx) => {
      const name = ev.object.metadata.name;
      const oldReady = ev.old ? readyStatus(ev.old as Stored<Node>) : undefined;
      const newReady = readyStatus(ev.object as Stored<Node>);
      if (ev.type === "ADDED") {
        ctx.enqueue(NAME, `register:${name}`);
        ctx.enqueue(NAME, name);
        ctx.enqueue(NAME, `monitor:${name}:${ev.object.metadata.uid}`);
        return;
      }
      if (ev.type === "DELETED") {
        if (oldReady !== "True") ctx.enqueue(NAME, "disruption");
        return;
      }
      if (signature(ev.old as Stored<Node>) !== signature(ev.object as Stored<Node>)) ctx.enqueue(NAME, name);
      if (oldReady === "True" && newReady !== undefined && newReady !== "True") ctx.enqueue(NAME, `notready:${name}`);
      if ((oldReady === "True") !== (newReady === "True")) ctx.enqueue(NAME, "disruption");
    },
    Pod: (ev, ctx) => {
      if (ev.type === "DELETED") return;
      const node = (ev.object as Stored<Pod>).spec.nodeName;
      if (node && node !== (ev.old as Stored<Pod> | undefined)?.spec.nodeName) ctx.enqueue(NAME, `pod:${ev.key}`);
    },
  },
  sync(key, ctx) {
    if (key === "disruption") return reevaluateNotReadyNodes(ctx);
    const colon = key.indexOf(":");
    const kind = colon < 0 ? "" : key.slice(0, colon);
    const arg = key.slice(colon + 1);
    switch (kind) {
      case "":
        return reconcileNode(ctx, key);
      case "monitor":
        return monitor(ctx, arg);
      case "register":
        return register(ctx, arg);
      case "notready":
        return nodeBecameNotReady(ctx, arg);
      case "pod":
        return podBound(ctx, arg);
    }
  },
};

function readyStatus(node: Stored<Node> | undefined): string | undefined {
  return node ? getCondition(node, "Ready")?.status : undefined;
}

/** What the controller reacts to: condition statuses, cordon, taints. Heartbeat-only writes are ignored. */
function signature(node: Stored<Node> | undefined): string {
  if (!node) return "";
  const conds = (node.status?.conditions ?? []).map((c) => `${c.type}=${c.status}`).join(",");
  const taints = (node.spec?.taints ?? []).map((t) => `${t.key}=${t.value ?? ""}:${t.effect}`).join(",");
  return `${conds}|${node.spec?.unschedulable ? 1 : 0}|${taints}`;
}

/** tryUpdateNodeHealth, then the taints that follow from the (possibly updated) conditions. Returns the health result. */
function reconcileNode(ctx: SimContext, name: string): ReturnType<typeof nodeHealthUpdate> | undefined {
  let node = ctx.store.get("Node", name);
  if (!node) return undefined;
  const now = ctx.nowMs();
  const nowIso = formatTimestamp(now);
  const created = parseTimestamp(node.metadata.creationTimestamp);
  const probeMs = Math.max(ctx.state.nodes[name]?.lastHeartbeatMs ?? 0, created);
  const health = nodeHealthUpdate(node, {
    probeMs,
    nowMs: now,
    gracePeriodMs: ctx.state.config.nodeMonitorGracePeriodMs,
    creationIso: node.metadata.creationTimestamp,
    nowIso,
  });
  if (health.conditions) node = ctx.store.updateStatus("Node", name, { ...node.status, conditions: health.conditions });
  const ready = readyStatus(node);
  // Zone health matters only for a node that may get a NoExecute taint: skip the scan otherwise.
  const mode: NoExecuteMode = ready === "False" || ready === "Unknown" ? noExecuteModeFor(ctx.store.list("Node"), node) : "normal";
  const taints = reconcileNodeTaints(node, nowIso, mode);
  if (taints) {
    const { taints: _old, ...spec } = node.spec ?? {};
    ctx.store.update("Node", { ...node, spec: taints.length ? { ...spec, taints } : spec });
  }
  return health;
}

/** The per-node monitor timer: look at the node, then wake up at the next moment it could expire. */
function monitor(ctx: SimContext, arg: string): void {
  const [name, uid] = arg.split(":");
  const node = ctx.store.get("Node", name);
  if (!node || node.metadata.uid !== uid) return; // deleted (or replaced): this timer chain ends
  const health = reconcileNode(ctx, name);
  const now = ctx.nowMs();
  // An expired node is looked at every monitor period until its kubelet is heard from again.
  const at = health?.checkAtMs ?? now + NODE_MONITOR_PERIOD_MS;
  ctx.enqueueAfter(NAME, `monitor:${arg}`, Math.max(1, at - now));
}

function register(ctx: SimContext, name: string): void {
  const node = ctx.store.get("Node", name);
  if (node) ctx.recordEvent(node, "Normal", "RegisteredNode", `Node ${name} event: Registered Node ${name} in Controller`, SOURCE);
}

/** RecordNodeStatusChange(NodeNotReady) and MarkPodsNotReady for every pod on the node. */
function nodeBecameNotReady(ctx: SimContext, name: string): void {
  const node = ctx.store.get("Node", name);
  const ready = readyStatus(node);
  if (!node || ready === undefined || ready === "True") return;
  ctx.recordEvent(node, "Normal", "NodeNotReady", `Node ${name} status is now: NodeNotReady`, SOURCE);
  for (const key of [...ctx.store.podKeysOnNode(name)].sort()) markNotReady(ctx, key);
}

/** processPod: a pod bound to a node that is not Ready is marked not Ready too. */
function podBound(ctx: SimContext, key: string): void {
  const pod = ctx.store.get("Pod", key);
  const node = pod?.spec.nodeName ? ctx.store.get("Node", pod.spec.nodeName) : undefined;
  const ready = readyStatus(node);
  if (ready === undefined || ready === "True") return;
  markNotReady(ctx, key);
}

function markNotReady(ctx: SimContext, key: string): void {
  const pod = ctx.store.get("Pod", key);
  if (!pod) return;
  const status = markPodNotReady(pod.status, formatTimestamp(ctx.nowMs()));
  if (!status) return;
  const updated = ctx.store.updateStatus("Pod", key, status);
  ctx.recordEvent(updated, "Warning", "NodeNotReady", "Node is not ready", SOURCE);
}

/** Zone health changed: nodes that are not Ready may now gain (or lose) their NoExecute taint. */
function reevaluateNotReadyNodes(ctx: SimContext): void {
  for (const node of ctx.store.list("Node")) {
    const ready = readyStatus(node);
    if (ready === "False" || ready === "Unknown") ctx.enqueue(NAME, node.metadata.name);
  }
}
