import { describe, expect, it } from "vitest";
import { traceRoute } from "../../../../shared/net/trace.ts";
import { L7_TRACE_HOOKS } from "../../../../shared/net/traffic/trace-hooks-l7.ts";
import { deployment, l7Cluster, must, service } from "../../../support/net-l7-builders.ts";

const client = { apiVersion: "v1", kind: "Pod", metadata: { name: "client", namespace: "default" }, spec: { containers: [{ name: "sh", image: "busybox:1.36", command: ["sleep", "3600"] }] } };

function world() {
  const c = l7Cluster({ seed: 4, nodes: [{ name: "n1" }, { name: "n2" }], network: { cni: { plugin: "calico" } }, objects: [client, deployment("web"), service("web")] });
  c.advance(20_000);
  return c;
}

describe("L7_TRACE_HOOKS plugged into traceRoute", () => {
  it("resolves a Service name with the pod's search path and ends at the application's answer", () => {
    const c = world();
    const t = traceRoute(c, "default/client", "web", { port: 80, hooks: L7_TRACE_HOOKS });
    expect(t.ok).toBe(true);
    expect(t.hops[0]).toMatchObject({ stage: "resolve" });
    expect(t.hops[0].action).toContain("web.default.svc.cluster.local");
    expect(t.hops.some((h) => h.stage === "application" && h.action.includes("HTTP 200"))).toBe(true);
  });

  it("an unknown name dies at the resolve hop with NXDOMAIN", () => {
    const t = traceRoute(world(), "default/client", "nope", { port: 80, hooks: L7_TRACE_HOOKS });
    expect(t.dropped?.reason).toBe("NXDOMAIN");
  });

  it("a policy isolating the target drops the packet with the policy's name", () => {
    const c = world();
    must(c.apply({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "deny-web", namespace: "default" }, spec: { podSelector: { matchLabels: { app: "web" } }, policyTypes: ["Ingress"] } }));
    const t = traceRoute(c, "default/client", "web", { port: 80, hooks: L7_TRACE_HOOKS });
    expect(t.dropped?.reason).toBe("dropped by NetworkPolicy");
    expect(t.dropped?.detail).toContain("default/deny-web");
  });
});
