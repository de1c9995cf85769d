import { describe, expect, it } from "vitest";
import { layoutMap } from "../../../client/view/layout.ts";
import { kubectlRef, selectableTargets, stepSelection } from "../../../client/view/selection.ts";
import { dieAtFor, particleRoutes, visualRate } from "../../../client/view/traffic.ts";
import { clusterViewOf, viewNode, viewPod, viewService } from "../../support/client-builders.ts";

const view = clusterViewOf({
  nodes: [viewNode("node-1"), viewNode("node-2")],
  pods: [viewPod("shop/web-1", "node-1"), viewPod("shop/web-2", "node-2", "Running", "0/1"), viewPod("shop/job-1", undefined, "Pending", "0/1")],
  services: [viewService("shop/web", [{ pod: "shop/web-1", ready: true }, { pod: "shop/web-2", ready: false }], { traffic: { requestsPerSec: 30, successRate: 0.5, reasons: { "i/o timeout": 10 } } })],
});
const layout = layoutMap(view, 900, 400);

describe("keyboard selection on the map", () => {
  const targets = selectableTargets(view, layout);

  it("reads gateways, then each node followed by its pods, then unscheduled pods", () => {
    expect(targets.map((t) => t.id)).toEqual(["Service:shop/web", "Node:node-1", "Pod:shop/web-1", "Node:node-2", "Pod:shop/web-2", "Pod:shop/job-1"]);
  });

  it.each([
    [undefined, 1, "Service:shop/web"],
    [undefined, -1, "Pod:shop/job-1"],
    ["Node:node-1", 1, "Pod:shop/web-1"],
    ["Pod:shop/job-1", 1, "Service:shop/web"],
    ["Service:shop/web", -1, "Pod:shop/job-1"],
  ])("from %s moving %d selects %s", (from, delta, to) => {
    expect(stepSelection(targets, from, delta)?.id).toBe(to);
  });

  it("names targets as kubectl does", () => {
    expect(targets.map(kubectlRef).slice(0, 3)).toEqual(["service/web -n shop", "node/node-1", "pod/web-1 -n shop"]);
  });
});

describe("traffic particles", () => {
  it("fly only to ready endpoints, with the failed share and where they die", () => {
    const routes = particleRoutes(view, layout);
    expect(routes).toHaveLength(1);
    const pod = layout.pods.get("shop/web-1")!;
    expect(routes[0]).toMatchObject({ x2: pod.x + pod.w / 2, y2: pod.y + pod.h / 2, failFraction: 0.5, dieAt: 0.5 });
  });

  it("die at the gateway when nothing is behind it", () => {
    const v = clusterViewOf({ nodes: [viewNode("node-1")], services: [viewService("shop/web", [], { traffic: { requestsPerSec: 5, successRate: 0, reasons: { "connection refused": 5 } } })] });
    expect(particleRoutes(v, layoutMap(v, 900, 400))[0]).toMatchObject({ failFraction: 1, key: "shop/web>none" });
  });

  it.each([
    [{ "503 no endpoints": 3 }, 0.08],
    [{ "connection refused": 3, "i/o timeout": 1 }, 1],
    [{ "HTTP 500": 3 }, 1],
    [{ "i/o timeout": 3 }, 0.5],
    [{ "no route to host": 3 }, 0.5],
  ])("failures %j die at %d of the way", (reasons, at) => {
    expect(dieAtFor(reasons)).toBe(at);
  });

  it("grows the particle rate with traffic but caps it", () => {
    expect(visualRate(0)).toBe(0);
    expect(visualRate(10)).toBeGreaterThan(visualRate(1));
    expect(visualRate(1e6)).toBe(10);
  });
});
