import { describe, expect, it } from "vitest";
import { goDuration, isInBackOffSince, isInBackOffSinceUpdate, nextBackoff } from "../../../../shared/sim/kubelet/backoff.ts";
import { effectivePullPolicy } from "../../../../shared/sim/kubelet/images.ts";
import { getPhase } from "../../../../shared/sim/kubelet/pod-status.ts";
import { expandVars } from "../../../../shared/sim/kubelet/container-config.ts";
import type { ContainerStatus } from "../../../../shared/k8s/schema/pod.ts";

describe("goDuration (time.Duration.String)", () => {
  it.each([
    [0, "0s"],
    [44, "44ms"],
    [1400, "1.4s"],
    [10_000, "10s"],
    [80_000, "1m20s"],
    [300_000, "5m0s"],
    [3_723_500, "1h2m3.5s"],
  ])("%i ms ⇒ %s", (ms, s) => expect(goDuration(ms)).toBe(s));
});

describe("flowcontrol.Backoff", () => {
  it("doubles from 10 s and caps at 300 s", () => {
    let b = nextBackoff(undefined, 0, 0);
    const seen = [b.durationMs];
    for (let i = 1; i < 7; i++) {
      b = nextBackoff(b, i * 1000, i * 1000);
      seen.push(b.durationMs);
    }
    expect(seen).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
  });

  it("forgets an entry not bumped for twice the maximum (10 minutes)", () => {
    const b = { durationMs: 160_000, lastUpdateMs: 0 };
    expect(nextBackoff(b, 600_001, 600_001).durationMs).toBe(10_000);
    expect(nextBackoff(b, 600_000, 600_000).durationMs).toBe(300_000);
    expect(isInBackOffSince(b, 600_001, 600_002)).toBe(false);
  });

  it.each([
    [5_000, true],
    [9_999, true],
    [10_000, false],
  ])("IsInBackOffSinceUpdate %i ms after a 10 s entry ⇒ %s", (at, inBackoff) => {
    expect(isInBackOffSinceUpdate({ durationMs: 10_000, lastUpdateMs: 0 }, at)).toBe(inBackoff);
  });
});

describe("imagePullPolicy defaulting", () => {
  it.each([
    ["nginx", "Always"],
    ["nginx:latest", "Always"],
    ["nginx:1.25", "IfNotPresent"],
    ["localhost:5000/app", "Always"],
    ["localhost:5000/app:v1", "IfNotPresent"],
    ["nginx@sha256:abc", "IfNotPresent"],
  ])("%s ⇒ %s", (image, policy) => expect(effectivePullPolicy({ name: "c", image })).toBe(policy));
});

describe("$(VAR) expansion in env values", () => {
  it.each([
    ["$(A)-x", { A: "1" }, "1-x"],
    ["$(MISSING)", {}, "$(MISSING)"],
    ["$$(A)", { A: "1" }, "$(A)"],
  ])("%s ⇒ %s", (v, env, out) => expect(expandVars(v, env)).toBe(out));
});

describe("getPhase", () => {
  const running: ContainerStatus = { name: "a", ready: true, restartCount: 0, image: "", imageID: "", state: { running: {} } };
  const waiting: ContainerStatus = { ...running, state: { waiting: { reason: "ContainerCreating" } } };
  const ok: ContainerStatus = { ...running, state: { terminated: { exitCode: 0 } } };
  const bad: ContainerStatus = { ...running, state: { terminated: { exitCode: 1 } } };
  const crashLoop: ContainerStatus = { ...running, state: { waiting: { reason: "CrashLoopBackOff" } }, lastState: { terminated: { exitCode: 1 } } };
  const spec = (restartPolicy: "Always" | "OnFailure" | "Never") => ({ spec: { restartPolicy, containers: [{ name: "a" }] } });
  it.each([
    ["Always", running, "Running"],
    ["Always", waiting, "Pending"],
    ["Always", ok, "Running"],
    ["Always", crashLoop, "Running"],
    ["OnFailure", ok, "Succeeded"],
    ["OnFailure", bad, "Running"],
    ["Never", ok, "Succeeded"],
    ["Never", bad, "Failed"],
  ] as const)("restartPolicy %s, container %j ⇒ %s", (policy, status, phase) => {
    expect(getPhase(spec(policy), [], [status], false)).toBe(phase);
  });

  it("a pod with unfinished init containers is Pending; a failed one with Never is Failed", () => {
    const withInit = (p: "Always" | "Never") => ({ spec: { restartPolicy: p, initContainers: [{ name: "i" }], containers: [{ name: "a" }] } });
    expect(getPhase(withInit("Always"), [{ ...running, name: "i" }], [waiting], false)).toBe("Pending");
    expect(getPhase(withInit("Never"), [{ ...bad, name: "i" }], [waiting], false)).toBe("Failed");
  });
});
