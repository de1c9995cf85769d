/** The CNI agent as the kubelet and the engine see it: sandbox failures, cost, determinism. */
import { describe, expect, it } from "vitest";
import { removeCniToleration } from "../../../shared/net/faults.ts";
import { netCluster, pod, TWO_NODES } from "../../support/net-builders.ts";

describe("a node where the CNI agent never ran", () => {
  it("keeps new pods ContainerCreating with flannel's FailedCreatePodSandBox event", () => {
    const c = netCluster({ freeze: true, nodes: TWO_NODES });
    removeCniToleration(c, "node-2");
    c.apply(pod("stuck", "node-2"));
    c.advance(20_000);
    const p = c.get("Pod", "default", "stuck")!;
    expect((p.status?.containerStatuses?.[0]?.state as { waiting?: { reason?: string } }).waiting?.reason).toBe("ContainerCreating");
    const ev = c.list("Event", { namespace: "default" }).find((e) => e.reason === "FailedCreatePodSandBox");
    expect(ev?.message).toMatch(/^Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "[0-9a-f]{64}": plugin type="flannel" failed \(add\): loadFlannelSubnetEnv failed: open \/run\/flannel\/subnet\.env: no such file or directory$/);
  });
});

describe("the network controllers", () => {
  it("do no work on a quiet cluster", () => {
    const c = netCluster({ nodes: TWO_NODES, objects: [pod("a", "node-1")] });
    c.advance(120_000);
    const before = JSON.stringify(c.state.network);
    c.advance(60_000);
    expect(c.state.queues["cni-agent"]).toEqual([]);
    expect(c.state.queues["kube-proxy"]).toEqual([]);
    expect(JSON.stringify(c.state.network)).toBe(before);
  });

  it("are deterministic: the same seed gives the same network state", () => {
    const run = () => {
      const c = netCluster({ seed: 42, nodes: TWO_NODES, objects: [pod("a", "node-1"), pod("b", "node-2")] });
      c.advance(30_000);
      return c.hash();
    };
    expect(run()).toBe(run());
  });
});
