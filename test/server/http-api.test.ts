/**
 * The HTTP side: the level list hides what would spoil a level, solo results are replayed by
 * the server before they enter the hall of fame, the monitor needs the admin password, and a
 * missing client build gets a page that says what to do.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bootTestServer, FIX_LINE, tinyLevel, type TestServer } from "../support/server-builders.ts";

let srv: TestServer;
beforeAll(async () => {
  srv = await bootTestServer(25714, { adminPassword: "s3cret", clientRoot: mkdtempSync(join(tmpdir(), "crashloop-noclient-")) });
});
afterAll(async () => {
  await srv.colyseus.shutdown();
});

const http = () => srv.colyseus.http;

describe("HTTP API", () => {
  it("lists levels with id, title, category and difficulty, never faults, hints or solutions", async () => {
    const { data } = await http().get("/api/levels");
    expect(data).toEqual([{ id: "tiny-selector", title: "Tiny: the Service that selects nothing", category: "selectors", difficulty: 1, parTimeSeconds: 120, playable: true }]);
    expect(JSON.stringify(data)).not.toMatch(/wbe|patch|hint/i);
  });

  it("replays a submitted solo game and records the score it computes, not one the client claims", async () => {
    const level = tinyLevel();
    const body = { name: "<b>solo</b>", levelId: level.id, seed: 1, log: [{ tick: 50, line: FIX_LINE, exitCode: 0 }] };
    const res = await http().post("/api/solo-results", { headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect(res.statusCode).toBe(201);
    expect((res.data as any).solved).toBe(true);
    const { data: fame } = await http().get(`/api/hall-of-fame/${level.id}`);
    expect(fame).toEqual([expect.objectContaining({ rank: 1, name: "<b>solo</b>", score: (res.data as any).score.total })]);
  });

  it("does not enter an unsolved solo game into the hall of fame", async () => {
    const body = { name: "idle", levelId: "tiny-selector", seed: 1, log: [] };
    const res = await http().post("/api/solo-results", { headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((res.data as any).solved).toBe(false);
    const { data: fame } = await http().get("/api/hall-of-fame/tiny-selector");
    expect((fame as any[]).map((f) => f.name)).not.toContain("idle");
  });

  it.each([
    ["an unknown level", { levelId: "nope", seed: 1, log: [] }, 404],
    ["a log going back in time", { levelId: "tiny-selector", seed: 1, log: [{ tick: 9, line: "get pods" }, { tick: 3, line: "get pods" }] }, 422],
    ["a body of the wrong shape", { levelId: "tiny-selector", seed: "x" }, 400],
  ])("refuses a solo result with %s", async (_what, body, status) => {
    await expect(http().post("/api/solo-results", { headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).rejects.toMatchObject({ statusCode: status });
  });

  it("serves the monitor only with the admin password", async () => {
    await expect(http().get("/colyseus/")).rejects.toMatchObject({ statusCode: 401 });
    const auth = `Basic ${Buffer.from("admin:s3cret").toString("base64")}`;
    const ok = await http().get("/colyseus/api", { headers: { authorization: auth } });
    expect(ok.statusCode).toBe(200);
  });

  it("answers / with a page saying how to build the client when it is not built", async () => {
    const res = await http().get("/").catch((e: { statusCode: number; data: unknown }) => e);
    expect(res.statusCode).toBe(503);
    expect(String(res.data)).toMatch(/npx vite build/);
  });

  it("refuses the results export of an unknown contest", async () => {
    await expect(http().get("/api/contests/ZZZZZZ/results.json?token=x")).rejects.toMatchObject({ statusCode: 404 });
  });
});
