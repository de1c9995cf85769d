import { describe, expect, it } from "vitest";
import { defaultObject } from "../../../../shared/k8s/defaults/index.ts";
import { allocateServiceAddresses, type AllocationContext } from "../../../../shared/k8s/defaults/service-allocation.ts";
import { service } from "../../../support/admission-builders.ts";

describe("Service defaulting (SetDefaults_Service)", () => {
  it("defaults type, sessionAffinity, protocol, targetPort, traffic policies and IP families", () => {
    expect(defaultObject("Service", service()).spec).toEqual({
      selector: { app: "web" },
      ports: [{ port: 80, protocol: "TCP", targetPort: 80 }],
      type: "ClusterIP",
      sessionAffinity: "None",
      internalTrafficPolicy: "Cluster",
      ipFamilyPolicy: "SingleStack",
      ipFamilies: ["IPv4"],
    });
  });

  it.each([
    ["ClusterIP", undefined],
    ["NodePort", "Cluster"],
    ["LoadBalancer", "Cluster"],
  ] as const)("type %s ⇒ externalTrafficPolicy %s", (type, want) => {
    expect(defaultObject("Service", service("web", { type })).spec.externalTrafficPolicy).toBe(want);
  });

  it("keeps a named targetPort", () => {
    expect(defaultObject("Service", service("web", { ports: [{ port: 80, targetPort: "http" }] })).spec.ports![0].targetPort).toBe("http");
  });

  it("ClientIP affinity gets the 3-hour timeout", () => {
    expect(defaultObject("Service", service("web", { sessionAffinity: "ClientIP" })).spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } });
  });

  it("LoadBalancer allocates node ports by default", () => {
    expect(defaultObject("Service", service("web", { type: "LoadBalancer" })).spec.allocateLoadBalancerNodePorts).toBe(true);
  });
});

describe("ClusterIP and NodePort allocation", () => {
  const ctx = (over: Partial<AllocationContext> = {}): AllocationContext => ({
    serviceCIDR: "10.96.0.0/12",
    usedClusterIPs: new Set(["10.96.0.1"]),
    usedNodePorts: new Set(),
    randomInt: () => 0,
    ...over,
  });
  const svc = (spec: Parameters<typeof service>[1] = {}) => defaultObject("Service", service("web", spec));

  it("takes dynamic ClusterIPs from above the static band (offset 256 for a /12)", () => {
    expect(allocateServiceAddresses(svc(), ctx()).svc.spec.clusterIPs).toEqual(["10.96.1.1"]);
  });

  it("takes dynamic NodePorts from above the static band (30086 and up)", () => {
    expect(allocateServiceAddresses(svc({ type: "NodePort" }), ctx()).svc.spec.ports![0].nodePort).toBe(30086);
  });

  it("skips taken values", () => {
    const r = allocateServiceAddresses(svc({ type: "NodePort" }), ctx({ usedClusterIPs: new Set(["10.96.1.1"]), usedNodePorts: new Set([30086]) }));
    expect(r.svc.spec.clusterIP).toBe("10.96.1.2");
    expect(r.svc.spec.ports![0].nodePort).toBe(30087);
  });

  it("keeps a headless Service headless", () => {
    expect(allocateServiceAddresses(svc({ clusterIP: "None" }), ctx()).svc.spec.clusterIPs).toEqual(["None"]);
  });

  it.each([
    [{ clusterIP: "10.96.0.1" }, 'spec.clusterIPs: Invalid value: []string{"10.96.0.1"}: failed to allocate IP 10.96.0.1: provided IP is already allocated'],
    [{ clusterIP: "10.0.0.5" }, 'spec.clusterIPs: Invalid value: []string{"10.0.0.5"}: failed to allocate IP 10.0.0.5: the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/12'],
    [{ type: "NodePort" as const, ports: [{ port: 80, nodePort: 30080 }] }, "spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated"],
    [{ type: "NodePort" as const, ports: [{ port: 80, nodePort: 8080 }] }, "spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767"],
  ])("%j is refused", async (spec, message) => {
    const { formatFieldError } = await import("../../../../shared/k8s/errors.ts");
    const r = allocateServiceAddresses(svc(spec), ctx({ usedNodePorts: new Set([30080]) }));
    expect(r.errors.map(formatFieldError)).toEqual([message]);
  });
});
