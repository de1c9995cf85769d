import { describe, expect, it } from "vitest";
import { INGRESS_IMAGES, ingressNginxManifests } from "../../../../shared/net/ingress/addon.ts";
import { configureTraffic } from "../../../../shared/net/traffic/configure.ts";
import { trafficStats } from "../../../../shared/net/traffic/stats.ts";
import { deployment, l7Cluster, must, service } from "../../../support/net-l7-builders.ts";

const ingress = {
  apiVersion: "networking.k8s.io/v1",
  kind: "Ingress",
  metadata: { name: "shop", namespace: "default" },
  spec: {
    rules: [
      {
        host: "shop.example.com",
        http: {
          paths: [
            { path: "/", pathType: "Prefix", backend: { service: { name: "frontend", port: { number: 80 } } } },
            { path: "/api", pathType: "Prefix", backend: { service: { name: "api", port: { number: 80 } } } },
          ],
        },
      },
    ],
  },
};

function world(serviceType: "NodePort" | "LoadBalancer" = "NodePort") {
  const c = l7Cluster({
    seed: 5,
    nodes: [{ name: "n1" }, { name: "n2" }],
    images: INGRESS_IMAGES,
    objects: [...ingressNginxManifests({ serviceType }), deployment("frontend"), service("frontend"), service("api", { selector: { app: "api" } }), ingress],
  });
  c.advance(30_000);
  configureTraffic(c, {
    entries: [
      { name: "home", via: { kind: "ingress", host: "shop.example.com", path: "/" }, ratePerSec: 50 },
      { name: "api", via: { kind: "ingress", host: "shop.example.com", path: "/api/orders" }, ratePerSec: 20 },
      { name: "unknown-host", via: { kind: "ingress", host: "other.example.com", path: "/" }, ratePerSec: 10 },
    ],
  });
  c.advance(5_000);
  return c;
}

describe("ingress-nginx", () => {
  it("publishes its Service's ClusterIP (NodePort) into the Ingress status once it runs, with a Sync event", () => {
    const c = world();
    const ip = c.get("Service", "ingress-nginx", "ingress-nginx-controller")!.spec.clusterIP;
    expect(c.get("Ingress", "default", "shop")!.status?.loadBalancer?.ingress).toEqual([{ ip }]);
    expect(c.list("Event").some((e) => e.involvedObject.name === "shop" && e.reason === "Sync" && e.message === "Scheduled for sync")).toBe(true);
  });

  it("publishes the load balancer's address when its Service is a LoadBalancer", () => {
    const c = world("LoadBalancer");
    expect(c.get("Ingress", "default", "shop")!.status?.loadBalancer?.ingress).toEqual([{ ip: "203.0.113.1" }]);
  });

  it("routes by host and path: 200 from the backend, 503 for a backend without endpoints, 404 for no rule", () => {
    const s = trafficStats(world(), { windowMs: 4_000 });
    expect(s.entries.home.successRate).toBe(1);
    expect(s.entries.api.successRate).toBe(0);
    expect(Object.keys(s.entries.api.reasons)).toEqual(["503 no endpoints"]);
    expect(Object.keys(s.entries["unknown-host"].reasons)).toEqual(["HTTP 404"]);
    expect(s.services["default/frontend"].successRate).toBe(1);
  });

  it("answers 502 with `connection refused` when the backend's pods do not listen on the target port", () => {
    const c = world();
    const svc = c.get("Service", "default", "frontend")!;
    must(c.update({ ...svc, spec: { ...svc.spec, ports: [{ port: 80, targetPort: 8080, protocol: "TCP" }] } }));
    c.advance(3_000);
    const s = trafficStats(c, { windowMs: 2_000 });
    expect(s.entries.home.reasons).toEqual({ "connection refused": expect.any(Number) });
    expect(s.entries.home.successRate).toBe(0);
  });

  it("clears the Ingress status when no controller runs", () => {
    const c = world();
    const dep = c.get("Deployment", "ingress-nginx", "ingress-nginx-controller")!;
    must(c.update({ ...dep, spec: { ...dep.spec, replicas: 0 } }));
    c.advance(60_000);
    expect(c.get("Ingress", "default", "shop")!.status?.loadBalancer?.ingress).toBeUndefined();
  });
});
