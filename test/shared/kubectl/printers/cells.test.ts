/**
 * Cell formats ported from printers_test.go (TestPrintService, TestPrintJob, TestPrintNodeStatus,
 * TestPrintEndpointSlice, TestPrintEvent...): one row per case, compared cell by cell.
 */
import { describe, expect, it } from "vitest";
import type { EndpointSlice, Job, KubeEvent, Node, Service } from "../../../../shared/index.ts";
import { formatDiscoveryEndpoints, formatDiscoveryPorts } from "../../../../shared/kubectl/printers/columns/endpointslice.ts";
import { eventTarget, formatEventSource } from "../../../../shared/kubectl/printers/columns/event.ts";
import { jobCompletions, jobDuration, jobStatus } from "../../../../shared/kubectl/printers/columns/job.ts";
import { findNodeRoles, nodeStatus } from "../../../../shared/kubectl/printers/columns/node.ts";
import { serviceExternalIP, servicePorts } from "../../../../shared/kubectl/printers/columns/service.ts";

const svc = (spec: Partial<Service["spec"]>, status?: Service["status"]): Service =>
  ({ apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec, status }) as Service;

describe("Service EXTERNAL-IP (getServiceExternalIP)", () => {
  it.each([
    ["ClusterIP without external IPs", svc({ type: "ClusterIP" }), "<none>"],
    ["ClusterIP with external IPs", svc({ type: "ClusterIP", externalIPs: ["1.2.3.4", "5.6.7.8"] }), "1.2.3.4,5.6.7.8"],
    ["NodePort", svc({ type: "NodePort" }), "<none>"],
    ["LoadBalancer still pending", svc({ type: "LoadBalancer" }), "<pending>"],
    ["LoadBalancer with an ingress IP", svc({ type: "LoadBalancer" }, { loadBalancer: { ingress: [{ ip: "3.4.5.6" }] } }), "3.4.5.6"],
    ["LoadBalancer with a hostname", svc({ type: "LoadBalancer" }, { loadBalancer: { ingress: [{ hostname: "lb.example.com" }] } }), "lb.example.com"],
    ["LoadBalancer ingress plus external IPs", svc({ type: "LoadBalancer", externalIPs: ["1.1.1.1"] }, { loadBalancer: { ingress: [{ ip: "2.2.2.2" }] } }), "2.2.2.2,1.1.1.1"],
    ["ExternalName", svc({ type: "ExternalName", externalName: "db.example.com" }), "db.example.com"],
  ])("%s → %s", (_n, s, expected) => {
    expect(serviceExternalIP(s)).toBe(expected);
  });

  it("clips long load balancer lists to 16 characters outside -o wide", () => {
    const s = svc({ type: "LoadBalancer" }, { loadBalancer: { ingress: [{ hostname: "a-very-long-hostname.example.com" }] } });
    expect(serviceExternalIP(s, false)).toBe("a-very-long-h...");
  });
});

describe("Service PORT(S) (makePortString)", () => {
  it.each([
    [[{ port: 80, protocol: "TCP" as const }], "80/TCP"],
    [[{ port: 80, nodePort: 30080, protocol: "TCP" as const }], "80:30080/TCP"],
    [[{ port: 53, protocol: "UDP" as const }, { port: 53, protocol: "TCP" as const }], "53/UDP,53/TCP"],
    [[], ""],
  ])("%j → %s", (ports, expected) => {
    expect(servicePorts(svc({ ports }))).toBe(expected);
  });
});

const job = (spec: Partial<Job["spec"]>, status: Job["status"] = {}, deleting = false): Job =>
  ({
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "j", ...(deleting ? { deletionTimestamp: "2025-01-01T09:10:00Z" } : {}) },
    spec: { template: { spec: { containers: [] } }, ...spec },
    status,
  }) as Job;

describe("Job STATUS, COMPLETIONS and DURATION (printJob)", () => {
  const cond = (type: string, status: "True" | "False" = "True") => ({ type, status });
  it.each([
    ["Complete", job({}, { conditions: [cond("Complete")] }), "Complete"],
    ["Failed", job({}, { conditions: [cond("Failed")] }), "Failed"],
    ["Terminating while deleted", job({}, {}, true), "Terminating"],
    ["Suspended", job({}, { conditions: [cond("Suspended")] }), "Suspended"],
    ["FailureTarget", job({}, { conditions: [cond("FailureTarget")] }), "FailureTarget"],
    ["a False condition does not count", job({}, { conditions: [cond("Complete", "False")] }), "Running"],
    ["Running otherwise", job({}), "Running"],
  ])("%s", (_n, j, expected) => {
    expect(jobStatus(j)).toBe(expected);
  });

  it.each([
    [{ completions: 3 }, { succeeded: 1 }, "1/3"],
    [{ completions: null }, { succeeded: 0 }, "0/1"],
    [{ completions: null, parallelism: 4 }, { succeeded: 2 }, "2/1 of 4"],
  ])("completions %j with %j → %s", (spec, status, expected) => {
    expect(jobCompletions(job(spec, status))).toBe(expected);
  });

  it.each([
    [{}, "", "not started"],
    [{ startTime: "2025-01-01T09:00:00Z", completionTime: "2025-01-01T09:00:37Z" }, "37s", "finished"],
    [{ startTime: "2025-01-01T09:00:00Z" }, "3m20s", "running (now is 200 s later)"],
  ] as [Job["status"], string, string][])("duration %j → %s (%s)", (status, expected) => {
    expect(jobDuration(job({}, status), Date.UTC(2025, 0, 1, 9, 3, 20))).toBe(expected);
  });
});

const node = (labels: Record<string, string>, conditions: { type: string; status: "True" | "False" | "Unknown" }[], unschedulable = false): Node =>
  ({ apiVersion: "v1", kind: "Node", metadata: { name: "n", labels }, spec: { unschedulable }, status: { conditions } }) as Node;

describe("Node STATUS and ROLES (printNode, findNodeRoles)", () => {
  it.each([
    [[{ type: "Ready", status: "True" as const }], false, "Ready"],
    [[{ type: "Ready", status: "False" as const }], false, "NotReady"],
    [[{ type: "Ready", status: "Unknown" as const }], false, "NotReady"],
    [[], false, "Unknown"],
    [[{ type: "Ready", status: "True" as const }], true, "Ready,SchedulingDisabled"],
    [[], true, "Unknown,SchedulingDisabled"],
  ])("%j unschedulable=%s → %s", (conds, unschedulable, expected) => {
    expect(nodeStatus(node({}, conds, unschedulable))).toBe(expected);
  });

  it.each([
    [{}, []],
    [{ "node-role.kubernetes.io/control-plane": "" }, ["control-plane"]],
    [{ "node-role.kubernetes.io/worker": "", "node-role.kubernetes.io/infra": "true" }, ["infra", "worker"]],
    [{ "kubernetes.io/role": "master" }, ["master"]],
    [{ "kubernetes.io/role": "" }, []],
    [{ "node-role.kubernetes.io/": "" }, []],
  ])("%j → %j", (labels, expected) => {
    expect(findNodeRoles(node(labels, []))).toEqual(expected);
  });
});

describe("EndpointSlice PORTS and ENDPOINTS (formatDiscoveryPorts/Endpoints)", () => {
  const ep = (...addresses: string[]) => ({ addresses });
  it.each([
    [[], "<unset>"],
    [[{ port: 80 }], "80"],
    [[{ name: "http" }], "http"],
    [[{}], "*"],
    [[{ port: 80 }, { port: 443 }, { port: 8080 }, { port: 9090 }], "80,443,8080 + 1 more..."],
  ] as [EndpointSlice["ports"], string][])("ports %j → %s", (ports, expected) => {
    expect(formatDiscoveryPorts(ports)).toBe(expected);
  });
  it.each([
    [[], "<unset>"],
    [[ep("10.0.0.1")], "10.0.0.1"],
    [[ep("10.0.0.1", "10.0.0.2"), ep("10.0.0.3"), ep("10.0.0.4"), ep("10.0.0.5")], "10.0.0.1,10.0.0.2,10.0.0.3 + 2 more..."],
  ] as [EndpointSlice["endpoints"], string][])("endpoints %j → %s", (endpoints, expected) => {
    expect(formatDiscoveryEndpoints(endpoints)).toBe(expected);
  });
});

describe("Event OBJECT and SOURCE (printEvent)", () => {
  const ev = (over: Partial<KubeEvent>): KubeEvent =>
    ({
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: "e" },
      involvedObject: { kind: "Pod", name: "web-abc" },
      reason: "r",
      message: "m",
      source: { component: "kubelet", host: "node-1" },
      firstTimestamp: "",
      lastTimestamp: "",
      count: 1,
      type: "Normal",
      ...over,
    }) as KubeEvent;
  it("lower-cases the kind: pod/web-abc, deployment/web", () => {
    expect(eventTarget(ev({}))).toBe("pod/web-abc");
    expect(eventTarget(ev({ involvedObject: { kind: "Deployment", name: "web" } }))).toBe("deployment/web");
    expect(eventTarget(ev({ involvedObject: { kind: "Node", name: "" } }))).toBe("node");
  });
  it("joins component and host, falling back to the reporting controller", () => {
    expect(formatEventSource(ev({}))).toBe("kubelet, node-1");
    expect(formatEventSource(ev({ source: { component: "default-scheduler" } }))).toBe("default-scheduler");
    expect(formatEventSource(ev({ source: {}, reportingComponent: "deployment-controller" }))).toBe("deployment-controller");
  });
});
