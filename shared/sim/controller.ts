import type { Kind, Stored } from "../k8s/kinds.ts";
import type { EventRecorder, EventSource } from "./events.ts";
import type { Store, WatchEvent } from "./store.ts";
import type { ClusterState } from "./state.ts";

/**
 * What a controller sees during a tick. Controllers reconcile *levels*: `sync(key)` looks at
 * the whole current state of that key and moves it one step toward desired. The informer
 * handlers only decide which keys are worth a look; they never act.
 */
export interface SimContext {
  readonly state: ClusterState;
  readonly store: Store;
  /** Simulated wall-clock now, Unix ms. */
  nowMs(): number;
  /** Add `key` to `controller`'s queue for this or the next tick (workqueue.Add). */
  enqueue(controller: string, key: string): void;
  /** Add `key` to `controller`'s queue once `delayMs` of simulated time has passed (workqueue.AddAfter). */
  enqueueAfter(controller: string, key: string, delayMs: number): void;
  recordEvent(
    involved: Stored,
    type: "Normal" | "Warning",
    reason: string,
    message: string,
    source: EventSource,
    fieldPath?: string,
  ): void;
  readonly recorder: EventRecorder;
}

export interface Controller {
  /** Unique; also the queue name. */
  readonly name: string;
  /**
   * Informer handlers: for a change to an object of a watched kind, enqueue the keys of this
   * controller that may need work. Called synchronously on every write, so keep them O(1)-ish.
   */
  readonly watches?: Partial<Record<Kind, (ev: WatchEvent, ctx: SimContext) => void>>;
  /** Reconcile one key. Must tolerate keys whose object no longer exists. */
  sync(key: string, ctx: SimContext): void;
}
