/**
 * What a room does with bad input: every message is validated, anything refused gets an answer
 * and is counted, a flood is rate limited, every command gets exactly one result, names are
 * stored as plain text — and the room keeps serving everyone else.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Room } from "colyseus.js";
import { LIMITS } from "../../shared/protocol/names.ts";
import type { ErrorCode } from "../../shared/protocol/names.ts";
import { noopMetrics, type ServerMetrics } from "../../server/deps.ts";
import { bootTestServer, collect, kubectl, nextMessage, waitForState, type TestServer } from "../support/server-builders.ts";

const refusals: ErrorCode[] = [];
const metrics: ServerMetrics = { ...noopMetrics, messageRefused: (_kind, code) => void refusals.push(code) };

let srv: TestServer;
let host: Room;
let player: Room;
beforeAll(async () => {
  srv = await bootTestServer(25713, { metrics });
  host = await srv.colyseus.sdk.create("drill", { name: "Facilitator", levelId: "tiny-selector", autoStart: true });
  player = await srv.colyseus.sdk.joinById(host.roomId, { name: "pat" });
});
afterAll(async () => {
  await srv.colyseus.shutdown();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("room safety", () => {
  it.each([
    ["an unknown message type", "teleport", { to: "prod" }, "unknown-message"],
    ["kubectl without an id", "kubectl", { line: "kubectl get pods" }, "malformed"],
    ["kubectl with a number for a line", "kubectl", { line: 42 }, "malformed"],
    ["kubectl with extra fields", "kubectl", { line: "get pods", sudo: true }, "malformed"],
    ["a control message without a token", "control", { action: "end" }, "malformed"],
    ["a control message with an unknown action", "control", { token: "t", action: "delete-cluster" }, "malformed"],
    ["chat longer than the limit", "chat", { text: "x".repeat(LIMITS.chatLength + 1) }, "malformed"],
    ["a message over the size limit", "chat", { text: "x".repeat(LIMITS.messageBytes + 10) }, "too-large"],
  ])("refuses %s with an error reply and counts it", async (_what, type, payload, code) => {
    const before = refusals.length;
    const reply = nextMessage(player, "error");
    player.send(type, payload);
    expect(await reply).toMatchObject({ code });
    expect(refusals.slice(before)).toEqual([code]);
  });

  it("answers a malformed kubectl message that has an id with its one kubectl:result", async () => {
    const result = nextMessage(player, "kubectl:result", (m: { id: string }) => m.id === "bad-1");
    player.send("kubectl", { id: "bad-1", line: "x".repeat(LIMITS.lineLength + 1) });
    expect(await result).toMatchObject({ id: "bad-1", exitCode: 1, stderr: expect.stringMatching(/malformed kubectl/) });
  });

  it("refuses stdin over 64 KiB but accepts a large manifest under it", async () => {
    const big = await kubectl(player, "kubectl apply -f -", "#".repeat(LIMITS.stdinBytes + 1));
    expect(big).toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/stdin/) });
    const manifest = `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: big }\ndata:\n  blob: "${"a".repeat(20_000)}"\n`;
    const ok = await kubectl(player, "kubectl apply -f -", manifest);
    expect(ok).toMatchObject({ exitCode: 0, stdout: "configmap/big created\n" });
  });

  it("drops a client whose frame exceeds the transport limit, and keeps serving the others", async () => {
    const victim = await srv.colyseus.sdk.joinById(host.roomId, { name: "huge" });
    const closed = new Promise<number>((resolve) => victim.onLeave((code) => resolve(code)));
    victim.send("chat", { text: "y".repeat(LIMITS.frameBytes + 1) });
    expect(await closed).toBeGreaterThan(1000);
    expect((await kubectl(player, "kubectl get svc web")).exitCode).toBe(0);
  });

  it("rate limits kubectl to 10 per second per client with a clear message, answering every command exactly once", async () => {
    await sleep(1100);
    const results = collect<{ id: string; stderr: string; exitCode: number }>(player, "kubectl:result");
    const ids = Array.from({ length: 25 }, (_, i) => `flood-${i}`);
    for (const id of ids) player.send("kubectl", { id, line: "kubectl get pods" });
    await waitFor(() => results.filter((r) => r.id.startsWith("flood-")).length >= 25);
    await sleep(300);
    const flood = results.filter((r) => r.id.startsWith("flood-"));
    expect(flood.map((r) => r.id).sort()).toEqual([...ids].sort());
    const limited = flood.filter((r) => /rate limit/.test(r.stderr));
    expect(flood.length - limited.length).toBeGreaterThanOrEqual(10);
    expect(flood.length - limited.length).toBeLessThanOrEqual(12);
    expect(limited[0].stderr).toMatch(/at most 10 commands per second; try again in \d+ ms/);
    // Another client is not slowed down by pat's flood.
    expect((await kubectl(host, "kubectl get pods")).exitCode).toBe(0);
  });

  it("stores names with markup and control characters as plain, trimmed, length-limited text", async () => {
    const raw = "  <img src=x onerror=alert(1)>\u0007\u202e Bob the very long name  ";
    const r = await srv.colyseus.sdk.joinById(host.roomId, { name: raw });
    const { seat, name } = await nextMessage<{ seat: string; name: string }>(r, "welcome");
    expect(name).toBe("<img src=x onerror=alert");
    const s = await waitForState(host, (st: any) => st.players.get(seat) !== undefined);
    expect(s.players.get(seat).name).toBe(name);
    expect([...name].length).toBe(LIMITS.nameLength);
    await r.leave();
  });

  it("makes duplicate names unique in the room", async () => {
    const a = await srv.colyseus.sdk.joinById(host.roomId, { name: "pat" });
    expect((await nextMessage<{ name: string }>(a, "welcome")).name).toBe("pat (2)");
    await a.leave();
  });
});

async function waitFor(pred: () => boolean, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  while (!pred()) {
    if (Date.now() - start > timeoutMs) throw new Error("condition not met");
    await sleep(20);
  }
}
