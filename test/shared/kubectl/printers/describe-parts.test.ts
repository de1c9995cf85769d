/** Pieces of describe.go checked one rule at a time (cases after describe_test.go). */
import { describe, expect, it } from "vitest";
import type { Pod, Probe, Toleration } from "../../../../shared/index.ts";
import { printTolerationsMultiline } from "../../../../shared/kubectl/printers/describe/common.ts";
import { describeProbe } from "../../../../shared/kubectl/printers/describe/probe.ts";
import { getPodQOS } from "../../../../shared/kubectl/printers/describe/qos.ts";
import { describeTime, formatRFC1123Z } from "../../../../shared/kubectl/printers/describe/time.ts";
import { DescribeWriter } from "../../../../shared/kubectl/printers/describe/writer.ts";

const ATTRS = "delay=0s timeout=1s period=10s #success=1 #failure=3";

describe("DescribeProbe", () => {
  it.each([
    [{ httpGet: { path: "/healthz", port: 8080 } }, `http-get http://:8080/healthz ${ATTRS}`],
    [{ httpGet: { path: "/", port: "http", scheme: "HTTPS", host: "10.0.0.1" } }, `http-get https://10.0.0.1:http/ ${ATTRS}`],
    [{ httpGet: { path: "ready", port: 80 } }, `http-get http://:80/ready ${ATTRS}`],
    [{ tcpSocket: { port: 8080 } }, `tcp-socket :8080 ${ATTRS}`],
    [{ exec: { command: ["cat", "/tmp/healthy"] } }, `exec [cat /tmp/healthy] ${ATTRS}`],
    [{ grpc: { port: 9090 } }, `grpc <pod>:9090  ${ATTRS}`],
    [{ tcpSocket: { port: 5432 }, initialDelaySeconds: 15, timeoutSeconds: 3, periodSeconds: 20, successThreshold: 1, failureThreshold: 6 }, "tcp-socket :5432 delay=15s timeout=3s period=20s #success=1 #failure=6"],
  ] as [Probe, string][])("%j", (probe, expected) => {
    expect(describeProbe(probe)).toBe(expected);
  });
});

describe("printTolerationsMultiline", () => {
  const render = (t: Toleration[]) => {
    const w = new DescribeWriter();
    printTolerationsMultiline(w, "Tolerations", t);
    return w.toString();
  };
  it.each([
    [[], "Tolerations:  <none>\n"],
    [[{ key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 }], "Tolerations:  node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n"],
    [[{ key: "dedicated", operator: "Equal", value: "gpu", effect: "NoSchedule" }], "Tolerations:  dedicated=gpu:NoSchedule\n"],
    [[{ operator: "Exists" }], "Tolerations:  op=Exists\n"],
    [[{ key: "b", operator: "Exists" }, { key: "a", operator: "Exists" }], "Tolerations:  a op=Exists\n              b op=Exists\n"],
  ] as [Toleration[], string][])("%j", (tolerations, expected) => {
    expect(render(tolerations)).toBe(expected);
  });
});

describe("RFC1123Z times", () => {
  it.each([
    [Date.UTC(2025, 0, 1, 9, 0, 0), "Wed, 01 Jan 2025 09:00:00 +0000"],
    [Date.UTC(2024, 1, 29, 23, 59, 59), "Thu, 29 Feb 2024 23:59:59 +0000"],
    [0, "Thu, 01 Jan 1970 00:00:00 +0000"],
    [Date.UTC(1969, 11, 31, 12, 0, 0), "Wed, 31 Dec 1969 12:00:00 +0000"],
  ])("%d → %s", (ms, expected) => {
    expect(formatRFC1123Z(ms)).toBe(expected);
  });
  it("prints a missing time as Go's zero time", () => {
    expect(describeTime(undefined)).toBe("Mon, 01 Jan 0001 00:00:00 +0000");
  });
});

describe("QoS class (qos.GetPodQOS)", () => {
  const pod = (...resources: { requests?: Record<string, string>; limits?: Record<string, string> }[]): Pod =>
    ({ apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers: resources.map((r, i) => ({ name: `c${i}`, resources: r })) } }) as Pod;
  it.each([
    ["no resources", pod({}), "BestEffort"],
    ["limits only (requests default to them)", pod({ limits: { cpu: "1", memory: "1Gi" } }), "Guaranteed"],
    ["requests equal limits", pod({ requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "0.5", memory: "1Gi" } }), "Guaranteed"],
    ["requests below limits", pod({ requests: { cpu: "100m" }, limits: { cpu: "1", memory: "1Gi" } }), "Burstable"],
    ["one container without limits", pod({ limits: { cpu: "1", memory: "1Gi" } }, {}), "Burstable"],
    ["only a memory request", pod({ requests: { memory: "64Mi" } }), "Burstable"],
    ["zero quantities do not count", pod({ requests: { cpu: "0" } }), "BestEffort"],
  ])("%s → %s", (_n, p, expected) => {
    expect(getPodQOS(p)).toBe(expected);
  });
});
