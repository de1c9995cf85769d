/**
 * createServer: the game server as a Colyseus app config (what `@colyseus/tools` listen() and
 * `@colyseus/testing` boot() take), with every dependency injectable — the journal
 * (persistence), presence and driver (scale-out), logger and metrics (observability) — and
 * in-memory, silent defaults.
 */
import { join } from "node:path";
import type express from "express";
import { LocalPresence, matchMaker, type MatchMakerDriver, type Presence, type Server } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import type { ConfigOptions } from "@colyseus/tools";
import { LIMITS, ROOM } from "../shared/protocol/names.ts";
import { MemoryJournal, type RoomJournal } from "./persistence/journal.ts";
import { loadCatalogue, type LevelCatalogue } from "./levels/catalogue.ts";
import { noopMetrics, silentLogger, type Logger, type ServerDeps, type ServerMetrics } from "./deps.ts";
import { bindRoom } from "./rooms/bind.ts";
import { DrillRoom } from "./rooms/drill-room.ts";
import { ContestRoom } from "./rooms/contest-room.ts";
import { ContestSeatRoom } from "./rooms/contest-seat-room.ts";
import { apiRouter } from "./http/api.ts";
import { mountAdmin } from "./http/admin.ts";
import { mountClient } from "./http/static-client.ts";

export const REPO_ROOT = join(import.meta.dirname, "..");

export interface CreateServerOptions {
  journal?: RoomJournal;
  presence?: Presence;
  driver?: MatchMakerDriver;
  logger?: Logger;
  metrics?: ServerMetrics;
  catalogue?: LevelCatalogue;
  /** Default: <repo>/levels. */
  levelsDir?: string;
  now?: () => number;
  /** Address other processes and clients reach this one at (needed behind Redis). */
  publicAddress?: string;
  /** Mount @colyseus/monitor at /colyseus behind basic auth; absent: not mounted. */
  adminPassword?: string;
  /** Serve the built client from <clientRoot>/dist/client (building it once if missing); false: no client. */
  clientRoot?: string | false;
  /** More routes (/healthz, /metrics...), mounted before the client's catch-all. */
  routes?: (app: express.Express, deps: ServerDeps) => void;
  /** Called with the Colyseus server once defined (shutdown hooks, restore of unfinished rooms). */
  onServer?: (server: Server, deps: ServerDeps) => void | Promise<void>;
}

export interface GameServer {
  config: ConfigOptions;
  deps: ServerDeps;
}

export function createServer(opts: CreateServerOptions = {}): GameServer {
  const logger = opts.logger ?? silentLogger;
  const catalogue = opts.catalogue ?? loadCatalogue(opts.levelsDir ?? join(REPO_ROOT, "levels"));
  for (const p of catalogue.problems) logger.warn({ problem: p }, "level not loaded");
  const deps: ServerDeps = {
    journal: opts.journal ?? new MemoryJournal(),
    catalogue,
    logger,
    metrics: opts.metrics ?? noopMetrics,
    now: opts.now ?? (() => Date.now()),
  };
  const presence = opts.presence ?? new LocalPresence();
  const config: ConfigOptions = {
    options: {
      presence,
      ...(opts.driver ? { driver: opts.driver } : {}),
      ...(opts.publicAddress ? { publicAddress: opts.publicAddress } : {}),
    },
    initializeTransport: (o: object) => new WebSocketTransport({ ...o, maxPayload: LIMITS.frameBytes }),
    initializeGameServer: async (gameServer) => {
      gameServer.define(ROOM.drill, bindRoom(DrillRoom, deps));
      gameServer.define(ROOM.contest, bindRoom(ContestRoom, deps));
      gameServer.define(ROOM.contestSeat, bindRoom(ContestSeatRoom, deps));
      await opts.onServer?.(gameServer, deps);
    },
    initializeExpress: (app) => {
      app.disable("x-powered-by");
      app.use("/api", apiRouter(deps, () => matchMaker.presence ?? presence));
      mountAdmin(app, opts.adminPassword);
      opts.routes?.(app, deps);
      if (opts.clientRoot !== false) mountClient(app, opts.clientRoot ?? REPO_ROOT, logger, { build: true });
    },
  };
  return { config, deps };
}
