import type { Kind } from "../k8s/kinds.ts";
import type { Controller, SimContext } from "./controller.ts";
import { EventRecorder } from "./events.ts";
import type { ClusterState } from "./state.ts";
import { Store } from "./store.ts";
import { peekTimer, popTimer, pushTimer } from "./timers.ts";

/**
 * The simulation engine: the store, its derived indexes, the controllers in their fixed order,
 * and their work queues. The state is the only thing that persists; everything here is
 * rebuilt from it on restore.
 */
export class Engine implements SimContext {
  readonly store: Store;
  readonly recorder: EventRecorder;
  /** Derived from state.queues for O(1) de-duplication. */
  private readonly queued = new Map<string, Set<string>>();
  private readonly handlers = new Map<Kind, { controller: Controller; handler: NonNullable<Controller["watches"]>[Kind] }[]>();

  constructor(
    readonly state: ClusterState,
    readonly controllers: readonly Controller[],
    opts: { freeze?: boolean } = {},
  ) {
    this.store = new Store(state, opts.freeze ?? false);
    this.recorder = new EventRecorder(this.store);
    for (const c of controllers) {
      state.queues[c.name] ??= [];
      this.queued.set(c.name, new Set(state.queues[c.name]));
      for (const [kind, handler] of Object.entries(c.watches ?? {}) as [Kind, NonNullable<Controller["watches"]>[Kind]][]) {
        if (!this.handlers.has(kind)) this.handlers.set(kind, []);
        this.handlers.get(kind)!.push({ controller: c, handler });
      }
    }
    this.store.watch((ev) => {
      for (const { handler } of this.handlers.get(ev.kind) ?? []) handler!(ev, this);
    });
  }

  nowMs(): number {
    return this.state.epochMs + this.state.tick * this.state.msPerTick;
  }

  enqueue(controller: string, key: string): void {
    const set = this.queued.get(controller);
    if (!set) throw new Error(`enqueue: no controller named ${controller}`);
    if (set.has(key)) return;
    set.add(key);
    this.state.queues[controller].push(key);
  }

  enqueueAfter(controller: string, key: string, delayMs: number): void {
    if (delayMs <= 0) return this.enqueue(controller, key);
    const due = this.state.tick + Math.max(1, Math.ceil(delayMs / this.state.msPerTick));
    pushTimer(this.state.timers, { due, seq: ++this.state.seq.timer, controller, key });
  }

  recordEvent(...args: Parameters<EventRecorder["record"]>): void {
    this.recorder.record(...args);
  }

  /**
   * One tick: advance the clock, release due timers into their queues, then let each
   * controller, in fixed order, drain what was queued before it started (work it queues for
   * itself waits for the next tick, so a tick's work is bounded).
   */
  step(): void {
    const st = this.state;
    st.tick++;
    for (let t = peekTimer(st.timers); t && t.due <= st.tick; t = peekTimer(st.timers)) {
      popTimer(st.timers);
      this.enqueue(t.controller, t.key);
    }
    for (const c of this.controllers) {
      const queue = st.queues[c.name];
      if (queue.length === 0) continue;
      st.queues[c.name] = [];
      const set = this.queued.get(c.name)!;
      set.clear();
      for (const key of queue) c.sync(key, this);
    }
  }

  /** True when no controller has queued work and no timer is due on the next tick. */
  idle(): boolean {
    const next = peekTimer(this.state.timers);
    if (next && next.due <= this.state.tick + 1) return false;
    for (const c of this.controllers) if (this.state.queues[c.name].length > 0) return false;
    return true;
  }
}
