import { describe, expect, it } from "vitest";
import { runBoot } from "../../../client/boot.ts";
import { serverEndpoint } from "../../../client/net/connection.ts";
import { stuckLevel } from "../../../client/net/contest-host.ts";
import { curveSeries } from "../../../client/ui/debrief.ts";
import { formatClock, stars } from "../../../client/ui/dom.ts";
import { inspectorTabs } from "../../../client/ui/inspector.ts";
import { goalMark } from "../../../client/ui/sidebar.ts";
import { parseTraceLine } from "../../../client/ui/trace-line.ts";
import { hopText } from "../../../client/ui/trace-panel.ts";
import { tooltipText } from "../../../client/view/tooltip.ts";
import { clusterViewOf, viewNode, viewPod } from "../../support/client-builders.ts";

describe("boot progress", () => {
  it("reports progress by step weight and ends at 100%", async () => {
    const seen: [number, string][] = [];
    await runBoot([{ label: "a", weight: 3, run: async () => 0 }, { label: "b", weight: 1, run: async () => 0 }], (f, l) => seen.push([f, l]));
    expect(seen).toEqual([[0, "a"], [0.75, "b"], [1, "Ready"]]);
  });
});

describe("the inspector runs kubectl's own lines", () => {
  it("for a pod: describe, YAML, events, logs", () => {
    expect(inspectorTabs({ id: "Pod:shop/web-1", kind: "Pod", namespace: "shop", name: "web-1" }).map((t) => t.line)).toEqual([
      "kubectl describe pod/web-1 -n shop",
      "kubectl get pod/web-1 -n shop -o yaml",
      "kubectl get events -n shop --field-selector involvedObject.name=web-1",
      "kubectl logs web-1 -n shop --all-containers --tail=200",
    ]);
  });

  it("for a node (cluster-scoped): events from every namespace, no logs", () => {
    const tabs = inspectorTabs({ id: "Node:node-1", kind: "Node", name: "node-1" });
    expect(tabs.map((t) => t.id)).toEqual(["describe", "yaml", "events"]);
    expect(tabs[2].line).toBe("kubectl get events -A --field-selector involvedObject.name=node-1");
  });

  it("for a Service: its EndpointSlices", () => {
    expect(inspectorTabs({ id: "Service:shop/web", kind: "Service", namespace: "shop", name: "web" }).at(-1)?.line).toBe("kubectl get endpointslices -n shop -l kubernetes.io/service-name=web");
  });
});

describe("goal marks say it in words too", () => {
  it.each([
    [{ met: true, holding: true }, "✓", "met"],
    [{ met: false, holding: true }, "◐", "holding, keep it stable"],
    [{ met: false, holding: false }, "✗", "not met"],
    [{ met: false, holding: false, unavailable: true }, "–", "unavailable"],
  ])("%j", (g, mark, word) => {
    expect(goalMark(g)).toMatchObject({ mark, word });
  });
});

describe("kubectl trace lines open the trace view", () => {
  it.each([
    ["kubectl trace web-1 --to svc/shop/orders:8080", { from: "default/web-1", to: "svc/shop/orders", port: 8080 }],
    ["k trace pod/web-1 -n shop --to=10.96.0.10", { from: "shop/web-1", to: "10.96.0.10" }],
    ["kubectl trace node/node-1 --to shop/db-0:5432", { from: "node/node-1", to: "shop/db-0", port: 5432 }],
  ])("%s", (line, want) => {
    expect(parseTraceLine(line)).toEqual(want);
  });

  it.each(["kubectl get pods", "kubectl trace web-1", "kubectl trace --to x | grep y"])("%s is not a trace", (line) => {
    expect(parseTraceLine(line)).toBeUndefined();
  });

  it("prints a hop with where, what and the addresses", () => {
    expect(hopText({ stage: "dnat", at: "node-1", device: "KUBE-SVC-ABC", action: "DNAT to 10.244.1.5:8080", src: "10.244.0.3", dst: "10.244.1.5" })).toBe("⇆ dnat           node-1 KUBE-SVC-ABC: DNAT to 10.244.1.5:8080  [10.244.0.3 → 10.244.1.5]");
  });
});

describe("small formatting rules", () => {
  it.each([
    [0, "0:00"], [65, "1:05"], [3723, "1:02:03"], [-3, "0:00"],
  ])("clock %d s → %s", (s, text) => {
    expect(formatClock(s)).toBe(text);
  });

  it("draws stars", () => {
    expect(stars(2)).toBe("★★☆");
  });

  it("talks to the game server on the page's own host", () => {
    expect(serverEndpoint({ protocol: "https:", host: "game.example:8443" })).toBe("wss://game.example:8443");
    expect(serverEndpoint({ protocol: "http:", host: "localhost:2567" })).toBe("ws://localhost:2567");
  });

  it("finds the level most students are on", () => {
    expect(stuckLevel([{ levelId: "a", level: 1 }, { levelId: "b", level: 2 }, { levelId: "b", level: 2 }], ["a", "b"])).toEqual({ levelId: "b", count: 2 });
  });

  it("scales the debrief curve to the run", () => {
    const s = curveSeries([
      { simTimeMs: 0, goalsMet: 0, goalsHolding: 0, goalsTotal: 2, successRate: 0.5 },
      { simTimeMs: 10_000, goalsMet: 2, goalsHolding: 2, goalsTotal: 2 },
    ]);
    expect(s).toEqual({ goals: [[0, 0], [1, 1]], success: [[0, 0.5]] });
  });

  it("tooltips say what kubectl get says", () => {
    const view = clusterViewOf({ nodes: [viewNode("node-1", { memory: { usedBytes: 1, capacityBytes: 4 } })], pods: [viewPod("shop/web-1", "node-1", "CrashLoopBackOff", "0/1")] });
    expect(tooltipText({ id: "Pod:shop/web-1", kind: "Pod", namespace: "shop", name: "web-1" }, view)).toBe("shop/web-1\n✗ CrashLoopBackOff  ready 0/1  restarts 0\non node-1");
    expect(tooltipText({ id: "Node:node-1", kind: "Node", name: "node-1" }, view)).toBe("node node-1\nReady\nmemory 25% · disk ?");
  });
});
