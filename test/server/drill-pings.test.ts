/**
 * Drill pings through the client SDK: a player points at a map object, everyone sees who
 * pointed at what; malformed and flooding pings are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootTestServer, collect, nextMessage, type TestServer } from "../support/server-builders.ts";

let srv: TestServer;
let nowMs = 5_000_000;
beforeAll(async () => {
  srv = await bootTestServer(25716, { now: () => nowMs });
});
afterAll(async () => {
  await srv.colyseus.shutdown();
});

async function drillWithTwoPlayers() {
  const host = await srv.colyseus.sdk.create("drill", { name: "Facilitator", levelId: "tiny-selector" });
  await nextMessage(host, "host");
  const alice = await srv.colyseus.sdk.joinById(host.roomId, { name: "<b>alice</b>" });
  const bob = await srv.colyseus.sdk.joinById(host.roomId, { name: "bob" });
  await nextMessage(bob, "welcome");
  return { host, alice, bob };
}

describe("drill pings", () => {
  it("broadcasts a player's ping with their seat, name and target to the other players", async () => {
    const { host, alice, bob } = await drillWithTwoPlayers();
    const atBob = nextMessage(bob, "ping");
    const atHost = nextMessage(host, "ping");
    alice.send("ping", { target: "pod/default/web-1" });
    const [b, h] = await Promise.all([atBob, atHost]);
    expect(b).toMatchObject({ name: "<b>alice</b>", target: "pod/default/web-1" });
    expect(b.player).toMatch(/^p\d+$/);
    expect(typeof b.atMs).toBe("number");
    expect(h).toEqual(b);
    await Promise.all([host.leave(), alice.leave(), bob.leave()]);
  });

  it.each([
    ["a target of an unknown kind", { target: "secret/default/x" }],
    ["HTML as a target", { target: "pod/default/<img src=x>" }],
    ["no target", {}],
    ["an extra field", { target: "node/node-1", html: "<b>" }],
    ["a target that is too long", { target: `node/${"a".repeat(400)}` }],
  ])("refuses %s as malformed and relays nothing", async (_what, payload) => {
    const { host, alice, bob } = await drillWithTwoPlayers();
    const pings = collect(bob, "ping");
    const refused = nextMessage(alice, "error");
    alice.send("ping", payload);
    expect(await refused).toMatchObject({ code: "malformed", type: "ping" });
    await new Promise((r) => setTimeout(r, 100));
    expect(pings).toEqual([]);
    await Promise.all([host.leave(), alice.leave(), bob.leave()]);
  });

  it("lets 2 pings per second through and refuses a flood with rate-limited", async () => {
    const { host, alice, bob } = await drillWithTwoPlayers();
    const pings = collect(bob, "ping");
    const errors = collect(alice, "error");
    for (let i = 0; i < 5; i++) alice.send("ping", { target: "node/node-1" });
    await new Promise((r) => setTimeout(r, 200));
    expect(pings).toHaveLength(2);
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatchObject({ code: "rate-limited", type: "ping" });

    nowMs += 1_000;
    const again = nextMessage(bob, "ping");
    alice.send("ping", { target: "svc/default/web" });
    expect(await again).toMatchObject({ target: "svc/default/web" });
    await Promise.all([host.leave(), alice.leave(), bob.leave()]);
  });
});
