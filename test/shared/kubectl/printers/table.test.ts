import { beforeAll, describe, expect, it } from "vitest";
import type { Cluster, Kind, Stored } from "../../../../shared/index.ts";
import { printName, printTable, resourceHeader } from "../../../../shared/kubectl/printers/table.ts";
import { buildPrinterCluster, NOW_MS } from "../../../support/printers-builders.ts";
import { expectGolden } from "./golden.ts";

let cluster: Cluster;
beforeAll(() => {
  cluster = buildPrinterCluster();
});
const now = new Date(NOW_MS);
const list = (kind: Kind, namespace?: string) => cluster.list(kind, { namespace });

describe("kubectl get tables match golden files", () => {
  const KINDS: [Kind, string | undefined][] = [
    ["Pod", "default"],
    ["Node", undefined],
    ["Deployment", "default"],
    ["ReplicaSet", "default"],
    ["DaemonSet", "kube-system"],
    ["Job", "default"],
    ["Service", "default"],
    ["EndpointSlice", "default"],
    ["ConfigMap", "default"],
    ["Secret", "default"],
    ["Namespace", undefined],
    ["Event", "default"],
    ["PriorityClass", undefined],
  ];
  it.each(KINDS)("%s", (kind, ns) => {
    expectGolden(`get-${kind.toLowerCase()}`, printTable(list(kind, ns), { now }));
  });
  it.each(KINDS)("%s -o wide", (kind, ns) => {
    expectGolden(`get-${kind.toLowerCase()}-wide`, printTable(list(kind, ns), { now, wide: true }));
  });
  it.each([["Pod"], ["Service"], ["Deployment"]] as [Kind][])("%s -A", (kind) => {
    expectGolden(`get-${kind.toLowerCase()}-all-namespaces`, printTable(list(kind), { now, allNamespaces: true }));
  });
  it.each([["Pod"], ["Node"]] as [Kind][])("%s --show-labels", (kind) => {
    expectGolden(`get-${kind.toLowerCase()}-show-labels`, printTable(list(kind, kind === "Pod" ? "default" : undefined), { now, showLabels: true }));
  });
  it("pods -L app,pod-template-hash,tier (missing labels print empty)", () => {
    expectGolden("get-pod-label-columns", printTable(list("Pod", "default"), { now, labelColumns: ["app", "pod-template-hash", "tier"] }));
  });
  it("deployments --show-kind --no-headers", () => {
    expectGolden("get-deployment-show-kind-no-headers", printTable(list("Deployment", "default"), { now, showKind: true, noHeaders: true }));
  });
});

describe("table layout", () => {
  it("prints nothing for an empty list (kubectl reports that on stderr)", () => {
    expect(printTable([], { now })).toBe("");
  });

  it("pads every column but the last to its widest cell plus three spaces", () => {
    const out = printTable(list("Namespace"), { now });
    const lines = out.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^NAME {3,}STATUS {3}AGE$/);
    for (const l of lines) expect(l).not.toMatch(/ $/);
  });

  it("gives short -L columns the tabwriter's minimum width of 6", () => {
    const out = printTable(list("Namespace"), { now, labelColumns: ["a"] });
    expect(out.split("\n")[0]).toMatch(/AGE {3}A$/);
    expect(out.split("\n")[1]).toMatch(/ {3}$/);
  });

  it("heads -L columns with the last path segment of the key", () => {
    const out = printTable(list("Node"), { now, labelColumns: ["kubernetes.io/hostname"] });
    expect(out.split("\n")[0]).toMatch(/VERSION {3}HOSTNAME$/);
  });

  it("drops the NAMESPACE column for cluster-scoped kinds even with -A", () => {
    expect(printTable(list("Node"), { now, allNamespaces: true }).startsWith("NAME ")).toBe(true);
  });
});

describe("printName (-o name) and resourceHeader", () => {
  it.each([
    ["Pod", "default", "web-7d4b9c6f8-abcde", "pod/web-7d4b9c6f8-abcde"],
    ["Deployment", "default", "web", "deployment.apps/web"],
    ["Node", undefined, "node-1", "node/node-1"],
    ["EndpointSlice", "default", "web-x7k2p", "endpointslice.discovery.k8s.io/web-x7k2p"],
    ["PriorityClass", undefined, "high", "priorityclass.scheduling.k8s.io/high"],
    ["Job", "default", "migrate", "job.batch/migrate"],
  ] as [Kind, string | undefined, string, string][])("%s %s/%s prints as %s", (kind, ns, name, expected) => {
    expect(printName(cluster.get(kind, ns, name) as Stored)).toBe(expected);
  });

  it("uses the group for non-core kinds only", () => {
    expect(resourceHeader("Service")).toBe("service");
    expect(resourceHeader("DaemonSet")).toBe("daemonset.apps");
  });
});
