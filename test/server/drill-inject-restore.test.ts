/**
 * A facilitator's live fault injection survives a restart: the session logs it, the journal
 * keeps it (memory and SQLite), and the restored drill replays it at the same tick, so the
 * cluster comes back exactly as it was.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openJournal } from "../../server/persistence/create-journal.ts";
import { replayRecordedSession, restoreRooms } from "../../server/persistence/restore.ts";
import { createSession, type CommandLogEntry } from "../../shared/game/session.ts";
import { aRoom, aSession } from "../support/journal-builders.ts";
import { bootTestServer, kubectl, nextMessage, tinyLevel, waitForState, type TestServer } from "../support/server-builders.ts";

const CORDON = { kind: "cordonNode", at: "live", node: "node-1" } as const;
const SCALE_UP = { kind: "patchObject", at: "live", target: { kind: "Deployment", name: "web" }, patch: { spec: { replicas: 3 } } } as const;

let srv: TestServer;
beforeAll(async () => {
  srv = await bootTestServer(25721);
});
afterAll(async () => {
  await srv.colyseus.shutdown();
});

async function until(pred: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("a drill with a facilitator's injection, after a restart", () => {
  it("journals the injection and comes back with the same tick and state hash", async () => {
    const host = await srv.colyseus.sdk.create("drill", { name: "Facilitator", levelId: "tiny-selector", autoStart: true, speed: 4 });
    const { token } = await nextMessage<{ token: string }>(host, "host");
    const code = host.roomId;
    const player = await srv.colyseus.sdk.joinById(code, { name: "kim" });
    const original = srv.colyseus.getRoomById(code) as any;

    await kubectl(player, "kubectl get pods");
    host.send("control", { token, action: "inject", fault: SCALE_UP });
    await until(() => original.runner.session.log.some((e: CommandLogEntry) => e.type === "inject"));
    await kubectl(player, "kubectl get deployments");
    await waitForState(player, (s: any) => s.simTimeMs > 3_000);
    await Promise.all([player.leave(), host.leave()]);
    await original.disconnect();
    const hashBefore = original.runner.session.hash();
    const tickBefore = original.runner.session.cluster.tickCount;

    const [recorded] = (await srv.journal.unfinishedRooms()).filter((r) => r.room.roomId === code);
    expect(recorded.sessions[0].log.map((e) => e.type ?? "kubectl")).toEqual(["kubectl", "inject", "kubectl"]);
    expect(recorded.sessions[0].log[1]).toMatchObject({ player: "Facilitator", exitCode: 0, fault: SCALE_UP });

    const outcomes = await restoreRooms(srv.journal);
    expect(outcomes).toContainEqual({ roomId: code, outcome: "restored" });
    const restored = srv.colyseus.getRoomById(code) as any;
    expect(restored.runner.session.cluster.tickCount).toBe(tickBefore);
    expect(restored.runner.session.cluster.get("Deployment", "default", "web")?.spec?.replicas).toBe(3);
    expect(restored.runner.session.hash()).toBe(hashBefore);
    await restored.disconnect();
  });

  it("refuses an injection that cannot apply, and the restored drill still matches", async () => {
    const host = await srv.colyseus.sdk.create("drill", { name: "Facilitator", levelId: "tiny-selector", autoStart: true, speed: 4 });
    const { token } = await nextMessage<{ token: string }>(host, "host");
    const code = host.roomId;
    const original = srv.colyseus.getRoomById(code) as any;
    const refused = nextMessage(host, "error", (m: any) => m.type === "control");
    host.send("control", { token, action: "inject", fault: { kind: "cordonNode", at: "live", node: "node-9" } });
    expect(await refused).toMatchObject({ code: "invalid-state", message: expect.stringMatching(/no node named node-9/) });
    await host.leave();
    await original.disconnect();
    const hashBefore = original.runner.session.hash();

    await restoreRooms(srv.journal);
    const restored = srv.colyseus.getRoomById(code) as any;
    expect(restored.runner.session.hash()).toBe(hashBefore);
    await restored.disconnect();
  });
});

describe("an injection in the SQL journal", () => {
  it("keeps the fault through SQLite, so replay re-applies it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crashloop-inject-"));
    const journal = await openJournal({ dialect: "sqlite", file: path.join(dir, "crashloop.db") });
    try {
      const level = tinyLevel();
      const session = playedWithCordon(level);
      await journal.roomCreated(aRoom({ roomId: "INJECT" }));
      await journal.sessionStarted(aSession({ roomId: "INJECT", sessionId: "main", levelId: level.id, seed: 5 }));
      for (const e of session.log) await journal.commandApplied("INJECT", "main", e);
      await journal.sessionTicked("INJECT", "main", session.cluster.tickCount);

      const [room] = await journal.unfinishedRooms();
      expect(room.sessions[0].log).toEqual(session.log);
      const replayed = replayRecordedSession(level, room.sessions[0]);
      expect(replayed.cluster.get("Node", undefined, "node-1")?.spec?.unschedulable).toBe(true);
      expect(replayed.hash()).toBe(session.hash());
    } finally {
      await journal.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A session played locally: a look, a cordon injected by the facilitator, a fix. */
function playedWithCordon(level: ReturnType<typeof tinyLevel>) {
  const s = createSession(level, { seed: 5 });
  s.run("kubectl get nodes", { player: "kim" });
  s.tick(4);
  expect(s.inject(CORDON, { player: "Facilitator" }).ok).toBe(true);
  s.tick(2);
  s.run("kubectl get pods", { player: "kim" });
  s.tick(10);
  return s;
}
