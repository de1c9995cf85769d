/**
 * The built client (vite → dist/client) served at /, with index.html for any other non-API
 * path (the client routes itself). When it has not been built yet, `npx vite build` is started
 * once and a page says so until it is done.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import express from "express";
import type { Logger } from "../deps.ts";

const NOT_BUILT = (why: string) => `<!doctype html><meta charset="utf-8"><title>Crashloop</title>
<body style="font-family:system-ui;background:#111;color:#eee;padding:3em">
<h1>Crashloop</h1><p>${why}</p><p>The game server itself is running: rooms <code>drill</code> and <code>contest</code> accept connections on this address.</p></body>`;

export function mountClient(app: express.Express, root: string, log: Logger, opts: { build: boolean }): void {
  const dist = join(root, "dist", "client");
  const index = join(dist, "index.html");
  let building = false;
  let failed = "";
  const canBuild = existsSync(join(root, "client", "index.html")) || existsSync(join(root, "index.html"));
  if (!existsSync(index) && opts.build && canBuild) {
    building = true;
    log.info({ dist }, "client not built: running npx vite build");
    const child = spawn("npx", ["vite", "build"], { cwd: root, stdio: "ignore" });
    child.on("exit", (code) => {
      building = false;
      if (code !== 0) failed = `vite build exited with code ${code}`;
      log.info({ code }, "client build finished");
    });
    child.on("error", (err) => {
      building = false;
      failed = String(err);
    });
  }
  app.use(express.static(dist, { index: "index.html", maxAge: "1h", setHeaders: (res, path) => path.endsWith(".html") && res.setHeader("Cache-Control", "no-cache") }));
  app.get(/^\/(?!api\/|colyseus|matchmake\/).*/, (_req, res) => {
    if (existsSync(index)) return res.sendFile(index);
    res.status(503).type("html");
    if (building) return res.set("Refresh", "3").send(NOT_BUILT("The client is being built (npx vite build); this page reloads by itself."));
    if (failed) return res.send(NOT_BUILT(`Building the client failed (${failed}). Run <code>npx vite build</code> and look at its output.`));
    res.send(NOT_BUILT("The client is not built. Run <code>npx vite build</code> (it writes dist/client), then reload."));
  });
}
