/**
 * The `drill` room through the client SDK, as players use it: a team fixes one cluster together,
 * the facilitator holds the controls, a dropped player gets the same seat back.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Room } from "colyseus.js";
import { JOIN_CODE_ALPHABET } from "../../shared/protocol/names.ts";
import { bootTestServer, collect, FIX_LINE, kubectl, nextMessage, waitForState, type TestServer } from "../support/server-builders.ts";

let srv: TestServer;
beforeAll(async () => {
  srv = await bootTestServer(25711);
});
afterAll(async () => {
  await srv.colyseus.shutdown();
});

async function createDrill(opts: Record<string, unknown> = {}): Promise<{ host: Room; token: string; code: string }> {
  const host = await srv.colyseus.sdk.create("drill", { name: "Facilitator", levelId: "tiny-selector", ...opts });
  const hostMsg = await nextMessage<{ token: string; code: string }>(host, "host");
  return { host, token: hostMsg.token, code: host.roomId };
}

describe("drill room", () => {
  it("uses a 6-character join code without ambiguous letters as the room id", async () => {
    const { host, code } = await createDrill();
    expect(code).toMatch(new RegExp(`^[${JOIN_CODE_ALPHABET}]{6}$`));
    await host.leave();
  });

  it("refuses to create a drill for an unknown level", async () => {
    await expect(srv.colyseus.sdk.create("drill", { name: "x", levelId: "no-such-level" })).rejects.toThrow(/unknown level/);
  });

  it("two players fix the drill together and both see the score and the debrief", async () => {
    const { host, code } = await createDrill({ autoStart: true, speed: 4 });
    const alice = await srv.colyseus.sdk.joinById(code, { name: "alice" });
    const bob = await srv.colyseus.sdk.joinById(code, { name: "bob" });
    const debriefs = [nextMessage(alice, "debrief", () => true, 15_000), nextMessage(bob, "debrief", () => true, 15_000)];

    const look = await kubectl(alice, "kubectl get endpointslices");
    expect(look.exitCode).toBe(0);
    const fix = await kubectl(bob, FIX_LINE);
    expect(fix).toMatchObject({ exitCode: 0, stdout: "service/web patched\n" });

    const [a, b] = await Promise.all(debriefs);
    expect(a.solved).toBe(true);
    expect(a.score.total).toBeGreaterThan(0);
    expect(b.score.total).toBe(a.score.total);
    expect(a.timeline.some((e: { type: string; player?: string }) => e.type === "command" && e.player === "bob")).toBe(true);
    expect(a.solution[0].line).toBe(FIX_LINE);
    for (const r of [alice, bob]) {
      const s = await waitForState(r, (st: any) => st.phase === "ended");
      expect(s.score.resolved).toBe(true);
      expect(s.score.total).toBe(a.score.total);
      expect(s.goals[0].met).toBe(true);
      expect([...s.feed].map((f: any) => f.player)).toEqual(["alice", "bob"]);
    }
    const results = await srv.journal.results(code);
    expect(results).toMatchObject([{ levelId: "tiny-selector", solved: true, playerName: "alice, bob" }]);
    await Promise.all([host.leave(), alice.leave(), bob.leave()]);
  });

  it("shows the slim cluster view in room state: nodes, pods with status, services with endpoints", async () => {
    const { host } = await createDrill();
    const s = await waitForState(host, (st: any) => st.cluster.pods.size > 0);
    const pod = [...s.cluster.pods.values()][0] as any;
    expect(pod).toMatchObject({ namespace: "default", phase: "Running", status: "Running", ready: "1/1", node: "node-1" });
    expect(s.cluster.nodes.get("node-1").ready).toBe("True");
    expect(s.cluster.services.get("default/web").readyEndpoints).toBe(0);
    expect(s.phase).toBe("lobby");
    expect(s.title).toMatch(/Tiny/);
    await host.leave();
  });

  it("refuses the facilitator's controls to players, and obeys the host token", async () => {
    const { host, token, code } = await createDrill();
    const player = await srv.colyseus.sdk.joinById(code, { name: "mallory" });
    const refused = nextMessage(player, "error");
    player.send("control", { token: "guessed-token", action: "start" });
    expect(await refused).toMatchObject({ code: "forbidden", type: "control" });

    const inLobby = await kubectl(player, "kubectl get pods");
    expect(inLobby.stderr).toMatch(/not started/);

    host.send("control", { token, action: "start" });
    await waitForState(player, (s: any) => s.phase === "running");
    host.send("control", { token, action: "speed", speed: 2 });
    await waitForState(player, (s: any) => s.speed === 2);
    host.send("control", { token, action: "pause" });
    await waitForState(player, (s: any) => s.phase === "paused");
    expect((await kubectl(player, "kubectl get pods")).stderr).toMatch(/paused/);
    await Promise.all([host.leave(), player.leave()]);
  });

  it("limits verbs by role: an observer may look but not change", async () => {
    const { host, token, code } = await createDrill({ autoStart: true });
    const player = await srv.colyseus.sdk.joinById(code, { name: "olga" });
    const welcome = await nextMessage<{ seat: string }>(player, "welcome");
    host.send("control", { token, action: "role", player: welcome.seat, role: "observer" });
    await waitForState(player, (s: any) => s.players.get(welcome.seat)?.role === "observer");
    expect((await kubectl(player, "kubectl get svc web")).exitCode).toBe(0);
    const change = await kubectl(player, FIX_LINE);
    expect(change.exitCode).toBe(1);
    expect(change.stderr).toMatch(/Forbidden/);
    await Promise.all([host.leave(), player.leave()]);
  });

  it("broadcasts revealed hints to everyone", async () => {
    const { host, code } = await createDrill({ autoStart: true });
    const player = await srv.colyseus.sdk.joinById(code, { name: "hana" });
    const seen = nextMessage(host, "hint");
    player.send("hint:request", {});
    expect(await seen).toMatchObject({ index: 0, cost: 20, from: "hana", text: "What does the Service select?" });
    await waitForState(player, (s: any) => s.hintsRevealed === 1);
    await Promise.all([host.leave(), player.leave()]);
  });

  it("gives a dropped player the same seat, name and role back", async () => {
    const { host, token, code } = await createDrill({ autoStart: true });
    const player = await srv.colyseus.sdk.joinById(code, { name: "rene" });
    const { seat } = await nextMessage<{ seat: string }>(player, "welcome");
    host.send("control", { token, action: "role", player: seat, role: "communications" });
    await waitForState(host, (s: any) => s.players.get(seat)?.role === "communications");

    const reconnectionToken = player.reconnectionToken;
    (player.connection as any).transport.ws.close();
    await waitForState(host, (s: any) => s.players.get(seat)?.connected === false);
    const back = await srv.colyseus.sdk.reconnect(reconnectionToken);
    expect(back.sessionId).toBe(player.sessionId);
    const s = await waitForState(host, (st: any) => st.players.get(seat)?.connected === true);
    expect(s.players.get(seat)).toMatchObject({ name: "rene", role: "communications" });
    expect((await kubectl(back, "kubectl get pods")).exitCode).toBe(0);
    await Promise.all([host.leave(), back.leave()]);
  });

  it("lets the facilitator end the drill: everyone gets the debrief, later commands are refused", async () => {
    const { host, token, code } = await createDrill({ autoStart: true });
    const player = await srv.colyseus.sdk.joinById(code, { name: "ed" });
    const errors = collect(player, "error");
    const debrief = nextMessage(player, "debrief");
    host.send("control", { token, action: "end" });
    const d = await debrief;
    expect(d).toMatchObject({ levelId: "tiny-selector", solved: false, debrief: { whatWentWrong: expect.stringMatching(/wbe/) } });
    expect(d.curve.length).toBeGreaterThan(0);
    expect((await kubectl(player, "kubectl get pods")).stderr).toMatch(/ended/);
    expect(errors).toEqual([]);
    await Promise.all([host.leave(), player.leave()]);
  });
});

describe("drill restore after a restart", () => {
  it("comes back under the same code with the same state hash, and the facilitator's token still works", async () => {
    const { restoreRooms } = await import("../../server/persistence/restore.ts");
    const { host, token, code } = await createDrill({ autoStart: true, speed: 4 });
    const player = await srv.colyseus.sdk.joinById(code, { name: "kim" });
    await kubectl(player, "kubectl get pods");
    await kubectl(player, "kubectl scale deployment web --replicas=2");
    await waitForState(player, (s: any) => s.simTimeMs > 3_000);
    const original = srv.colyseus.getRoomById(code) as any;
    await Promise.all([player.leave(), host.leave()]);
    await original.disconnect();
    const hashBefore = original.runner.session.hash();
    const tickBefore = original.runner.session.cluster.tickCount;

    const outcomes = await restoreRooms(srv.journal);
    expect(outcomes).toContainEqual({ roomId: code, outcome: "restored" });
    const restored = srv.colyseus.getRoomById(code) as any;
    expect(restored.runner.session.cluster.tickCount).toBe(tickBefore);
    expect(restored.runner.session.hash()).toBe(hashBefore);

    const facilitator = await srv.colyseus.sdk.joinById(code, { name: "Facilitator", hostToken: token });
    expect(await nextMessage(facilitator, "welcome")).toMatchObject({ host: true, role: "facilitator" });
    await facilitator.leave();
  });
});
