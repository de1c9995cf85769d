/**
 * Builds the client once (vite, the repo's vite.config.ts) and serves dist/client over HTTP on
 * a free port, for the solo e2e tests that need no game server.
 */
import { createReadStream, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { extname, join, normalize } from "node:path";
import { build } from "vite";

export const ROOT = join(import.meta.dirname, "..", "..", "..");
export const DIST = join(ROOT, "dist", "client");

const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".woff2": "font/woff2" };

let built: Promise<void> | undefined;
const STAMP = join(DIST, ".e2e-built");
const LOCK = join(ROOT, "dist", ".e2e-build-lock");

/** Newest modification time of what goes into the bundle. */
function newestSource(): number {
  let newest = statSync(join(ROOT, "vite.config.ts")).mtimeMs;
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of ["client", "shared", "levels"]) walk(join(ROOT, d));
  return newest;
}

const fresh = () => existsSync(STAMP) && statSync(STAMP).mtimeMs >= newestSource();

/**
 * Build the client unless dist/client is newer than every source. Test files run in parallel
 * workers: a lock directory makes one build while the others wait for it.
 */
export function buildClient(): Promise<void> {
  if (process.env.E2E_NO_BUILD === "1" && existsSync(join(DIST, "index.html"))) return Promise.resolve();
  built ??= (async () => {
    if (fresh()) return;
    mkdirSync(join(ROOT, "dist"), { recursive: true });
    const deadline = Date.now() + 180_000;
    for (;;) {
      try {
        mkdirSync(LOCK);
        break;
      } catch {
        const lock = statSync(LOCK, { throwIfNoEntry: false });
        if (lock && Date.now() - lock.mtimeMs > 180_000) rmSync(LOCK, { recursive: true, force: true });
        if (Date.now() > deadline) throw new Error("waited 3 minutes for another worker's client build");
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    try {
      if (fresh()) return;
      await build({ configFile: join(ROOT, "vite.config.ts"), logLevel: "warn" });
      writeFileSync(STAMP, new Date().toISOString());
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  })();
  return built;
}

export async function serveClient(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    let file = join(DIST, path);
    if (!file.startsWith(DIST) || !existsSync(file) || statSync(file).isDirectory()) file = join(DIST, "index.html");
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}
