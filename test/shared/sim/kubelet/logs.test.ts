import { describe, expect, it } from "vitest";
import { readContainerLogs } from "../../../../shared/sim/kubelet/kubelet.ts";
import type { Cluster } from "../../../../shared/sim/cluster.ts";
import { applyOk, boundPod, kubeletCluster, pod } from "../../../support/kubelet-builders.ts";

const logs = (c: Cluster, name: string, container: string, opts: { previous?: boolean; tailLines?: number } = {}) =>
  readContainerLogs(c.state, pod(c, name), container, { ...opts, nowMs: c.nowMs });

describe("readContainerLogs", () => {
  it("returns what the running container wrote", () => {
    const c = kubeletCluster();
    applyOk(c, boundPod("web"));
    c.advance(3000);
    const out = logs(c, "web", "web");
    expect(out).toContain("/docker-entrypoint.sh: Configuration complete; ready for start up\n");
    expect(logs(c, "web", "web", { tailLines: 1 })).toBe(String(out).trimEnd().split("\n").slice(-1)[0] + "\n");
  });

  it("answers the kubelet's errors for containers that have not started", () => {
    const c = kubeletCluster();
    applyOk(c, boundPod("web"));
    applyOk(c, boundPod("typo", { image: "nginx:1.255" }));
    c.advance(200);
    expect(logs(c, "web", "web")).toEqual({ error: 'container "web" in pod "web" is waiting to start: ContainerCreating' });
    c.advance(2000);
    expect(logs(c, "typo", "web")).toEqual({ error: 'container "web" in pod "typo" is waiting to start: image can\'t be pulled' });
    c.advance(22_000);
    expect(logs(c, "typo", "web")).toEqual({ error: 'container "web" in pod "typo" is waiting to start: trying and failing to pull image' });
    expect(logs(c, "web", "web", { previous: true })).toEqual({ error: 'previous terminated container "web" in pod "web" not found' });
    expect(logs(c, "web", "nope")).toEqual({ error: "container nope is not valid for pod web" });
  });

  it("--previous reads the instance before the restart", () => {
    const c = kubeletCluster();
    applyOk(c, boundPod("bb", { image: "busybox:1.36", command: ["sh", "-c", "echo hello from run; exit 1"] }));
    c.advance(5000);
    expect(logs(c, "bb", "web", { previous: true })).toBe("hello from run\n");
    expect(logs(c, "bb", "web")).toBe("hello from run\n");
  });
});
