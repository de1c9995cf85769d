import { describe, expect, it } from "vitest";
import { createCluster } from "../../../shared/sim/cluster.ts";
import { evaluateGoal } from "../../../shared/levels/goals/evaluate.ts";
import { findIngressBackend } from "../../../shared/levels/goals/ingress.ts";
import { goalSchema, type Goal } from "../../../shared/levels/goals/schema.ts";
import { goalText } from "../../../shared/levels/goals/text.ts";

const goal = (g: Record<string, unknown>): Goal => ({ id: "g", ...goalSchema.parse(g) }) as Goal;

function webCluster(selector = "web") {
  const c = createCluster({
    seed: 1,
    freeze: true,
    nodes: [{ name: "node-1" }, { name: "node-2" }],
    images: { "web/app:1.0": { startupMs: 500, ports: [8080], http: { "/healthz": {} } } },
    objects: [
      { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec: { replicas: 2, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "web/app:1.0", ports: [{ name: "http", containerPort: 8080 }], readinessProbe: { httpGet: { path: "/healthz", port: "http" }, periodSeconds: 2 } }] } } } },
      { apiVersion: "v1", kind: "Service", metadata: { name: "web" }, spec: { selector: { app: selector }, ports: [{ name: "http", port: 80, targetPort: "http" }] } },
    ],
  });
  c.advance(20_000);
  return c;
}

describe("evaluating goals against the cluster", () => {
  it("serviceHasReadyEndpoints counts ready addresses of the Service's EndpointSlices", () => {
    expect(evaluateGoal(webCluster(), goal({ kind: "serviceHasReadyEndpoints", service: "web", min: 2 }))).toEqual({ holding: true, detail: "2 ready endpoint(s)" });
    expect(evaluateGoal(webCluster("wbe"), goal({ kind: "serviceHasReadyEndpoints", service: "web" })).holding).toBe(false);
    expect(evaluateGoal(webCluster(), goal({ kind: "serviceHasReadyEndpoints", service: "nope" })).detail).toBe('service "nope" not found');
  });

  it("deploymentAvailable needs the rollout complete, podsRunning and podsSpreadAcrossNodes count ready pods", () => {
    const c = webCluster();
    expect(evaluateGoal(c, goal({ kind: "deploymentAvailable", name: "web" })).holding).toBe(true);
    expect(evaluateGoal(c, goal({ kind: "podsRunning", selector: "app=web", min: 3 })).detail).toBe("2 pod(s) running and ready, want at least 3");
    expect(evaluateGoal(c, goal({ kind: "podsSpreadAcrossNodes", selector: "app=web", minNodes: 2 })).holding).toBe(true);
  });

  it("nodeCondition reads the node's condition, noPodsWithStatus the STATUS column", () => {
    const c = webCluster();
    expect(evaluateGoal(c, goal({ kind: "nodeCondition", node: "node-1", type: "Ready", status: "True" })).holding).toBe(true);
    expect(evaluateGoal(c, goal({ kind: "nodeCondition", node: "node-1", type: "MemoryPressure", status: "True" })).detail).toMatch(/^MemoryPressure=False/);
    expect(evaluateGoal(c, goal({ kind: "noPodsWithStatus", selector: "app=web", statuses: ["Running"] })).holding).toBe(false);
    expect(evaluateGoal(c, goal({ kind: "noPodsWithStatus", statuses: ["CrashLoopBackOff"] })).holding).toBe(true);
  });

  it("objectUnchanged compares with the baseline taken at the start, and notices deletion", () => {
    const c = webCluster();
    const g = goal({ kind: "objectUnchanged", target: { kind: "Service", name: "web" } });
    const base = { g: `${c.get("Service", "default", "web")!.metadata.uid}|${JSON.stringify([c.get("Service", "default", "web")!.spec])}` };
    expect(evaluateGoal(c, g, { g: "other" }).holding).toBe(false);
    c.delete({ kind: "Service", namespace: "default", name: "web" });
    expect(evaluateGoal(c, g, base).detail).toBe("service/web was deleted");
  });

  it("dnsResolves asks cluster DNS from a source pod, with its search path", () => {
    const c = webCluster();
    expect(evaluateGoal(c, goal({ kind: "dnsResolves", from: { selector: "app=web" }, name: "web" })).holding).toBe(true);
    expect(evaluateGoal(c, goal({ kind: "dnsResolves", from: { selector: "app=web" }, name: "web.default.svc.cluster.local" })).holding).toBe(true);
    expect(evaluateGoal(c, goal({ kind: "dnsResolves", from: { selector: "app=web" }, name: "payments" }))).toEqual({ holding: false, detail: "payments: NXDOMAIN" });
  });

  it("traffic goals name what is missing when no traffic flows", () => {
    const c = webCluster();
    expect(evaluateGoal(c, goal({ kind: "requestSuccessRate", entry: "ingress/shop", min: 0.99 }))).toEqual({ holding: false, detail: "no traffic entry point named ingress/shop" });
    expect(evaluateGoal(c, goal({ kind: "sloBudgetRemaining", min: 0.5 })).holding).toBe(true);
  });

  it.each([
    ["/api", "Prefix", "/api/v1", true],
    ["/api", "Prefix", "/api", true],
    ["/api", "Prefix", "/apiv1", false],
    ["/api/", "Prefix", "/api/v1", true],
    ["/api", "Exact", "/api/v1", false],
    ["/", "Prefix", "/anything", true],
  ])("ingress path %s (%s) matches %s: %s", (path, pathType, request, matches) => {
    const ing = { apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name: "i" }, spec: { rules: [{ http: { paths: [{ path, pathType, backend: { service: { name: "svc", port: { number: 80 } } } }] } }] } } as never;
    expect(!!findIngressBackend(ing, undefined, request)).toBe(matches);
  });

  it("writes a checklist line for every goal", () => {
    expect(goalText(goal({ kind: "serviceHasReadyEndpoints", service: "web", namespace: "shop" }))).toBe("Service web in shop has ready endpoints");
    expect(goalText(goal({ kind: "deploymentAvailable", name: "web", text: "Web is back" }))).toBe("Web is back");
  });
});
