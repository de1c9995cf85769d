/**
 * A synthetic cluster for measuring the map (open the client with `#bench`): 20 nodes, 400 pods
 * whose statuses churn, Services with traffic, one broken overlay link. No simulator involved:
 * it measures rendering only.
 */
import type { HintView, KubectlResult } from "../../shared/game/session.ts";
import type { ClusterView, ViewPod } from "../view/types.ts";
import type { GameBackend, GameSnapshot, LevelBrief } from "./backend.ts";

const STATUSES: [string, string][] = [["Running", "1/1"], ["Running", "0/1"], ["Pending", "0/1"], ["ContainerCreating", "0/1"], ["CrashLoopBackOff", "0/1"], ["Evicted", "0/1"], ["Terminating", "1/1"]];

export function benchView(nodes = 20, pods = 400, churn = 0): ClusterView {
  const ns = Array.from({ length: nodes }, (_, i) => `node-${String(i + 1).padStart(2, "0")}`);
  const list: ViewPod[] = Array.from({ length: pods }, (_, i) => {
    const [status, ready] = i % 9 === 0 ? STATUSES[(i + churn) % STATUSES.length] : STATUSES[0];
    return { id: `shop/web-${i}`, namespace: "shop", name: `web-${i}`, node: ns[i % nodes], status, ready, restarts: 0 };
  });
  return {
    tick: churn,
    elapsedMs: churn * 500,
    nodes: ns.map((name, i) => ({ name, ready: "True", status: "Ready", problems: i === 3 ? ["MemoryPressure"] : [], taints: 0, memory: { usedBytes: (0.3 + ((i * 7) % 10) / 15) * 8e9, capacityBytes: 8e9 }, disk: { usedBytes: 2e10, capacityBytes: 1e11 } })),
    pods: list,
    services: ["web", "api", "cart", "search"].map((name, k) => {
      const eps = list.filter((_, i) => i % 4 === k).slice(0, 12).map((p) => ({ pod: p.id, ready: p.status === "Running" && p.ready === "1/1" }));
      return { id: `shop/${name}`, namespace: "shop", name, type: "ClusterIP", kind: "Service" as const, readyEndpoints: eps.filter((e) => e.ready).length, notReadyEndpoints: eps.filter((e) => !e.ready).length, endpoints: eps, traffic: { requestsPerSec: 50 * (k + 1), successRate: k === 2 ? 0.6 : 0.99, reasons: { "i/o timeout": 5 } } };
    }),
    links: ns.map((n, i) => ({ from: n, to: ns[(i + 1) % nodes], state: i === 5 ? ("broken" as const) : ("healthy" as const) })),
    slo: { target: 0.99, budgetRemaining: 0.7, successRate: 0.97, requestsPerSec: 500 },
  };
}

export class BenchBackend implements GameBackend {
  readonly mode = "solo" as const;
  readonly level: LevelBrief = { id: "bench", title: "Bench: 20 nodes, 400 pods", category: "bench", difficulty: 1, parTimeSeconds: 600, briefing: "A synthetic cluster to measure the map's frame rate.", learningGoals: ["none"], hintCosts: [] };
  private churn = 0;
  private readonly listeners = new Set<(s: GameSnapshot) => void>();
  private readonly timer = setInterval(() => {
    this.churn++;
    const s = this.snapshot();
    this.listeners.forEach((l) => l(s));
  }, 500);

  snapshot(): GameSnapshot {
    return { view: benchView(20, 400, this.churn), clock: { elapsedSeconds: this.churn / 2, speed: 1, paused: false }, goals: [], solved: false, ended: false, hints: [] };
  }
  subscribe(l: (s: GameSnapshot) => void): () => void {
    this.listeners.add(l);
    l(this.snapshot());
    return () => this.listeners.delete(l);
  }
  async run(line: string): Promise<KubectlResult> {
    return { stdout: "", stderr: `bench: no cluster behind this map (${line})\n`, exitCode: 1 };
  }
  inspect(line: string): Promise<KubectlResult> {
    return this.run(line);
  }
  complete(): string[] {
    return [];
  }
  async hint(): Promise<HintView | undefined> {
    return undefined;
  }
  async debrief(): Promise<undefined> {
    return undefined;
  }
  dispose(): void {
    clearInterval(this.timer);
  }
}
