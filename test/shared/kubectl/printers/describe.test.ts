import { beforeAll, describe, expect, it } from "vitest";
import type { Cluster, Kind, Stored } from "../../../../shared/index.ts";
import { describe as describeObject } from "../../../../shared/kubectl/printers/describe/index.ts";
import { buildPrinterCluster, NOW_MS } from "../../../support/printers-builders.ts";
import { expectGolden } from "./golden.ts";

let cluster: Cluster;
beforeAll(() => {
  cluster = buildPrinterCluster();
});
const run = (kind: Kind, ns: string | undefined, name: string) =>
  describeObject(cluster.store, kind, cluster.get(kind, ns, name) as Stored, NOW_MS);

describe("kubectl describe matches golden files", () => {
  it.each([
    ["Pod", "default", "web-7d4b9c6f8-klmno", "pod-crashloop"],
    ["Pod", "default", "web-7d4b9c6f8-abcde", "pod-running"],
    ["Node", undefined, "node-1", "node"],
    ["Node", undefined, "control-plane", "node-control-plane"],
    ["Deployment", "default", "web", "deployment"],
    ["ReplicaSet", "default", "web-7d4b9c6f8", "replicaset"],
    ["DaemonSet", "kube-system", "log-agent", "daemonset"],
    ["Job", "default", "migrate", "job"],
    ["Service", "default", "web", "service"],
    ["Service", "shop", "shop-lb", "service-loadbalancer"],
    ["EndpointSlice", "default", "web-x7k2p", "endpointslice"],
    ["ConfigMap", "default", "web-config", "configmap"],
    ["Secret", "default", "db", "secret"],
    ["Namespace", undefined, "shop", "namespace"],
    ["PriorityClass", undefined, "high", "priorityclass"],
  ] as [Kind, string | undefined, string, string][])("%s %s/%s", (kind, ns, name, golden) => {
    expectGolden(`describe-${golden}`, run(kind, ns, name));
  });
});

describe("describe sections", () => {
  it("lists a pod's events oldest last-seen first, with repeats as (xN over age)", () => {
    const out = run("Pod", "default", "web-7d4b9c6f8-klmno");
    const events = out.slice(out.indexOf("Events:"));
    expect(events.split("\n").slice(3, 6).map((l) => l.trim().split(/\s+/)[1])).toEqual(["Scheduled", "Pulled", "BackOff"]);
    expect(events).toContain("20s (x9 over 4m20s)");
    expect(events).toContain("spec.containers{web}: Back-off restarting failed container web");
  });

  it("prints `Events:  <none>` aligned with the fields above when an object has none", () => {
    expect(run("Service", "default", "web")).toMatch(/\nSession Affinity: +None\nInternal Traffic Policy: +Cluster\nEvents: +<none>\n$/);
  });

  it("lists only ready endpoints of the service port", () => {
    expect(run("Service", "default", "web")).toContain("Endpoints:                10.244.1.5:8080,10.244.1.7:8080\n");
  });

  it("shows `<none>` endpoints for a service without EndpointSlices", () => {
    expect(run("Service", "shop", "shop-lb")).toMatch(/\nEndpoints: +<none>\n/);
  });

  it("names the controller and the node with its IP", () => {
    const out = run("Pod", "default", "web-7d4b9c6f8-abcde");
    expect(out).toMatch(/\nNode: +node-1\/192\.168\.10\.11\n/);
    expect(out).toMatch(/\nControlled By: +ReplicaSet\/web-7d4b9c6f8\n/);
  });

  it("sums the requests of the node's non-terminated pods with percentages of allocatable", () => {
    const out = run("Node", undefined, "node-1");
    expect(out).toContain("Non-terminated Pods:          (2 in total)");
    expect(out).toMatch(/\n {2}cpu +200m \(5%\) +0 \(0%\)\n/);
    expect(out).toMatch(/\n {2}memory +256Mi \(3%\) +512Mi \(6%\)\n/);
  });

  it("finds the Deployment's new ReplicaSet by its template", () => {
    expect(run("Deployment", "default", "web")).toMatch(/\nOldReplicaSets: +<none>\nNewReplicaSet: +web-7d4b9c6f8 \(3\/3 replicas created\)\n/);
  });

  it("counts the pods of a ReplicaSet by phase", () => {
    expect(run("ReplicaSet", "default", "web-7d4b9c6f8")).toMatch(/\nPods Status: +3 Running \/ 0 Waiting \/ 0 Succeeded \/ 0 Failed\n/);
  });
});
