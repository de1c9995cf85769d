/**
 * Scale-out: two server processes share presence and matchmaking through a real redis-server
 * (random loopback port). A room created on process A is joined through process B's
 * matchmaker; both players act on the one cluster. Skipped with a printed reason when
 * redis-server is missing, except under CI=true where that is a failure.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client, type Room } from "colyseus.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ask, kubectl } from "../../support/colyseus-client.ts";
import { availability, findExecutable, freePort, startRedis, startServerProcess, type RunningService, type ServerProcess } from "../../support/services-builders.ts";

const ENTRY = "server/scale/probe-server.ts";
const redisBin = findExecutable("redis-server");
const need = availability("redis-server", redisBin, "apt-get install -y redis-server");

if (need.mustFail) {
  it("has a redis-server to test against (CI=true)", () => {
    throw new Error(need.reason);
  });
}

async function probeRooms(server: ServerProcess): Promise<number> {
  const text = await (await fetch(`${server.http}/metrics`)).text();
  const m = text.match(/^crashloop_rooms\{kind="probe"\} (\d+)/m);
  return m ? Number(m[1]) : 0;
}

describe.runIf(need.run)("two processes behind Redis", () => {
  let redis: RunningService | undefined;
  const servers: ServerProcess[] = [];
  const rooms: Room[] = [];
  let dataDir = "";

  beforeAll(async () => {
    redis = await startRedis(redisBin!);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "crashloop-scale-"));
    for (const name of ["a", "b"]) {
      const port = await freePort();
      servers.push(
        await startServerProcess(ENTRY, { REDIS_URL: redis.url, PUBLIC_ADDRESS: `127.0.0.1:${port}`, DATA_DIR: path.join(dataDir, name) }, port),
      );
    }
  }, 200_000);

  afterAll(async () => {
    for (const r of rooms) await r.leave().catch(() => {});
    for (const s of servers) await s.stop("SIGTERM");
    await redis?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("joins through one process a room living on the other, and both players act on one cluster", async () => {
    const created = await new Client(servers[0].ws).create("probe", {});
    rooms.push(created);
    // Colyseus places a new room on the least loaded process: find where it lives, join through the other.
    const counts = await Promise.all(servers.map(probeRooms));
    expect(counts.sort()).toEqual([0, 1]);
    const host = (await probeRooms(servers[0])) === 1 ? servers[0] : servers[1];
    const other = host === servers[0] ? servers[1] : servers[0];

    const joined = await new Client(other.ws).joinById(created.roomId, {});
    rooms.push(joined);
    expect(joined.roomId).toBe(created.roomId);
    expect(await probeRooms(other)).toBe(0);

    expect((await kubectl(joined, "kubectl create namespace from-other")).exitCode).toBe(0);
    const seen = await kubectl(created, "kubectl get namespace from-other");
    expect(seen.exitCode).toBe(0);
    expect(seen.stdout).toContain("from-other");
    const [h1, h2] = await Promise.all([ask<{ hash: string }>(created, "hash", {}, "hash"), ask<{ hash: string }>(joined, "hash", {}, "hash")]);
    expect(h2.hash).toBe(h1.hash);
  }, 180_000);
});
