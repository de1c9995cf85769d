/**
 * A minimal server bootstrap wiring persistence, observability and scale-out the way
 * server/main.ts should: used by the multi-process and restart tests and by the load test
 * when no drill room exists. Run: `node --import tsx server/scale/probe-server.ts`
 * (PORT, HOST, DATA_DIR, DATABASE_URL, REDIS_URL, PUBLIC_ADDRESS, LOG_LEVEL).
 */
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Server } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import express from "express";
import { loadCatalogue } from "../levels/catalogue.ts";
import { createHealthCheck } from "../observability/health.ts";
import { createLogger } from "../observability/logger.ts";
import { createMetrics } from "../observability/metrics.ts";
import { createObservabilityRouter } from "../observability/router.ts";
import { createJournal } from "../persistence/create-journal.ts";
import { restoreRooms } from "../persistence/restore.ts";
import { installGracefulShutdown } from "../persistence/shutdown.ts";
import { ProbeRoom } from "./probe-room.ts";
import { createScaleOut } from "./scale-out.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export async function startProbeServer(env: Record<string, string | undefined> = process.env): Promise<{ server: Server; port: number }> {
  const port = Number(env.PORT ?? 2567);
  const logger = createLogger({ base: { port } }, env);
  const metrics = createMetrics();
  let redisErrors = 0;
  const scale = await createScaleOut(env, port, 5000, (e) => {
    // One line per streak start; ioredis retries on its own.
    if (redisErrors++ % 100 === 0) logger.error({ err: e, count: redisErrors }, "redis: connection error");
  });
  if (scale.warning) logger.warn(scale.warning);
  logger.info({ scaleOut: scale.description }, "scale-out");
  const journal = await createJournal(env, { metrics, logger });
  const catalogue = loadCatalogue(path.join(ROOT, "levels"));
  const defaultLevelId = env.PROBE_LEVEL ?? catalogue.playable()[0]?.id ?? "";
  ProbeRoom.deps = { journal, metrics, level: (id) => catalogue.get(id), defaultLevelId };

  const app = express();
  app.use(createObservabilityRouter({ metrics, health: createHealthCheck({ journal, presence: scale.presence }), logger }));
  app.get("/api/levels", (_req, res) => res.json(catalogue.list()));
  const httpServer = http.createServer(app);
  const server = new Server({
    transport: new WebSocketTransport({ server: httpServer }),
    presence: scale.presence,
    driver: scale.driver,
    ...(scale.publicAddress ? { publicAddress: scale.publicAddress } : {}),
    greet: false,
    logger,
  });
  server.define("probe", ProbeRoom);
  installGracefulShutdown(server, { journal, logger });
  await server.listen(port, env.HOST || undefined);
  const restored = await restoreRooms(journal, { roomName: () => "probe", logger, metrics });
  logger.info({ restored: restored.filter((r) => r.outcome === "restored").length }, "listening");
  return { server, port };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  startProbeServer().catch((e: Error) => {
    console.error(`crashloop probe server: ${e.name}: ${e.message}`);
    process.exit(1);
  });
}
