/**
 * Graceful shutdown (SIGTERM/SIGINT): Colyseus' Server.gracefullyShutdown() locks and disposes
 * every room, then calls the onShutdown callback, then exits. Rooms write their last state to
 * the journal in onDispose (results, final session tick); the hook below then commits the
 * journal's queue and closes the database, so no result is lost. Rooms disposed because the
 * server is stopping are NOT ended: they stay unfinished and are restored at the next start.
 */
import { matchMaker, type Server } from "@colyseus/core";
import type { Logger } from "pino";
import type { RoomJournal } from "./journal.ts";
import { SqlJournal } from "./sql-journal.ts";

/** True while the process is shutting down: a room's onDispose then must not call roomEnded. */
export function isShuttingDown(): boolean {
  return matchMaker.state === matchMaker.MatchMakerState.SHUTTING_DOWN;
}

/** Flushes and closes the journal; logs what could not be written (only if the database is down). */
export function journalShutdownHook(journal: RoomJournal, logger?: Logger): () => Promise<void> {
  return async () => {
    const started = performance.now();
    if (journal instanceof SqlJournal) {
      const lost = await journal.closeAndReport();
      const ms = Math.round(performance.now() - started);
      if (lost > 0) logger?.error({ lost, ms }, "shutdown: journal closed with unwritten operations");
      else logger?.info({ ms }, "shutdown: journal flushed and closed");
      return;
    }
    await journal.close();
    logger?.info({ ms: Math.round(performance.now() - started) }, "shutdown: journal closed");
  };
}

/**
 * Wires the journal into the server's graceful shutdown. `also` runs first (e.g. closing the
 * HTTP side); Colyseus keeps one onShutdown callback, so compose here rather than calling
 * server.onShutdown again elsewhere.
 */
export function installGracefulShutdown(server: Server, opts: { journal: RoomJournal; logger?: Logger; also?: () => Promise<void> | void }): void {
  const closeJournal = journalShutdownHook(opts.journal, opts.logger);
  server.onBeforeShutdown(() => opts.logger?.info("shutdown: draining rooms"));
  server.onShutdown(async () => {
    try {
      await opts.also?.();
    } finally {
      await closeJournal();
    }
  });
}
