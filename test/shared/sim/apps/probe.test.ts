import { describe, expect, it } from "vitest";
import type { Probe } from "../../../../shared/k8s/schema/pod.ts";
import { probeEventMessage, runProbe, type ProcessPlan } from "../../../../shared/sim/apps/process.ts";
import { appPlan, shellPlan } from "../../../support/apps-builders.ts";

const podIP = "10.244.1.5";
const ports = [{ name: "http", containerPort: 8080 }];
const web = appPlan({
  startupMs: 1000,
  ports: [8080],
  http: { "/healthz": { status: 200, latencyMs: 2 }, "/ready": { status: 503 }, "/slow": { status: 200, latencyMs: 3000 }, "/moved": { status: 301 } },
});
const probeAt = (probe: Probe, plan: ProcessPlan, runningForMs: number) => runProbe(probe, { podIP, ports, plan, runningForMs });
const get = (port: number | string, path = "/healthz", extra: Partial<NonNullable<Probe["httpGet"]>> = {}): Probe => ({
  httpGet: { port, path, scheme: "HTTP", ...extra },
  timeoutSeconds: 1,
});

describe("HTTP probes word their outcomes as pkg/probe/http does", () => {
  it.each([
    ["answers 200", get(8080), 2000, { ok: true, result: "success", message: "ok" }],
    ["a 3xx is a success", get(8080, "/moved"), 2000, { ok: true, result: "success" }],
    ["answers 503", get(8080, "/ready"), 2000, { ok: false, result: "failure", message: "HTTP probe failed with statuscode: 503" }],
    ["answers 404", get(8080, "/missing"), 2000, { ok: false, result: "failure", message: "HTTP probe failed with statuscode: 404" }],
    [
      "nothing listens yet",
      get(8080),
      500,
      { ok: false, result: "failure", message: 'Get "http://10.244.1.5:8080/healthz": dial tcp 10.244.1.5:8080: connect: connection refused' },
    ],
    [
      "wrong port",
      get(9090),
      2000,
      { ok: false, result: "failure", message: 'Get "http://10.244.1.5:9090/healthz": dial tcp 10.244.1.5:9090: connect: connection refused' },
    ],
    [
      "slower than timeoutSeconds",
      get(8080, "/slow"),
      2000,
      { ok: false, result: "failure", message: 'Get "http://10.244.1.5:8080/slow": context deadline exceeded (Client.Timeout exceeded while awaiting headers)' },
    ],
    ["named port resolved through the container's ports", get("http"), 2000, { ok: true, result: "success" }],
    ["a number written as a string", get("8080"), 2000, { ok: true, result: "success" }],
    [
      "unknown port name: errored, not failed",
      get("web"),
      2000,
      { ok: false, result: "unknown", errored: true, message: 'strconv.Atoi: parsing "web": invalid syntax' },
    ],
    ["HTTPS against a plain HTTP server", get(8080, "/healthz", { scheme: "HTTPS" }), 2000, { ok: false, message: 'Get "https://10.244.1.5:8080/healthz": http: server gave HTTP response to HTTPS client' }],
    [
      "host: localhost reaches the node, not the pod",
      get(8080, "/healthz", { host: "127.0.0.1" }),
      2000,
      { ok: false, message: 'Get "http://127.0.0.1:8080/healthz": dial tcp 127.0.0.1:8080: connect: connection refused' },
    ],
  ])("%s", (_name, probe, t, expected) => {
    expect(probeAt(probe, web, t)).toMatchObject(expected);
  });

  it("a longer timeoutSeconds tolerates the slow answer", () => {
    expect(probeAt({ ...get(8080, "/slow"), timeoutSeconds: 5 }, web, 2000).ok).toBe(true);
  });
});

describe("TCP probes", () => {
  it.each([
    [500, { ok: false, message: "dial tcp 10.244.1.5:8080: connect: connection refused" }],
    [1000, { ok: true, message: "" }],
  ])("at %i ms", (t, expected) => {
    expect(probeAt({ tcpSocket: { port: "http" }, timeoutSeconds: 1 }, web, t)).toMatchObject(expected);
  });
});

describe("exec probes", () => {
  const docs = shellPlan("touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600");
  const catHealthy: Probe = { exec: { command: ["cat", "/tmp/healthy"] }, timeoutSeconds: 1 };

  it.each([
    [5_000, true],
    [29_999, true],
    [30_000, false],
    [35_000, false],
    [600_000, false],
  ])("the docs' liveness example: cat /tmp/healthy at %i ms succeeds: %s", (t, ok) => {
    const outcome = probeAt(catHealthy, docs, t);
    expect(outcome.ok).toBe(ok);
    if (!ok) expect(outcome.message).toBe("cat: can't open '/tmp/healthy': No such file or directory");
  });

  it("a command that outlives timeoutSeconds fails (ExecProbeTimeout)", () => {
    expect(probeAt({ exec: { command: ["sleep", "5"] }, timeoutSeconds: 1 }, docs, 0)).toMatchObject({ ok: false, message: 'command "sleep 5" timed out' });
  });

  it("an executable missing from the image errors (the worker discards the result)", () => {
    const outcome = probeAt({ exec: { command: ["curl", "-f", "localhost:8080"] }, timeoutSeconds: 1 }, docs, 0);
    expect(outcome).toMatchObject({ ok: false, result: "unknown", errored: true });
    expect(outcome.message).toMatch(/^rpc error: code = Unknown desc = failed to exec in container: .*exec: "curl": executable file not found in \$PATH: unknown$/);
  });

  it("curl in an application image asks the process itself", () => {
    const probe: Probe = { exec: { command: ["curl", "-f", "-s", "http://localhost:8080/ready"] }, timeoutSeconds: 1 };
    expect(probeAt(probe, web, 2000)).toMatchObject({ ok: false, message: "" });
    expect(probeAt({ ...probe, exec: { command: ["curl", "-f", "http://localhost:8080/ready"] } }, web, 2000).message).toBe(
      "curl: (22) The requested URL returned error: 503",
    );
  });
});

describe("the event the kubelet records for an outcome", () => {
  it.each([
    ["Liveness", { ok: false, result: "failure", message: "cat: can't open '/tmp/healthy': No such file or directory" }, { reason: "Unhealthy", message: "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory" }],
    ["Readiness", { ok: false, result: "failure", message: "HTTP probe failed with statuscode: 503" }, { reason: "Unhealthy", message: "Readiness probe failed: HTTP probe failed with statuscode: 503" }],
    ["Startup", { ok: false, result: "unknown", errored: true, message: 'strconv.Atoi: parsing "web": invalid syntax' }, { reason: "Unhealthy", message: 'Startup probe errored and resulted in unknown state: strconv.Atoi: parsing "web": invalid syntax' }],
    ["Readiness", { ok: true, result: "success", message: "ok" }, undefined],
  ] as const)("%s %j", (type, outcome, event) => {
    expect(probeEventMessage(type, outcome)).toEqual(event);
  });
});
