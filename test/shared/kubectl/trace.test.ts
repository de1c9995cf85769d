import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createSession, loadLevel, runKubectl } from "../../../shared/index.ts";

/** `kubectl trace` on the VXLAN-blocked incident: where the packet dies, and that looking changes nothing. */
function vxlanBlocked() {
  const lv = loadLevel(readFileSync(new URL("../../../levels/overlay-vxlan-blocked.yaml", import.meta.url), "utf8"), "overlay-vxlan-blocked.yaml");
  if (!lv.ok) throw new Error("level does not load");
  return createSession(lv.value, { seed: 1 }).cluster;
}

describe("kubectl trace (Crashloop extra)", () => {
  it("names the hop where a cross-node packet dies and leaves the cluster's state untouched", () => {
    const c = vxlanBlocked();
    const fe = c.list("Pod", { labelSelector: "app=frontend" }).find((p) => p.status?.phase === "Running")!;
    const to = c.list("Pod", { labelSelector: "app=checkout" }).find((p) => p.spec.nodeName !== fe.spec.nodeName)!.metadata.name;
    const from = fe.metadata.name;
    const before = c.hash();
    const r = runKubectl(c, `kubectl trace ${from} --to ${to}:8080`);
    expect(c.hash()).toBe(before);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/encapsulation/);
    expect(r.stdout).toMatch(/✗ dropped at hop \d+ \(firewall\): i\/o timeout — .*block-vxlan/);
  });

  it("follows a Service through kube-proxy's DNAT to a pod", () => {
    const c = vxlanBlocked();
    const from = c.list("Pod", { labelSelector: "app=frontend" })[0].metadata.name;
    const r = runKubectl(c, `trace ${from} --to svc/checkout`);
    expect(r.stdout).toMatch(/dnat +node-\d KUBE-SVC-[A-Z2-7]{16} → KUBE-SEP-[A-Z2-7]{16}: DNAT/);
  });

  it.each([
    ["trace nope --to svc/checkout", 'Error from server (NotFound): pods "nope" not found'],
    ["trace node/node-9 --to svc/checkout", 'Error from server (NotFound): nodes "node-9" not found'],
    ["trace x", "expected 'trace (POD | node/NAME) --to"],
  ])("%s fails clearly", (line, text) => {
    const r = runKubectl(vxlanBlocked(), line);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(text);
  });
});
