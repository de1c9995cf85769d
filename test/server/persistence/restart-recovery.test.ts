/**
 * A server restarted mid-drill restores the room under its join code with the same state
 * hash: after a graceful SIGTERM, and after a SIGKILL crash once the last batch has committed.
 * Runs the minimal probe server (server/scale/probe-server.ts) as a real process on SQLite.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client, type Room } from "colyseus.js";
import { afterEach, describe, expect, it } from "vitest";
import { ask, kubectl, sleep } from "../../support/colyseus-client.ts";
import { startServerProcess, type ServerProcess } from "../../support/services-builders.ts";

const ENTRY = "server/scale/probe-server.ts";
type HashReply = { hash: string; tick: number };

describe("restart recovery", () => {
  let dataDir = "";
  let server: ServerProcess | undefined;
  const rooms: Room[] = [];
  afterEach(async () => {
    for (const r of rooms.splice(0)) await r.leave().catch(() => {});
    await server?.stop("SIGKILL");
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function boot(port?: number) {
    server = await startServerProcess(ENTRY, { DATA_DIR: dataDir }, port);
    return new Client(server.ws);
  }

  async function playAndPause(room: Room): Promise<HashReply> {
    expect((await kubectl(room, "kubectl create namespace restore-test")).exitCode).toBe(0);
    await sleep(300);
    await kubectl(room, "kubectl label namespace restore-test team=a");
    await kubectl(room, "kubectl get pods -A");
    await sleep(300);
    room.send("pause");
    await sleep(150);
    return ask<HashReply>(room, "hash", {}, "hash");
  }

  it.each([
    ["a graceful SIGTERM", "SIGTERM" as const, 0],
    ["a SIGKILL crash", "SIGKILL" as const, "SIGKILL"],
  ])("restores the room under its join code with the same hash after %s", async (_name, signal, exit) => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "crashloop-restart-"));
    const first = await boot();
    const room = await first.create("probe", {});
    rooms.push(room);
    const before = await playAndPause(room);
    expect(before.tick).toBeGreaterThan(0);
    // The crash case needs the last batch committed (the guarantee: at most one interval lost).
    if (signal === "SIGKILL") await sleep(600);
    const port = server!.port;
    expect(await server!.stop(signal)).toBe(exit);
    rooms.splice(0);

    const second = await boot(port);
    const back = await second.joinById(room.roomId, {});
    rooms.push(back);
    expect(back.roomId).toBe(room.roomId);
    expect(await ask<HashReply>(back, "hash", {}, "hash")).toEqual(before);
    expect(server!.output()).toContain('"restored":1');
  }, 180_000);
});
