/**
 * Load test: `npm run loadtest -- --rooms R --clients C [--duration S] [--processes N]
 * [--server main|probe] [--url ws://127.0.0.1:PORT] [--level ID] [--pace S]`.
 * Bots (colyseus.js) join R drill rooms (C clients in all, one creator per room) and type
 * kubectl commands at human pace (one every ~S seconds, default 5). Prints one markdown table
 * row: join latency p50/p95, tick duration p50/p99 (from /metrics), server CPU and RSS, bytes/s
 * per client in the steady window. Loopback only; counts and duration are bounded and it stops
 * by itself. Without --url it starts N server processes (N > 1: plus a redis-server) itself.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Client, type Room } from "colyseus.js";
import { fmt, histogramBuckets, histogramQuantile, metricSum, quantile, sampleProc } from "./loadtest-stats.ts";

const LINES = ["kubectl get pods", "kubectl get pods -o wide", "kubectl get deploy", "kubectl get svc", "kubectl get events", "kubectl get nodes", "kubectl describe nodes", "kubectl get endpoints", "kubectl top nodes"];

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : def;
}
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Number.isFinite(v) ? Math.floor(v) : lo));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const opts = {
  rooms: clamp(Number(arg("rooms", "10")), 1, 500),
  clients: 0,
  duration: clamp(Number(arg("duration", "60")), 5, 600),
  processes: clamp(Number(arg("processes", "1")), 1, 4),
  server: arg("server", fs.existsSync("server/main.ts") ? "main" : "probe"),
  url: arg("url", ""),
  level: arg("level", ""),
  pace: Math.max(1, Number(arg("pace", "5")) || 5),
};
opts.clients = clamp(Number(arg("clients", String(opts.rooms * 3))), opts.rooms, 2000);
if (opts.url && !/^wss?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\/?$/.test(opts.url)) {
  console.error("--url must be a loopback ws:// address (ws://127.0.0.1:PORT)");
  process.exit(2);
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

const children: ChildProcess[] = [];
async function stopAll(): Promise<void> {
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once("exit", () => resolve());
          c.kill("SIGTERM");
          setTimeout(() => c.kill("SIGKILL"), 10_000).unref();
        }),
    ),
  );
}

async function waitHttp(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await sleep(250);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Starts redis (if several processes) and the servers; returns their HTTP bases and PIDs. */
async function startServers(): Promise<{ bases: string[]; pids: number[] }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "crashloop-loadtest-"));
  const env: Record<string, string> = { ...(process.env as Record<string, string>), LOG_LEVEL: "warn", HOST: "127.0.0.1" };
  if (opts.processes > 1) {
    const port = await freePort();
    const redis = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    children.push(redis);
    await sleep(300);
    env.REDIS_URL = `redis://127.0.0.1:${port}`;
  }
  const entry = opts.server === "probe" ? "server/scale/probe-server.ts" : "server/main.ts";
  const bases: string[] = [];
  const pids: number[] = [];
  for (let i = 0; i < opts.processes; i++) {
    const port = await freePort();
    const child = spawn(process.execPath, ["--import", "tsx", entry], {
      env: { ...env, PORT: String(port), PUBLIC_ADDRESS: `127.0.0.1:${port}`, DATA_DIR: path.join(dataDir, `p${i}`) },
      stdio: ["ignore", "ignore", "inherit"],
    });
    children.push(child);
    pids.push(child.pid!);
    bases.push(`http://127.0.0.1:${port}`);
  }
  await Promise.all(bases.map((b) => waitHttp(`${b}/api/levels`, 180_000)));
  return { bases, pids };
}

interface Bot {
  room: Room;
  bytes: number;
}

async function main(): Promise<void> {
  const hardStop = setTimeout(() => {
    console.error("loadtest: hard time limit reached");
    void stopAll().then(() => process.exit(1));
  }, (opts.duration + 300) * 1000);
  hardStop.unref();

  const { bases, pids } = opts.url ? { bases: [opts.url.replace(/^ws/, "http").replace(/\/$/, "")], pids: [] } : await startServers();
  const roomName = opts.server === "probe" ? "probe" : "drill";
  const levels = (await fetch(`${bases[0]}/api/levels`).then((r) => r.json())) as { id: string; playable?: boolean }[];
  const levelId = opts.level || levels.find((l) => l.playable !== false)?.id || levels[0]?.id;
  const clientsFor = (i: number) => new Client(bases[i % bases.length].replace(/^http/, "ws"));

  const joinMs: number[] = [];
  const rttMs: number[] = [];
  let errors = 0;
  const bots: Bot[] = [];
  const track = (room: Room): Bot => {
    const bot = { room, bytes: 0 };
    const ws = (room.connection as unknown as { transport: { ws: { addEventListener(t: string, f: (e: { data: ArrayBuffer | string }) => void): void } } }).transport.ws;
    ws.addEventListener("message", (e) => (bot.bytes += typeof e.data === "string" ? e.data.length : e.data.byteLength));
    room.onMessage("*", () => {});
    bots.push(bot);
    return bot;
  };
  const timedJoin = async (join: () => Promise<Room>) => {
    const t0 = performance.now();
    try {
      const room = await join();
      joinMs.push(performance.now() - t0);
      return track(room);
    } catch (e) {
      errors++;
      console.error(`join failed: ${(e as Error).message}`);
      return undefined;
    }
  };

  console.error(`loadtest: ${opts.rooms} rooms, ${opts.clients} clients, ${opts.processes} process(es), ${opts.duration}s steady, level ${levelId}`);
  const perRoom = Array.from({ length: opts.rooms }, (_, r) => Math.floor(opts.clients / opts.rooms) + (r < opts.clients % opts.rooms ? 1 : 0));
  let n = 0;
  for (let r = 0; r < opts.rooms; r += 10) {
    await Promise.all(
      perRoom.slice(r, r + 10).map(async (count, k) => {
        const creator = await timedJoin(() => clientsFor(n++).create(roomName, { name: `bot${r + k}-0`, levelId, autoStart: true }));
        if (!creator) return;
        for (let b = 1; b < count; b++) await timedJoin(() => clientsFor(n++).joinById(creator.room.roomId, { name: `bot${r + k}-${b}` }));
      }),
    );
  }

  let running = true;
  let seq = 0;
  const typist = async (bot: Bot) => {
    const pending = new Map<string, number>();
    bot.room.onMessage("kubectl:result", (m: { id: string }) => {
      const t = pending.get(m.id);
      if (t !== undefined) rttMs.push(performance.now() - t), pending.delete(m.id);
    });
    await sleep(Math.random() * opts.pace * 1000);
    while (running) {
      const id = `lt${++seq}`;
      pending.set(id, performance.now());
      bot.room.send("kubectl", { id, line: LINES[seq % LINES.length] });
      await sleep(opts.pace * 1000 * (0.5 + Math.random()));
    }
  };
  const typing = bots.map(typist);

  await sleep(5000); // warm-up: joins settle, first patches sent
  const scrape = () => Promise.all(bases.map((b) => fetch(`${b}/metrics`).then((r) => (r.ok ? r.text() : ""), () => "")));
  const before = { metrics: await scrape(), procs: pids.map(sampleProc), bytes: bots.reduce((s, b) => s + b.bytes, 0), at: performance.now() };
  await sleep(opts.duration * 1000);
  const after = { metrics: await scrape(), procs: pids.map(sampleProc), bytes: bots.reduce((s, b) => s + b.bytes, 0), at: performance.now() };
  running = false;

  const seconds = (after.at - before.at) / 1000;
  const merge = (texts: string[]) => texts.reduce((acc, t) => {
    for (const [k, v] of histogramBuckets(t, "crashloop_tick_duration_seconds")) acc.set(k, (acc.get(k) ?? 0) + v);
    return acc;
  }, new Map<number, number>());
  const hb = merge(before.metrics);
  const ha = merge(after.metrics);
  const cpu = pids.length
    ? after.procs.reduce((s, p, i) => s + (p?.cpuSeconds ?? 0) - (before.procs[i]?.cpuSeconds ?? 0), 0)
    : after.metrics.reduce((s, t, i) => s + (metricSum(t, "process_cpu_seconds_total") ?? NaN) - (metricSum(before.metrics[i], "process_cpu_seconds_total") ?? NaN), 0);
  const rss = pids.length ? after.procs.reduce((s, p) => s + (p?.rssBytes ?? 0), 0) : after.metrics.reduce((s, t) => s + (metricSum(t, "process_resident_memory_bytes") ?? NaN), 0);

  for (const b of bots) await b.room.leave().catch(() => {});
  await Promise.race([Promise.all(typing), sleep(opts.pace * 2000)]);
  await stopAll();

  const row = [
    opts.rooms,
    bots.length,
    opts.processes,
    fmt(quantile(joinMs, 0.5), 0),
    fmt(quantile(joinMs, 0.95), 0),
    fmt(histogramQuantile(hb, ha, 0.5) * 1000, 2),
    fmt(histogramQuantile(hb, ha, 0.99) * 1000, 2),
    fmt((cpu / seconds) * 100, 0),
    fmt(rss / 2 ** 20, 0),
    fmt((after.bytes - before.bytes) / Math.max(1, bots.length) / seconds / 1024, 2),
    fmt(quantile(rttMs, 0.95), 0),
    errors,
  ];
  console.log("| rooms | clients | processes | join p50 (ms) | join p95 (ms) | tick p50 (ms) | tick p99 (ms) | server CPU (% of a core) | server RSS (MB) | KB/s per client | command p95 (ms) | join errors |");
  console.log("|---|---|---|---|---|---|---|---|---|---|---|---|");
  console.log(`| ${row.join(" | ")} |`);
  process.exit(errors > 0 ? 1 : 0);
}

main().catch(async (e) => {
  console.error(`loadtest: ${(e as Error).message}`);
  await stopAll();
  process.exit(1);
});
