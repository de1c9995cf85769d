/**
 * `npm start`: the game server and the built client on http://localhost:2567, with embedded
 * defaults (in-memory presence, SQLite in ./data). Environment (README "Configuration"):
 * PORT, DATA_DIR, DATABASE_URL (PostgreSQL), REDIS_URL (several processes share rooms),
 * PUBLIC_ADDRESS (this process as others reach it), ADMIN_PASSWORD (the /colyseus monitor),
 * LOG_LEVEL.
 */
import { listen } from "@colyseus/tools";
import { createServer } from "./app.ts";
import type { Logger } from "./deps.ts";
import { createHealthCheck } from "./observability/health.ts";
import { createLogger } from "./observability/logger.ts";
import { createMetrics } from "./observability/metrics.ts";
import { createObservabilityRouter } from "./observability/router.ts";
import { serverMetrics } from "./observability/server-metrics.ts";
import { createJournal } from "./persistence/create-journal.ts";
import { restoreRooms } from "./persistence/restore.ts";
import { installGracefulShutdown } from "./persistence/shutdown.ts";
import { createScaleOut } from "./scale/scale-out.ts";

async function main(): Promise<void> {
  const env = process.env;
  const port = Number(env.PORT || 2567);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT must be a TCP port number, got ${JSON.stringify(env.PORT)}`);
  const logger = createLogger({ base: { port } }, env);
  const metrics = createMetrics();

  let redisErrors = 0;
  const scale = await createScaleOut(env, port, 5000, (e) => {
    if (redisErrors++ % 100 === 0) logger.error({ err: e, count: redisErrors }, "redis: connection error");
  });
  if (scale.warning) logger.warn(scale.warning);
  const journal = await createJournal(env, { metrics, logger });
  const health = createHealthCheck({ journal, presence: scale.presence });

  const { config, deps } = createServer({
    logger: logger as unknown as Logger,
    metrics: serverMetrics(metrics),
    journal,
    presence: scale.presence,
    ...(scale.driver ? { driver: scale.driver } : {}),
    ...(scale.publicAddress ? { publicAddress: scale.publicAddress } : {}),
    ...(env.ADMIN_PASSWORD ? { adminPassword: env.ADMIN_PASSWORD } : {}),
    routes: (app) => app.use(createObservabilityRouter({ metrics, health, logger })),
  });
  config.displayLogs = false;
  config.options = { ...config.options, greet: false };

  const server = await listen(config, port);
  // Colyseus handles SIGTERM/SIGINT itself (gracefullyShutdown): rooms are disposed, then the journal is flushed and closed.
  installGracefulShutdown(server, { journal, logger });
  // After listen(): listening clears rooms a crashed process left in the Redis driver.
  const restored = await restoreRooms(journal, { logger, metrics });
  logger.info(
    {
      port,
      levels: deps.catalogue.list().length,
      database: journal.description,
      scaleOut: scale.description,
      restored: restored.filter((r) => r.outcome === "restored").length,
      monitor: !!env.ADMIN_PASSWORD,
    },
    `Crashloop on http://localhost:${port}`,
  );
}

main().catch((e: Error) => {
  console.error(`crashloop: ${e.name}: ${e.message}`);
  process.exit(1);
});
