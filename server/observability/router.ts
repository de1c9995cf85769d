/**
 * The express router to mount at the server's root: GET /healthz (200 when every check
 * passes, 503 otherwise, JSON body naming each check) and GET /metrics (Prometheus text).
 * Simplification: /metrics is unauthenticated (no secrets in it); put it behind the
 * network's access rules in production.
 */
import express, { type Router } from "express";
import type { Logger } from "pino";
import type { HealthReport } from "./health.ts";
import type { Metrics } from "./metrics.ts";

export interface ObservabilityRouterOptions {
  metrics: Metrics;
  health: () => Promise<HealthReport>;
  logger?: Logger;
}

export function createObservabilityRouter(opts: ObservabilityRouterOptions): Router {
  const router = express.Router();
  let lastStatus: HealthReport["status"] | undefined;

  router.get("/healthz", async (_req, res) => {
    const report = await opts.health();
    if (report.status !== lastStatus) {
      if (report.status === "ok") opts.logger?.info({ checks: report.checks }, "health: ok");
      else opts.logger?.warn({ checks: report.checks }, "health: down");
      lastStatus = report.status;
    }
    if (report.status !== "ok") opts.metrics.errors.inc({ type: "health" });
    res.status(report.status === "ok" ? 200 : 503).set("Cache-Control", "no-store").json(report);
  });

  router.get("/metrics", async (_req, res) => {
    try {
      res.set("Content-Type", opts.metrics.contentType).send(await opts.metrics.render());
    } catch (e) {
      opts.logger?.error({ err: e }, "metrics: render failed");
      res.status(500).send("metrics unavailable\n");
    }
  });

  return router;
}
