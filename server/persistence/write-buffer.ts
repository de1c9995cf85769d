/**
 * Batches journal writes: operations queue in memory and are written together, in order, in
 * one transaction every `intervalMs` (or at once for urgent ones such as results). This is the
 * durability guarantee: a crash loses at most the operations queued since the last committed
 * batch, i.e. at most `intervalMs` plus one batch's write time of commands (default 200 ms,
 * well under a second). The promise of a queued operation resolves when its batch commits;
 * it never rejects: a failed batch is kept and retried with back-off (and reported), so callers
 * may fire and forget without risking an unhandled rejection.
 */
export interface WriteBufferOptions {
  intervalMs?: number;
  /** A batch committed: how long it took and how many operations it held. */
  onWritten?: (seconds: number, ops: number) => void;
  /** A batch failed (it stays queued and is retried). */
  onFailed?: (error: unknown, ops: number) => void;
  /** An operation arrived after close(): it is not written. */
  onDropped?: (ops: number) => void;
  /** Longest back-off between retries of a failing batch. */
  maxBackoffMs?: number;
}

export class WriteBuffer<Op> {
  private ops: Op[] = [];
  private waiters: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private timerDue = Infinity;
  private running: Promise<boolean> | undefined;
  private failures = 0;
  private closed = false;
  private readonly intervalMs: number;

  constructor(
    private readonly write: (ops: Op[]) => Promise<void>,
    private readonly opts: WriteBufferOptions = {},
  ) {
    this.intervalMs = opts.intervalMs ?? 200;
  }

  /** Operations queued and not yet committed. */
  get pending(): number {
    return this.ops.length;
  }

  push(op: Op, urgent = false): Promise<void> {
    if (this.closed) {
      this.opts.onDropped?.(1);
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      this.ops.push(op);
      this.waiters.push(resolve);
      this.schedule(urgent ? 0 : this.intervalMs);
    });
  }

  private schedule(delayMs: number): void {
    const due = Date.now() + delayMs;
    if (this.timer && this.timerDue <= due) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerDue = due;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerDue = Infinity;
      void this.flush().catch(() => {});
    }, delayMs);
    this.timer.unref();
  }

  /** Writes one batch of what is queued now; false if it failed (the batch is requeued). */
  private async drain(): Promise<boolean> {
    const ops = this.ops;
    const waiters = this.waiters;
    this.ops = [];
    this.waiters = [];
    const started = performance.now();
    try {
      await this.write(ops);
    } catch (e) {
      this.ops = ops.concat(this.ops);
      this.waiters = waiters.concat(this.waiters);
      this.failures++;
      this.opts.onFailed?.(e, ops.length);
      if (!this.closed) this.schedule(Math.min(this.opts.maxBackoffMs ?? 5000, this.intervalMs * 2 ** this.failures));
      return false;
    }
    this.failures = 0;
    this.opts.onWritten?.((performance.now() - started) / 1000, ops.length);
    for (const w of waiters) w();
    return true;
  }

  /** Commits everything queued so far; throws if a batch fails (it stays queued). */
  async flush(): Promise<void> {
    for (;;) {
      if (this.running) {
        await this.running;
        continue;
      }
      if (this.ops.length === 0) return;
      this.running = this.drain();
      const okBatch = await this.running.finally(() => (this.running = undefined));
      if (!okBatch) throw new Error(`journal write failed; ${this.ops.length} operation(s) still queued`);
    }
  }

  /**
   * Flushes (retrying a failing batch up to `attempts` times) and refuses further writes.
   * Returns how many queued operations could not be written.
   */
  async close(attempts = 5): Promise<number> {
    for (let i = 0; i < attempts; i++) {
      try {
        await this.flush();
        break;
      } catch {
        await new Promise((r) => setTimeout(r, Math.min(1000, this.intervalMs * 2 ** i)));
      }
    }
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const lost = this.ops.length;
    this.ops = [];
    for (const w of this.waiters) w();
    this.waiters = [];
    return lost;
  }
}
