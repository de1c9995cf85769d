import { describe, expect, it } from "vitest";
import { WriteBuffer } from "../../../server/persistence/write-buffer.ts";

function recorder(failTimes = 0) {
  const batches: number[][] = [];
  let failures = failTimes;
  const write = async (ops: number[]) => {
    if (failures > 0) {
      failures--;
      throw new Error("database unavailable");
    }
    batches.push(ops);
  };
  return { batches, write };
}

describe("journal write buffer", () => {
  it("writes operations queued within one interval as one batch, in order", async () => {
    const r = recorder();
    const buf = new WriteBuffer(r.write, { intervalMs: 30 });
    const done = [1, 2, 3].map((n) => buf.push(n));
    expect(r.batches).toEqual([]);
    await Promise.all(done);
    expect(r.batches).toEqual([[1, 2, 3]]);
  });

  it("writes an urgent operation (a result) without waiting for the interval", async () => {
    const r = recorder();
    const buf = new WriteBuffer(r.write, { intervalMs: 60_000 });
    const started = Date.now();
    await Promise.all([buf.push(1), buf.push(2, true)]);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(r.batches).toEqual([[1, 2]]);
  });

  it("keeps a failed batch and retries it, so its promises resolve once it commits", async () => {
    const r = recorder(2);
    const failed: number[] = [];
    const buf = new WriteBuffer(r.write, { intervalMs: 5, onFailed: (_e, n) => failed.push(n) });
    await Promise.all([buf.push(1), buf.push(2)]);
    expect(failed).toEqual([2, 2]);
    expect(r.batches.flat()).toEqual([1, 2]);
  });

  it("flush() commits everything queued and rejects while the database refuses", async () => {
    const r = recorder(1);
    const buf = new WriteBuffer(r.write, { intervalMs: 60_000 });
    void buf.push(7);
    await expect(buf.flush()).rejects.toThrow(/1 operation\(s\) still queued/);
    await buf.flush();
    expect(r.batches).toEqual([[7]]);
    expect(buf.pending).toBe(0);
  });

  it("close() flushes, then drops later writes and reports them", async () => {
    const r = recorder();
    let dropped = 0;
    const buf = new WriteBuffer(r.write, { intervalMs: 60_000, onDropped: (n) => (dropped += n) });
    void buf.push(1);
    expect(await buf.close()).toBe(0);
    await buf.push(2);
    expect(r.batches).toEqual([[1]]);
    expect(dropped).toBe(1);
  });

  it("close() reports how many operations it could not write when the database stays down", async () => {
    const r = recorder(Infinity);
    const buf = new WriteBuffer(r.write, { intervalMs: 1 });
    void buf.push(1);
    void buf.push(2);
    expect(await buf.close(2)).toBe(2);
  });
});
