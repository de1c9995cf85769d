/**
 * Presence and matchmaking driver from the environment. REDIS_URL ⇒ RedisPresence +
 * RedisDriver (several processes share rooms and matchmaking); otherwise Colyseus' in-memory
 * ones. Each process must announce its own PUBLIC_ADDRESS (host:port the browser can reach):
 * without it a seat reserved on process A is consumed on process B and the join fails with
 * "seat reservation expired" (STACK.md gotcha 5).
 */
import { LocalDriver, LocalPresence, type MatchMakerDriver, type Presence } from "@colyseus/core";
import { RedisDriver } from "@colyseus/redis-driver";
import { RedisPresence } from "@colyseus/redis-presence";
import { err, ok, type Result } from "../../shared/util/result.ts";

export interface ScaleOutConfig {
  redisUrl?: string;
  /** host:port announced to clients, or undefined (single process: clients use the URL they know). */
  publicAddress?: string;
  /** A sentence for start-up logs, and a warning when the configuration is risky. */
  description: string;
  warning?: string;
}

export interface ScaleOut extends ScaleOutConfig {
  presence: Presence;
  driver: MatchMakerDriver;
}

/** "http://host:port/" → "host:port": colyseus.js prepends its own ws:// or wss://. */
function normalizeAddress(raw: string): Result<string, string> {
  const stripped = raw.trim().replace(/^(https?|wss?):\/\//, "").replace(/\/+$/, "");
  if (!/^[A-Za-z0-9.\-[\]:]+(\/[A-Za-z0-9._\-/]*)?$/.test(stripped)) return err(`PUBLIC_ADDRESS "${raw}" is not host[:port][/path]`);
  return ok(stripped);
}

export function scaleOutConfigFromEnv(env: Record<string, string | undefined>, port: number): Result<ScaleOutConfig, string> {
  const redisUrl = env.REDIS_URL?.trim() || undefined;
  let publicAddress: string | undefined;
  if (env.PUBLIC_ADDRESS?.trim()) {
    const a = normalizeAddress(env.PUBLIC_ADDRESS);
    if (!a.ok) return a;
    publicAddress = a.value;
  }
  if (!redisUrl) return ok({ publicAddress, description: "single process (in-memory presence and driver)" });
  let u: URL;
  try {
    u = new URL(redisUrl);
  } catch {
    return err(`REDIS_URL is not a URL (expected redis://host:6379)`);
  }
  if (u.protocol !== "redis:" && u.protocol !== "rediss:") return err(`REDIS_URL has scheme "${u.protocol.replace(/:$/, "")}"; expected redis:// or rediss://`);
  if (!u.hostname) return err(`REDIS_URL names no host`);
  const warning = publicAddress ? undefined : `REDIS_URL is set but PUBLIC_ADDRESS is not: announcing localhost:${port}, which only works when every process and browser is on this machine`;
  return ok({
    redisUrl,
    publicAddress: publicAddress ?? `localhost:${port}`,
    description: `Redis ${u.hostname}:${u.port || 6379} (presence and driver), public address ${publicAddress ?? `localhost:${port}`}`,
    ...(warning ? { warning } : {}),
  });
}

/** RedisPresence whose connections report errors to us (not ioredis' console) and can be dropped at once. */
class CheckedRedisPresence extends RedisPresence {
  onConnectionError(listener: (e: Error) => void): void {
    this.pub.on("error", listener);
    this.sub.on("error", listener);
  }
  /** Stops reconnecting (quit() would wait for a connection that never comes). */
  disconnectNow(): void {
    this.pub.disconnect();
    this.sub.disconnect();
  }
}

/** The server cannot start with this scale-out configuration; the message says why. */
export class ScaleOutStartupError extends Error {
  override name = "ScaleOutStartupError";
}

/**
 * Builds presence and driver; with Redis, checks it answers (a write and read back) within
 * `timeoutMs`, so a wrong REDIS_URL stops start-up with a clear message instead of retrying forever.
 * Later connection errors go to `onRedisError` (log them; ioredis reconnects by itself).
 */
export async function createScaleOut(
  env: Record<string, string | undefined>,
  port: number,
  timeoutMs = 5000,
  onRedisError: (e: Error) => void = () => {},
): Promise<ScaleOut> {
  const cfg = scaleOutConfigFromEnv(env, port);
  if (!cfg.ok) throw new ScaleOutStartupError(cfg.error);
  const config = cfg.value;
  if (!config.redisUrl) return { ...config, presence: new LocalPresence(), driver: new LocalDriver() };
  const presence = new CheckedRedisPresence(config.redisUrl);
  let lastError: Error | undefined;
  presence.onConnectionError((e) => {
    lastError = e;
    onRedisError(e);
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      (async () => {
        await presence.setex("crashloop:startup-check", String(process.pid), 10);
        await presence.get("crashloop:startup-check");
      })(),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs))),
    ]);
  } catch (e) {
    presence.disconnectNow();
    const why = lastError ? `${(e as Error).message}; last error: ${lastError.message}` : (e as Error).message;
    throw new ScaleOutStartupError(`cannot reach Redis at ${new URL(config.redisUrl).host} (REDIS_URL): ${why}`);
  } finally {
    clearTimeout(timer);
  }
  return { ...config, presence, driver: new RedisDriver(config.redisUrl) };
}
