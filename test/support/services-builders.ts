/**
 * Real external services for server tests: a throwaway redis-server and PostgreSQL cluster on
 * random loopback ports, and the rule for when their binaries are missing: skip with a printed
 * reason locally, fail under CI=true (.ci/run installs them with apt-get).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export interface Availability {
  /** Run the tests that need the service. */
  run: boolean;
  /** Why not (printed when skipped; the failure message under CI). */
  reason?: string;
  /** CI=true and missing: a test must fail. */
  mustFail: boolean;
}

export function availability(service: string, found: string | undefined, install: string): Availability {
  if (found) return { run: true, mustFail: false };
  const reason = `${service} not found (install it: ${install})`;
  const ci = process.env.CI === "true";
  if (!ci) console.log(`skipping ${service} tests: ${reason}`);
  return { run: false, reason, mustFail: ci };
}

export function findExecutable(name: string, extraDirs: string[] = []): string | undefined {
  const dirs = [...extraDirs, ...(process.env.PATH ?? "").split(path.delimiter), "/usr/sbin", "/usr/bin", "/usr/local/bin"];
  for (const d of dirs) {
    const p = path.join(d, name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      /* next */
    }
  }
  return undefined;
}

/** PostgreSQL's server binaries live outside PATH on Debian (/usr/lib/postgresql/<v>/bin). */
export function findPostgresBin(): string | undefined {
  const initdb = findExecutable("initdb");
  if (initdb && findExecutable("postgres", [path.dirname(fs.realpathSync(initdb))])) return path.dirname(fs.realpathSync(initdb));
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return undefined;
  const versions = fs.readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = path.join(root, v, "bin");
    if (fs.existsSync(path.join(bin, "initdb")) && fs.existsSync(path.join(bin, "postgres"))) return bin;
  }
  return undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs = 15_000, everyMs = 100): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      if (await probe()) return;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`${what} not ready after ${timeoutMs} ms${last ? `: ${(last as Error).message}` : ""}`);
}

function tcpOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
  });
}

export interface RunningService {
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM", timeoutMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  await exited;
  clearTimeout(timer);
}

export async function startRedis(bin: string): Promise<RunningService> {
  const port = await freePort();
  const child = spawn(bin, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no"], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  try {
    await waitFor("redis-server", async () => child.exitCode === null && (await tcpOpen(port)));
  } catch (e) {
    await stopProcess(child);
    throw new Error(`${(e as Error).message}\n${output}`);
  }
  return { url: `redis://127.0.0.1:${port}`, port, process: child, stop: () => stopProcess(child) };
}

/** Runs as the `postgres` user when we are root (initdb and postgres refuse to run as root). */
function asPostgresUser(cmd: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [cmd, args];
  return ["setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", cmd, ...args]];
}

export async function startPostgres(bin: string): Promise<RunningService & { dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "crashloop-pg-"));
  if (process.getuid?.() === 0) spawnSync("chown", ["-R", "postgres:postgres", dataDir]);
  const [initCmd, initArgs] = asPostgresUser(path.join(bin, "initdb"), ["-D", dataDir, "-U", "crashloop", "--auth=trust", "--no-sync", "-E", "UTF8"]);
  const init = spawnSync(initCmd, initArgs, { encoding: "utf8" });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout || init.error?.message}`);
  const port = await freePort();
  const [cmd, args] = asPostgresUser(path.join(bin, "postgres"), ["-D", dataDir, "-p", String(port), "-k", dataDir, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "full_page_writes=off"]);
  const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const url = `postgres://crashloop@127.0.0.1:${port}/postgres`;
  try {
    await waitFor("postgres", async () => {
      if (child.exitCode !== null) throw new Error("postgres exited");
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.end();
      return true;
    });
  } catch (e) {
    await stopProcess(child, "SIGINT");
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`${(e as Error).message}\n${output}`);
  }
  return {
    url,
    port,
    dataDir,
    process: child,
    async stop() {
      await stopProcess(child, "SIGINT");
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh, empty database on a running PostgreSQL; returns its URL. */
export async function createPostgresDatabase(serverUrl: string, name: string): Promise<string> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  await c.query(`create database "${name}"`);
  await c.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export interface ServerProcess {
  port: number;
  /** http://127.0.0.1:port */
  http: string;
  /** ws://127.0.0.1:port (colyseus.js endpoint) */
  ws: string;
  process: ChildProcess;
  output(): string;
  /** Resolves with the exit code (or the signal name) once the process has exited. */
  exited: Promise<number | string>;
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

/**
 * Starts `node --import tsx <entry>` (one PID: STACK.md gotcha 6) on a free loopback port and
 * waits until /healthz answers 200.
 */
export async function startServerProcess(entry: string, env: Record<string, string>, port?: number): Promise<ServerProcess> {
  const p = port ?? (await freePort());
  const child = spawn(process.execPath, ["--import", "tsx", entry], {
    env: { ...process.env, LOG_LEVEL: "info", ...env, PORT: String(p), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => (out += d));
  child.stderr?.on("data", (d) => (out += d));
  const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown")));
  const proc: ServerProcess = {
    port: p,
    http: `http://127.0.0.1:${p}`,
    ws: `ws://127.0.0.1:${p}`,
    process: child,
    output: () => out,
    exited,
    async stop(signal: NodeJS.Signals = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
        await exited;
        clearTimeout(timer);
      }
      return exited;
    },
  };
  try {
    await waitFor(`server ${entry} on port ${p}`, async () => {
      if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
      const r = await fetch(`${proc.http}/healthz`);
      return r.status === 200;
    }, 90_000, 150);
  } catch (e) {
    await proc.stop("SIGKILL");
    throw new Error(`${(e as Error).message}\n--- server output ---\n${out}`);
  }
  return proc;
}
