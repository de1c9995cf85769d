import type { ClusterState } from "../state.ts";

/** podInitialBackoffDuration and podMaxBackoffDuration (kube-scheduler defaults). */
export const POD_INITIAL_BACKOFF_MS = 1000;
export const POD_MAX_BACKOFF_MS = 10_000;
/** podMaxInUnschedulablePodsDuration: an unschedulable pod is retried at the latest after this. */
export const POD_MAX_IN_UNSCHEDULABLE_PODS_MS = 5 * 60 * 1000;

/** One pod waiting in the scheduling queue. */
export interface QueuedPodInfo {
  /** activeQ (ready to be tried), backoffQ (waiting out its backoff) or unschedulablePods. */
  queue: "active" | "backoff" | "unschedulable";
  /** Order of arrival (QueuedPodInfo.Timestamp): equal priorities are tried first-come first-served. */
  seq: number;
  priority: number;
  /** Scheduling attempts so far: the backoff doubles with each. */
  attempts: number;
  /** Simulated ms of the last failed attempt. */
  lastFailureMs: number;
  /** Plugins that rejected the pod last time: only cluster events they care about requeue it. */
  rejectedBy: string[];
}

/** The scheduling queue's persistent part: lives in the cluster state so a restore continues exactly. */
export interface SchedulingQueueState {
  nextStartNodeIndex: number;
  seq: number;
  pods: Record<string, QueuedPodInfo>;
}

/**
 * Where the scheduler keeps its queue in the state.
 */
export function queueState(state: ClusterState): SchedulingQueueState {
  return (state.scheduler ??= { nextStartNodeIndex: 0, seq: 0, pods: {} });
}

/** calculateBackoffDuration: 1s doubled per attempt after the first, at most 10s. */
export function backoffDurationMs(attempts: number): number {
  let d = POD_INITIAL_BACKOFF_MS;
  for (let i = 1; i < attempts; i++) {
    if (d > POD_MAX_BACKOFF_MS - d) return POD_MAX_BACKOFF_MS;
    d += d;
  }
  return d;
}

/**
 * The activeQ ordering of the PrioritySort plugin: higher spec.priority first, then earlier
 * arrival. A binary heap over keys; entries that left the activeQ since are skipped on pop
 * (the persisted `pods` record is the truth, the heap only an index rebuilt on restore).
 */
export class ActiveHeap {
  private readonly heap: { key: string; priority: number; seq: number }[] = [];

  constructor(st: SchedulingQueueState) {
    for (const [key, info] of Object.entries(st.pods)) if (info.queue === "active") this.push(key, info);
  }

  get size(): number {
    return this.heap.length;
  }

  push(key: string, info: QueuedPodInfo): void {
    const h = this.heap;
    h.push({ key, priority: info.priority, seq: info.seq });
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i], h[parent])) break;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  /** The next pod to try, skipping stale entries. */
  pop(st: SchedulingQueueState): string | undefined {
    for (;;) {
      const top = this.popRaw();
      if (!top) return undefined;
      const info = st.pods[top.key];
      if (info && info.queue === "active" && info.seq === top.seq) return top.key;
    }
  }

  private popRaw(): { key: string; priority: number; seq: number } | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l], h[m])) m = l;
        if (r < h.length && before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}

function before(a: { priority: number; seq: number }, b: { priority: number; seq: number }): boolean {
  return a.priority > b.priority || (a.priority === b.priority && a.seq < b.seq);
}
