/**
 * The traffic model's cost: 100 Services × 30 pods (3,000 pods) on 50 nodes, 20 of them entry
 * points (NodePort, 100 users/s each) and chains of calls (svc-i → svc-(i+20)), ≈ 10,000
 * requests per simulated second. Goal: ≤ 2 ms per tick with traffic on (steady state).
 * Run alone: `node --import tsx test/bench/traffic-l7.ts`; `trafficBench()` for run.ts.
 */
import { performance } from "node:perf_hooks";
import { configureTraffic } from "../../shared/net/traffic/configure.ts";
import { trafficStats } from "../../shared/net/traffic/stats.ts";
import { l7Cluster } from "../support/net-l7-builders.ts";
import { Engine } from "../../shared/sim/loop.ts";
import type { Controller } from "../../shared/sim/controller.ts";
import { benchNodes, webDeployment } from "./clusters.ts";

const SERVICES = 100;
const PODS_PER_SERVICE = 30;
const NODES = 50;
const ENTRIES = 20;

function svc(i: number): object {
  const name = `svc-${i}`;
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace: "default" },
    spec: { type: i < ENTRIES ? "NodePort" : "ClusterIP", selector: { app: name }, ports: [{ port: 80, targetPort: "http", ...(i < ENTRIES ? { nodePort: 30000 + i } : {}) }] },
  };
}

export function trafficBench(): Record<string, string> {
  const t0 = performance.now();
  const objects: object[] = [];
  for (let i = 0; i < SERVICES; i++) objects.push(webDeployment(PODS_PER_SERVICE, `svc-${i}`), svc(i));
  const cluster = l7Cluster({ seed: 1, freeze: false, nodes: benchNodes(NODES, (SERVICES * PODS_PER_SERVICE) / NODES), objects });
  cluster.runUntil((c) => c.list("Pod").filter((p) => p.status?.conditions?.some((x) => x.type === "Ready" && x.status === "True")).length === SERVICES * PODS_PER_SERVICE, 10 * 60_000);
  cluster.advance(30_000);
  configureTraffic(cluster, {
    entries: Array.from({ length: ENTRIES }, (_, i) => ({ name: `entry-${i}`, via: { kind: "nodePort" as const, port: 30000 + i }, ratePerSec: 100 })),
    calls: Array.from({ length: SERVICES - ENTRIES }, (_, i) => ({ from: `default/svc-${i}`, to: `http://svc-${i + ENTRIES}/` })),
  });
  // Time the traffic controller itself: the rest of the tick is the simulator's own cost.
  const trafficMs: number[] = [];
  const timed = cluster.engine.controllers.map((c): Controller =>
    c.name !== "traffic" ? c : { ...c, sync: (key, ctx) => { const s = performance.now(); c.sync(key, ctx); if (key === "tick") trafficMs.push(performance.now() - s); } },
  );
  (cluster as unknown as { engine: Engine }).engine = new Engine(cluster.state, timed, { freeze: false });
  const first = performance.now();
  cluster.tick();
  const firstMs = performance.now() - first;
  cluster.advance(5_000);
  trafficMs.length = 0;
  const setup = performance.now() - t0;
  const withTraffic: number[] = [];
  for (let i = 0; i < 600; i++) {
    const s = performance.now();
    cluster.tick();
    withTraffic.push(performance.now() - s);
  }
  // One pod of a mid-chain Service goes away: only the flows through it are recomputed.
  const victim = cluster.list("Pod", { labelSelector: "app=svc-50" })[0];
  cluster.delete({ kind: "Pod", namespace: "default", name: victim.metadata.name });
  const churnStart = trafficMs.length;
  cluster.advance(2_000);
  const churnMax = Math.max(...trafficMs.slice(churnStart));
  trafficMs.length = churnStart;
  withTraffic.sort((a, b) => a - b);
  trafficMs.sort((a, b) => a - b);
  const mean = trafficMs.reduce((a, b) => a + b, 0) / trafficMs.length;
  const tickMean = withTraffic.reduce((a, b) => a + b, 0) / withTraffic.length;
  const stats = trafficStats(cluster, { windowMs: 30_000 });
  const rps = Object.values(stats.services).reduce((s, x) => s + x.requestsPerSec, 0);
  return {
    scenario: `${SERVICES} services / ${SERVICES * PODS_PER_SERVICE} pods / ${NODES} nodes, traffic on`,
    "requests/s (services)": rps.toFixed(0),
    "users success": stats.users.successRate.toFixed(4),
    "traffic ms per tick (mean)": mean.toFixed(4),
    "traffic p99 ms": trafficMs[Math.floor(trafficMs.length * 0.99)].toFixed(4),
    "whole tick ms (mean)": tickMean.toFixed(4),
    "all flows recomputed (ms)": firstMs.toFixed(1),
    "worst tick after one pod churns (ms)": churnMax.toFixed(1),
    goal: "≤ 2 ms",
    met: mean <= 2 ? "yes" : "NO",
    "setup wall s": (setup / 1000).toFixed(1),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(trafficBench());
