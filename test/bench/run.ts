/**
 * `npm run bench`: the simulator's speed, printed as tables (never asserted in unit tests).
 * Usage: npm run bench [-- --only small|medium|large|scaleup|kubectl]
 */
import { performance } from "node:perf_hooks";
import { createCluster } from "../../shared/index.ts";
import { availableReplicas, benchConfig, benchNodes, settledCluster, webDeployment } from "./clusters.ts";
import { kubectlBench } from "./kubectl.ts";

interface Row {
  [column: string]: string;
}

function table(title: string, rows: Row[]): void {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]);
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => `| ${cells.map((s, i) => s.padEnd(width[i])).join(" | ")} |`;
  console.log(`\n${title}\n`);
  console.log(line(cols));
  console.log(`|${width.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of rows) console.log(line(cols.map((c) => r[c])));
}

function steadyTick(nodes: number, pods: number, goalMs: number): Row {
  const t0 = performance.now();
  const { cluster, settleSimMs } = settledCluster(nodes, pods);
  const setupWall = performance.now() - t0;
  const ticks = pods > 10_000 ? 300 : 2000;
  const samples: number[] = [];
  for (let i = 0; i < ticks; i++) {
    const s = performance.now();
    cluster.tick();
    samples.push(performance.now() - s);
  }
  samples.sort((a, b) => a - b);
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  const p99 = samples[Math.floor(samples.length * 0.99)];
  return {
    cluster: `${nodes} nodes / ${pods.toLocaleString("en")} pods`,
    "ms per tick (mean)": mean.toFixed(4),
    "p99 ms": p99.toFixed(4),
    "ticks/s": Math.round(1000 / mean).toLocaleString("en"),
    goal: `≤ ${goalMs} ms`,
    met: mean <= goalMs ? "yes" : "NO",
    "settle (sim s / wall s)": `${(settleSimMs / 1000).toFixed(0)} / ${(setupWall / 1000).toFixed(1)}`,
  };
}

function scaleUp(nodes: number, pods: number, goalWallMs: number): Row {
  const cluster = createCluster({ seed: 3, config: benchConfig(nodes), nodes: benchNodes(nodes, Math.ceil(pods / nodes)), objects: [webDeployment(0)] });
  cluster.advance(1000);
  const t0 = performance.now();
  const simStart = cluster.elapsedMs;
  const dep = cluster.get("Deployment", "default", "web")!;
  const r = cluster.apply({ ...dep, spec: { ...dep.spec, replicas: pods } });
  if (!r.ok) throw new Error(r.error.message);
  const ok = cluster.runUntil((c) => availableReplicas(c) === pods, 60 * 60_000);
  const wall = performance.now() - t0;
  return {
    scenario: `scale Deployment 0 → ${pods.toLocaleString("en")} on ${nodes} nodes`,
    "simulated time": `${((cluster.elapsedMs - simStart) / 1000).toFixed(1)} s`,
    "wall time": `${(wall / 1000).toFixed(2)} s`,
    goal: `≤ ${goalWallMs / 1000} s wall`,
    met: ok && wall <= goalWallMs ? "yes" : ok ? "NO" : "NO (did not finish)",
  };
}

const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined;
const want = (k: string) => !only || only === k;

console.log(`Crashloop simulator benchmark — node ${process.version}, ${new Date().toISOString()}`);
const rows: Row[] = [];
if (want("small")) rows.push(steadyTick(5, 50, 0.05));
if (want("medium")) rows.push(steadyTick(100, 3000, 1));
if (want("large")) rows.push(steadyTick(1000, 30_000, 5));
table("Steady-state tick (all pods Running and Ready, readiness probes every 10 s)", rows);
if (want("scaleup")) table("Scale-up", [scaleUp(1000, 30_000, 2000)]);
if (want("kubectl")) table("kubectl on a settled 100-node / 3,000-pod cluster (median of 20 runs)", kubectlBench(100, 3000));
