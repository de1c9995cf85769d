import type { Stored } from "../../k8s/kinds.ts";
import type { Node } from "../../k8s/schema/node.ts";
import type { Pod } from "../../k8s/schema/pod.ts";
import type { DaemonSet, DaemonSetStatus } from "../../k8s/schema/workloads.ts";
import { parseTimestamp } from "../../k8s/time.ts";
import { canonicalJSON } from "../../util/canonical.ts";
import type { Controller, SimContext } from "../controller.ts";
import { claimPods, controllerKeyOf } from "./workloads/controller-ref.ts";
import {
  CONTROLLER_REVISION_HASH_LABEL,
  TEMPLATE_GENERATION_LABEL,
  addDaemonPodTolerations,
  compileNodeEligibility,
  daemonMaxUnavailable,
  pinToNode,
  targetNodeName,
} from "./workloads/daemonset-util.ts";
import { BURST_REPLICAS, createPodFromTemplate, deletePod, slowStartBatch, type PodOwner } from "./workloads/pod-control.ts";
import { computeHash } from "./workloads/pod-template-hash.ts";
import { isPodAvailable, isPodReady, msUntilAvailable } from "./workloads/pod-state.ts";

const NAME = "daemonset";
const COMPONENT = "daemonset-controller";

/**
 * The DaemonSet controller (pkg/controller/daemon/): one pod per eligible node, pinned by node
 * affinity and bound by the default scheduler; re-evaluated when nodes come, go, or change
 * labels or taints; RollingUpdate replaces old pods within maxUnavailable.
 * Simplifications: no ControllerRevision objects (controller-revision-hash is the template
 * hash, computed like pod-template-hash); no maxSurge; no back-off before re-creating a
 * failed daemon pod; OnDelete leaves old pods alone.
 */
export const daemonSetController: Controller = {
  name: NAME,
  watches: {
    DaemonSet: (ev, ctx) => {
      if (ev.type !== "DELETED") ctx.enqueue(NAME, ev.key);
    },
    Pod: (ev, ctx) => {
      const owner = controllerKeyOf(ev.object, "DaemonSet");
      if (owner) ctx.enqueue(NAME, owner);
    },
    Node: (ev, ctx) => {
      if (ev.type === "MODIFIED" && ev.old && !nodeChangeMatters(ev.old as Stored<Node>, ev.object as Stored<Node>)) return;
      for (const ds of ctx.store.list("DaemonSet")) ctx.enqueue(NAME, `${ds.metadata.namespace}/${ds.metadata.name}`);
    },
  },
  sync(key, ctx) {
    const ds = ctx.store.get("DaemonSet", key);
    if (!ds || ds.metadata.deletionTimestamp) return;
    const hash = computeHash(ds.spec.template);
    const nodes = ctx.store.list("Node");
    manage(ctx, ds, nodes, hash);
    if ((ds.spec.updateStrategy?.type ?? "RollingUpdate") === "RollingUpdate") rollingUpdate(ctx, ds, nodes, hash);
    updateStatus(ctx, key, ds, nodes, hash);
  },
};

/** Only labels, taints and the name decide where daemons run (heartbeats do not). */
function nodeChangeMatters(old: Stored<Node>, cur: Stored<Node>): boolean {
  return canonicalJSON(old.metadata.labels) !== canonicalJSON(cur.metadata.labels) || canonicalJSON(old.spec?.taints) !== canonicalJSON(cur.spec?.taints);
}

function podsByNode(ctx: SimContext, ds: Stored<DaemonSet>): Map<string, Stored<Pod>[]> {
  const m = new Map<string, Stored<Pod>[]>();
  for (const pod of claimPods(ctx, ds, "DaemonSet", ds.spec.selector)) {
    const node = targetNodeName(pod) ?? "";
    if (!m.has(node)) m.set(node, []);
    m.get(node)!.push(pod);
  }
  for (const pods of m.values()) pods.sort(byAge);
  return m;
}

const created = (p: Pod) => parseTimestamp(p.metadata.creationTimestamp ?? "");
const byAge = (a: Stored<Pod>, b: Stored<Pod>) => created(a) - created(b) || (a.metadata.name < b.metadata.name ? -1 : 1);

function manage(ctx: SimContext, ds: Stored<DaemonSet>, nodes: Stored<Node>[], hash: string): void {
  const owner: PodOwner = { owner: ds, kind: "DaemonSet", component: COMPONENT };
  const eligible = compileNodeEligibility(ds);
  const byNode = podsByNode(ctx, ds);
  const needing: string[] = [];
  const toDelete: Stored<Pod>[] = [];
  const nodeNames = new Set(nodes.map((n) => n.metadata.name));
  for (const node of nodes) {
    const name = node.metadata.name;
    const { shouldRun, shouldContinueRunning } = eligible(node);
    const pods = byNode.get(name);
    if (shouldRun && !pods) needing.push(name);
    else if (shouldContinueRunning && pods) {
      const running: Stored<Pod>[] = [];
      for (const pod of pods) {
        if (pod.metadata.deletionTimestamp) continue;
        if (pod.status?.phase === "Failed" || pod.status?.phase === "Succeeded") {
          if (pod.status.phase === "Failed") {
            const msg = `Found failed daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${name}, will try to kill it`;
            ctx.recordEvent(ds, "Warning", "FailedDaemonPod", msg, { component: COMPONENT });
          }
          toDelete.push(pod);
          continue;
        }
        running.push(pod);
      }
      if (running.length > 1) toDelete.push(...running.sort(byAge).slice(1));
    } else if (!shouldContinueRunning && pods) toDelete.push(...pods.filter((p) => !p.metadata.deletionTimestamp));
  }
  // Unscheduled pods meant for nodes that no longer exist.
  for (const [node, pods] of [...byNode].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!nodeNames.has(node)) toDelete.push(...pods.filter((p) => !p.spec.nodeName && !p.metadata.deletionTimestamp));
  }
  const template = {
    ...ds.spec.template,
    metadata: {
      ...(ds.spec.template.metadata ?? {}),
      labels: {
        ...(ds.spec.template.metadata?.labels ?? {}),
        [CONTROLLER_REVISION_HASH_LABEL]: hash,
        [TEMPLATE_GENERATION_LABEL]: String(ds.metadata.generation ?? 1),
      },
    },
    spec: { ...ds.spec.template.spec, tolerations: addDaemonPodTolerations(ds.spec.template.spec) },
  };
  let i = 0;
  slowStartBatch(Math.min(needing.length, BURST_REPLICAS), () => {
    const node = needing[i++];
    const r = createPodFromTemplate(ctx, owner, template, (p) => ({ ...p, spec: pinToNode(p.spec, node) }));
    return r.ok ? undefined : r.error;
  });
  for (const pod of toDelete.slice(0, BURST_REPLICAS)) deletePod(ctx, owner, pod);
}

/** rollingUpdate: delete old-template pods, unavailable ones freely, available ones within maxUnavailable. */
function rollingUpdate(ctx: SimContext, ds: Stored<DaemonSet>, nodes: Stored<Node>[], hash: string): void {
  const owner: PodOwner = { owner: ds, kind: "DaemonSet", component: COMPONENT };
  const eligible = compileNodeEligibility(ds);
  const desired = nodes.filter((n) => eligible(n).shouldRun).length;
  const maxUnavailable = daemonMaxUnavailable(ds, desired);
  const minReady = ds.spec.minReadySeconds ?? 0;
  const now = ctx.nowMs();
  let numUnavailable = 0;
  const replaceFree: Stored<Pod>[] = [];
  const candidates: Stored<Pod>[] = [];
  for (const [, pods] of [...podsByNode(ctx, ds)].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const live = pods.filter((p) => !p.metadata.deletionTimestamp);
    const fresh = live.filter((p) => p.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] === hash);
    const old = live.filter((p) => p.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] !== hash);
    if (live.length !== 1) {
      numUnavailable++;
      continue;
    }
    if (fresh.length === 1) {
      if (!isPodAvailable(fresh[0], minReady, now)) numUnavailable++;
      continue;
    }
    if (!isPodAvailable(old[0], minReady, now)) replaceFree.push(old[0]);
    else if (numUnavailable < maxUnavailable) candidates.push(old[0]);
  }
  const budget = Math.max(0, Math.min(maxUnavailable - numUnavailable, candidates.length));
  for (const pod of [...replaceFree, ...candidates.slice(0, budget)]) deletePod(ctx, owner, pod);
}

function updateStatus(ctx: SimContext, key: string, ds: Stored<DaemonSet>, nodes: Stored<Node>[], hash: string): void {
  const eligible = compileNodeEligibility(ds);
  const byNode = podsByNode(ctx, ds);
  const now = ctx.nowMs();
  const minReady = ds.spec.minReadySeconds ?? 0;
  let desired = 0, current = 0, misscheduled = 0, ready = 0, available = 0, updated = 0;
  let nextCheck: number | undefined;
  for (const node of nodes) {
    const pods = byNode.get(node.metadata.name);
    if (!eligible(node).shouldRun) {
      if (pods) misscheduled++;
      continue;
    }
    desired++;
    if (!pods) continue;
    current++;
    const pod = [...pods].sort(byAge)[0];
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, now)) available++;
      else {
        const wait = msUntilAvailable(pod, minReady, now);
        if (wait !== undefined) nextCheck = Math.min(nextCheck ?? wait, wait);
      }
    }
    if (pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] === hash) updated++;
  }
  const status: DaemonSetStatus = {
    currentNumberScheduled: current,
    numberMisscheduled: misscheduled,
    desiredNumberScheduled: desired,
    numberReady: ready,
    observedGeneration: ds.metadata.generation,
    ...(updated ? { updatedNumberScheduled: updated } : {}),
    ...(available ? { numberAvailable: available } : {}),
    ...(desired - available ? { numberUnavailable: desired - available } : {}),
  };
  const cur = ctx.store.get("DaemonSet", key);
  if (cur && canonicalJSON(cur.status) !== canonicalJSON(status)) ctx.store.updateStatus("DaemonSet", key, status);
  if (nextCheck !== undefined) ctx.enqueueAfter(NAME, key, nextCheck);
}
