import { describe, expect, it } from "vitest";
import { createCluster, runKubectl } from "../../../shared/index.ts";

describe("kubectl debug node/NAME -- CMD", () => {
  const cluster = () => {
    const c = createCluster({ nodes: [{ name: "node-1" }, { name: "node-2" }] });
    c.advance(5000);
    return c;
  };

  it("runs a network tool in the node's host namespace", () => {
    const r = runKubectl(cluster(), "kubectl debug node/node-1 -- ip route");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("10.244.0.0/24 dev cni0 proto kernel scope link src 10.244.0.1");
    expect(r.stdout).toContain("10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink");
    expect(r.stderr).toMatch(/^Creating debugging pod node-debugger-node-1-[a-z0-9]{5} with container debugger on node node-1\./);
  });

  it.each([
    ["debug node/node-9 -- ip route", 'Error from server (NotFound): nodes "node-9" not found'],
    ["debug node/node-1 -- htop", "sh: htop: not found"],
    ["debug pod/web -- ls", "for nodes only"],
  ])("%s fails clearly", (line, text) => {
    const r = runKubectl(cluster(), line);
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toContain(text);
  });

  it("without a command, says how to use it", () => {
    const r = runKubectl(cluster(), "debug node/node-2 -it --image=busybox");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("kubectl debug node/node-2 -- ip route");
  });
});
