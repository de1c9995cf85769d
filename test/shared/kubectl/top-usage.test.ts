import { describe, expect, it } from "vitest";
import { podMetrics } from "../../../shared/kubectl/top-usage.ts";
import { podUsage } from "../../../shared/sim/kubelet/usage.ts";
import { shopCluster } from "../../support/kubectl-builders.ts";

/** A pod with an init container that finished and a sidecar-free app container that restarts. */
const crashingWithInit = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "crashy", namespace: "shop" },
  spec: {
    initContainers: [{ name: "init", image: "busybox:1.36", command: ["sh", "-c", "true"] }],
    containers: [
      { name: "app", image: "busybox:1.36", command: ["sh", "-c", "sleep 5; exit 1"] },
      { name: "web", image: "nginx:1.25" },
    ],
  },
};

describe("kubectl top's pod metrics", () => {
  it("equal podUsage's cpu and memory, per container too, without the disk part", () => {
    const c = shopCluster({ extra: [crashingWithInit] });
    const pods = c.list("Pod", { namespace: "shop" });
    expect(pods.map((p) => p.metadata.name)).toContain("crashy");
    let compared = 0;
    for (const at of [0, 3_000, 20_000]) {
      c.advance(at);
      const nowMs = c.store.nowMs();
      for (const p of c.list("Pod", { namespace: "shop" })) {
        const { diskBytes: _disk, ...expected } = podUsage(c.state, p, nowMs);
        expect(podMetrics(c.state, p, nowMs)).toEqual(expected);
        if (expected.memoryBytes > 0) compared++;
      }
    }
    expect(compared).toBeGreaterThan(3);
  });
});
