/**
 * Benchmark (not a test): N drill rooms of a real level ticking in one process, for the contest
 * sizing decision in docs/protocol.md. Prints the per-room simulation interval cost (p50/p99)
 * and the process CPU share. Usage: node --import tsx test/bench/rooms-tick.ts [rooms] [levelId]
 */
import { matchMaker } from "@colyseus/core";
import { listen } from "@colyseus/tools";
import { createServer } from "../../server/app.ts";
import { noopMetrics } from "../../server/deps.ts";

const rooms = Number(process.argv[2] ?? 100);
const levelId = process.argv[3] ?? "selectors-service-typo";
const samples: number[] = [];
const { config } = createServer({ clientRoot: false, metrics: { ...noopMetrics, tickDuration: (_k, ms) => void samples.push(ms) } });
config.displayLogs = false;
config.options = { ...config.options, greet: false };
const server = await listen(config, 25790);
const t0 = performance.now();
for (let i = 0; i < rooms; i++) await matchMaker.createRoom("drill", { levelId, autoStart: true });
console.log(`created ${rooms} rooms in ${Math.round(performance.now() - t0)} ms`);
await new Promise((r) => setTimeout(r, 2000));
samples.length = 0;
const cpu0 = process.cpuUsage();
const w0 = performance.now();
await new Promise((r) => setTimeout(r, 5000));
const cpu = process.cpuUsage(cpu0);
const wall = performance.now() - w0;
samples.sort((a, b) => a - b);
const q = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))].toFixed(3);
console.log(`${rooms} rooms × 10 intervals/s: interval p50 ${q(0.5)} ms, p99 ${q(0.99)} ms; process CPU ${((100 * (cpu.user + cpu.system)) / 1000 / wall).toFixed(1)}% of one core; RSS ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
await server.gracefullyShutdown(false);
process.exit(0);
