import { describe, expect, it } from "vitest";
import { createScaleOut, scaleOutConfigFromEnv, ScaleOutStartupError } from "../../../server/scale/scale-out.ts";
import { freePort } from "../../support/services-builders.ts";

describe("scale-out configuration", () => {
  it("runs a single process with in-memory presence and driver without REDIS_URL", () => {
    expect(scaleOutConfigFromEnv({}, 2567)).toEqual({ ok: true, value: { publicAddress: undefined, description: "single process (in-memory presence and driver)" } });
  });

  it("announces PUBLIC_ADDRESS as host:port, whatever scheme it was written with", () => {
    for (const raw of ["game-2.example.org:2567", "https://game-2.example.org:2567/", "wss://game-2.example.org:2567"]) {
      const r = scaleOutConfigFromEnv({ REDIS_URL: "redis://cache:6379", PUBLIC_ADDRESS: raw }, 2567);
      expect(r.ok && r.value.publicAddress).toBe("game-2.example.org:2567");
      expect(r.ok && r.value.warning).toBeUndefined();
    }
  });

  it("falls back to localhost:PORT behind Redis without PUBLIC_ADDRESS, with a warning", () => {
    const r = scaleOutConfigFromEnv({ REDIS_URL: "redis://127.0.0.1:6379" }, 3001);
    expect(r.ok && r.value.publicAddress).toBe("localhost:3001");
    expect(r.ok && r.value.warning).toMatch(/PUBLIC_ADDRESS is not/);
  });

  it.each([
    ["a non-Redis scheme", { REDIS_URL: "http://cache:6379" }, /REDIS_URL has scheme "http"/],
    ["not a URL", { REDIS_URL: "cache 6379" }, /REDIS_URL is not a URL/],
    ["a malformed public address", { PUBLIC_ADDRESS: "game server:2567" }, /PUBLIC_ADDRESS "game server:2567"/],
  ])("rejects %s", (_what, env, message) => {
    const r = scaleOutConfigFromEnv(env, 2567);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it("refuses to start when Redis does not answer", async () => {
    const port = await freePort();
    const started = createScaleOut({ REDIS_URL: `redis://127.0.0.1:${port}` }, 2567, 500);
    await expect(started).rejects.toThrow(ScaleOutStartupError);
    await expect(started).rejects.toThrow(new RegExp(`cannot reach Redis at 127.0.0.1:${port}.*ECONNREFUSED`));
  });
});
