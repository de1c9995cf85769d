/**
 * The debrief's timeline: what was injected, who ran what, when each goal flipped, and the
 * cluster Events an SRE would point at in a post-mortem (every Warning, plus the Normal events
 * that mark a change: scaling, killing, rollbacks). Capped so a long drill stays small.
 */
import type { Cluster } from "../sim/cluster.ts";
import type { KubeEvent } from "../k8s/schema/misc.ts";

export interface TimelineEntry {
  tick: number;
  type: "fault" | "command" | "goal" | "event" | "hint" | "resolved";
  text: string;
  player?: string;
  exitCode?: number;
}

const NORMAL_REASONS = new Set(["ScalingReplicaSet", "Killing", "DeploymentRollback", "NodeNotReady", "RemovingNode", "TaintManagerEviction", "Evicted"]);
export const MAX_EVENT_ENTRIES = 400;

export class SessionTimeline {
  readonly entries: TimelineEntry[] = [];
  private eventCount = 0;

  constructor(private readonly cluster: Cluster) {
    cluster.store.watch((ev) => {
      if (ev.kind !== "Event" || ev.type !== "ADDED") return;
      const e = ev.object as KubeEvent;
      if (e.type !== "Warning" && !NORMAL_REASONS.has(e.reason)) return;
      if (this.eventCount >= MAX_EVENT_ENTRIES) return;
      this.eventCount++;
      const obj = e.involvedObject;
      this.entries.push({ tick: this.cluster.tickCount, type: "event", text: `${e.type} ${e.reason} ${obj.kind?.toLowerCase() ?? ""}/${obj.name}: ${e.message ?? ""}` });
    });
  }

  add(entry: TimelineEntry): void {
    this.entries.push(entry);
  }
}
