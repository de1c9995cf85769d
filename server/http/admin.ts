/**
 * `@colyseus/monitor` at /colyseus, only when ADMIN_PASSWORD is set, behind HTTP basic auth
 * (user `admin`). Without a password the monitor is not mounted at all.
 */
import { timingSafeEqual } from "node:crypto";
import type express from "express";
import { monitor } from "@colyseus/monitor";

export function basicAuth(password: string): express.RequestHandler {
  const expected = Buffer.from(`admin:${password}`);
  return (req, res, next) => {
    const header = req.headers.authorization ?? "";
    const given = header.startsWith("Basic ") ? Buffer.from(header.slice(6), "base64") : Buffer.alloc(0);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return next();
    res.set("WWW-Authenticate", 'Basic realm="crashloop admin"').status(401).send("authentication required");
  };
}

export function mountAdmin(app: express.Express, adminPassword: string | undefined): void {
  if (!adminPassword) return;
  app.use("/colyseus", basicAuth(adminPassword), monitor());
}
