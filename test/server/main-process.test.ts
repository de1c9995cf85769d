/**
 * The real `npm start` entry (server/main.ts) as a process on SQLite: health and metrics
 * endpoints, the level list, a drill played through colyseus.js, and after a SIGTERM restart
 * the same drill back under its join code with the cluster as the players left it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client, type Room } from "colyseus.js";
import { afterAll, describe, expect, it } from "vitest";
import { kubectl, sleep } from "../support/colyseus-client.ts";
import { startServerProcess, type ServerProcess } from "../support/services-builders.ts";

describe("server/main.ts", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "crashloop-main-"));
  let server: ServerProcess | undefined;
  const rooms: Room[] = [];
  afterAll(async () => {
    for (const r of rooms) await r.leave().catch(() => {});
    await server?.stop("SIGKILL");
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("serves health, metrics and levels, runs a drill, and restores it after a restart", async () => {
    server = await startServerProcess("server/main.ts", { DATA_DIR: dataDir });
    const health = await fetch(`${server.http}/healthz`);
    expect(health.status).toBe(200);
    const metrics = await (await fetch(`${server.http}/metrics`)).text();
    expect(metrics).toMatch(/^# HELP crashloop_/m);
    const levels = (await (await fetch(`${server.http}/api/levels`)).json()) as { id: string }[];
    expect(levels.length).toBeGreaterThanOrEqual(20);
    expect(JSON.stringify(levels)).not.toMatch(/solution|faults/);

    const room = await new Client(server.ws).create("drill", { name: "Ada", levelId: "selectors-service-typo", autoStart: true });
    rooms.push(room);
    expect(room.roomId).toMatch(/^[A-Z2-9]{6}$/);
    const made = await kubectl(room, "kubectl create namespace drill-notes");
    expect(made.stdout).toBe("namespace/drill-notes created\n");
    await sleep(700); // past one journal flush interval

    const port = server.port;
    expect(await server.stop("SIGTERM")).toBe(0);
    rooms.splice(0);
    server = await startServerProcess("server/main.ts", { DATA_DIR: dataDir }, port);
    expect(server.output()).toContain('"restored":1');
    const back = await new Client(server.ws).joinById(room.roomId, { name: "Ada" });
    rooms.push(back);
    const seen = await kubectl(back, "kubectl get ns drill-notes -o name");
    expect(seen).toMatchObject({ exitCode: 0, stdout: "namespace/drill-notes\n" });
  }, 120_000);
});
