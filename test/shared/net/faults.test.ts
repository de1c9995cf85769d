/**
 * Each network fault: the symptom a player sees (where traceRoute drops the packet and why,
 * node conditions, the CNI's sandbox check), and that the real fix restores the path.
 */
import { describe, expect, it } from "vitest";
import type { Cluster } from "../../../shared/sim/cluster.ts";
import { traceRoute } from "../../../shared/net/trace.ts";
import { cniSandboxCheck } from "../../../shared/net/sandbox-check.ts";
import * as faults from "../../../shared/net/faults.ts";
import { applyOk, netCluster, pod, THREE_NODES, TWO_NODES } from "../../support/net-builders.ts";

function running(c: Cluster, ...names: string[]): void {
  const ok = c.runUntil((cl) => names.every((n) => cl.get("Pod", "default", n)?.status?.conditions?.some((x) => x.type === "Ready" && x.status === "True")), 120_000);
  if (!ok) throw new Error(`pods ${names.join(", ")} did not start`);
  // Ready comes with the container's start; nginx listens 300 ms later.
  c.advance(1000);
}

function agentsUp(c: Cluster, nodes: string[]): void {
  const ok = c.runUntil((cl) => nodes.every((n) => cl.state.network.cni.nodes[n]?.up), 120_000);
  if (!ok) throw new Error(`CNI agents not up on ${nodes.join(", ")}: ${JSON.stringify(c.state.network.cni.nodes)}`);
}

function twoPods(init: Parameters<typeof netCluster>[0] = {}): Cluster {
  const c = netCluster({ freeze: true, nodes: TWO_NODES, objects: [pod("a", "node-1"), pod("b", "node-2")], ...init });
  agentsUp(c, ["node-1", "node-2"]);
  running(c, "a", "b");
  return c;
}

const dropOf = (c: Cluster, from: string, to: string, opts = {}) => {
  const t = traceRoute(c, from, to, opts);
  return t.dropped ? { stage: t.hops[t.dropped.hopIndex].stage, reason: t.dropped.reason } : undefined;
};

describe("a healthy flannel cluster", () => {
  it("carries pod-to-pod traffic across nodes over VXLAN and reports FlannelIsUp", () => {
    const c = twoPods();
    const t = traceRoute(c, "default/a", "default/b");
    expect(t.dropped).toBeUndefined();
    expect(t.hops.map((h) => h.stage)).toEqual(["pod-eth0", "veth", "bridge", "route", "encapsulation", "underlay", "decapsulation", "route", "bridge", "veth", "pod-eth0", "port", "application"]);
    const cond = c.get("Node", undefined, "node-1")!.status!.conditions!.find((x) => x.type === "NetworkUnavailable");
    expect(cond).toMatchObject({ status: "False", reason: "FlannelIsUp", message: "Flannel is running on this node" });
  });

  it("refuses a port nothing listens on", () => {
    const c = twoPods();
    expect(dropOf(c, "default/a", "default/b", { port: 8080 })).toEqual({ stage: "port", reason: "connection refused" });
  });
});

describe("firewall drops VXLAN (UDP 8472)", () => {
  it("times out at the receiving node's firewall; removing the rule restores the path", () => {
    const c = twoPods();
    faults.blockVxlan(c);
    expect(dropOf(c, "default/a", "default/b")).toEqual({ stage: "firewall", reason: "i/o timeout" });
    expect(traceRoute(c, "default/a", "default/a").ok).toBe(true);
    faults.removeFirewallRule(c, "block-vxlan");
    expect(traceRoute(c, "default/a", "default/b").ok).toBe(true);
  });
});

describe("broken net-conf.json from the start", () => {
  it("leaves nodes unprogrammed (sandboxes fail with flannel's error); fixing the ConfigMap and restarting the agents heals", () => {
    const c = netCluster({ freeze: true, nodes: TWO_NODES });
    faults.breakFlannelConfig(c);
    c.advance(30_000);
    expect(c.state.network.cni.nodes["node-1"].configError).toContain("error parsing subnet config: invalid character '}' looking for beginning of object key string");
    expect(cniSandboxCheck(c.state, c.store, "node-1")).toEqual({ ok: false, message: 'plugin type="flannel" failed (add): loadFlannelSubnetEnv failed: open /run/flannel/subnet.env: no such file or directory' });
    expect(c.get("Node", undefined, "node-1")!.status!.conditions!.some((x) => x.type === "NetworkUnavailable")).toBe(false);
    faults.fixFlannelConfig(c);
    faults.restartFlannelAgents(c);
    agentsUp(c, ["node-1", "node-2"]);
    expect(cniSandboxCheck(c.state, c.store, "node-1")).toEqual({ ok: true });
    expect(c.get("Node", undefined, "node-1")!.status!.conditions!.find((x) => x.type === "NetworkUnavailable")?.reason).toBe("FlannelIsUp");
  });

  it("a Network that does not contain the node's podCIDR keeps the agent from programming the node", () => {
    const c = netCluster({ freeze: true, nodes: TWO_NODES });
    faults.wrongFlannelNetwork(c, "10.245.0.0/16");
    c.advance(30_000);
    expect(c.state.network.cni.nodes["node-1"].downReason).toBe('Error registering network: failed to acquire lease: subnet "10.245.0.0/16" specified in the flannel net config doesn\'t contain "10.244.0.0/24" PodCIDR of the "node-1" node');
    expect(cniSandboxCheck(c.state, c.store, "node-1").ok).toBe(false);
  });
});

describe("VNI mismatch after a partial restart", () => {
  it("drops at decapsulation; restarting every agent makes them agree", () => {
    const c = twoPods();
    faults.flannelConfigDrift(c, ["node-2"], { vni: 2 });
    c.runUntil((cl) => cl.state.network.cni.nodes["node-2"]?.config?.backend.vni === 2 && cl.state.network.cni.nodes["node-2"].up, 60_000);
    expect(dropOf(c, "default/a", "default/b")).toEqual({ stage: "decapsulation", reason: "i/o timeout" });
    faults.restartFlannelAgents(c);
    c.runUntil((cl) => cl.state.network.cni.nodes["node-1"]?.config?.backend.vni === 2 && cl.state.network.cni.nodes["node-1"].up, 60_000);
    expect(traceRoute(c, "default/a", "default/b").ok).toBe(true);
  });
});

describe("a route deleted by hand", () => {
  it("sends pod traffic to the default gateway, which drops it; restarting the node's agent reprograms the route", () => {
    const c = twoPods();
    faults.deleteRoute(c, "node-1", "10.244.1.0/24");
    expect(dropOf(c, "default/a", "default/b")).toEqual({ stage: "router", reason: "i/o timeout" });
    faults.restartFlannelAgents(c, ["node-1"]);
    c.runUntil((cl) => cl.state.network.cni.nodes["node-1"].deletedRoutes.length === 0 && cl.state.network.cni.nodes["node-1"].up, 60_000);
    expect(traceRoute(c, "default/a", "default/b").ok).toBe(true);
  });
});

describe("host-gw across subnets", () => {
  it("installs no route to a node behind the router; switching the backend to vxlan fixes it", () => {
    const c = netCluster({ freeze: true, nodes: TWO_NODES, addons: { backend: "host-gw" }, objects: [pod("a", "node-1"), pod("b", "node-2")] });
    agentsUp(c, ["node-1", "node-2"]);
    running(c, "a", "b");
    expect(traceRoute(c, "default/a", "default/b").ok).toBe(true);
    faults.moveNodeToSubnet(c, "node-2", { name: "rack-2", cidr: "192.168.20.0/24", gateway: "192.168.20.1" }, "192.168.20.11");
    c.advance(1000);
    expect(dropOf(c, "default/a", "default/b")).toEqual({ stage: "router", reason: "i/o timeout" });
    faults.fixFlannelConfig(c, { backend: "vxlan" });
    faults.restartFlannelAgents(c);
    c.runUntil((cl) => ["node-1", "node-2"].every((n) => cl.state.network.cni.nodes[n].up && cl.state.network.cni.nodes[n].config?.backend.type === "vxlan"), 60_000);
    const t = traceRoute(c, "default/a", "default/b");
    expect(t.ok).toBe(true);
    expect(t.hops.some((h) => h.stage === "underlay" && h.action.includes("through the router"))).toBe(true);
  });
});

describe("pod MTU pinned to 1500 over VXLAN", () => {
  it("lets small requests through and drops large responses; removing the pin restores them", () => {
    const c = twoPods();
    faults.setFlannelPodMTU(c, 1500);
    faults.restartFlannelAgents(c);
    c.runUntil((cl) => cl.state.network.cni.nodes["node-2"]?.config?.podMTU === 1500 && cl.state.network.cni.nodes["node-2"].up, 60_000);
    expect(traceRoute(c, "default/a", "default/b", { bytes: 200, responseBytes: 300 }).ok).toBe(true);
    expect(dropOf(c, "default/a", "default/b", { bytes: 200, responseBytes: 64_000 })).toEqual({ stage: "response", reason: "fragmentation needed" });
    faults.setFlannelPodMTU(c, undefined);
    faults.restartFlannelAgents(c);
    c.runUntil((cl) => ["node-1", "node-2"].every((n) => cl.state.network.cni.nodes[n].up && cl.state.network.cni.nodes[n].config?.podMTU === undefined), 60_000);
    expect(traceRoute(c, "default/a", "default/b", { bytes: 200, responseBytes: 64_000 }).ok).toBe(true);
  });
});

describe("overlapping pod CIDRs", () => {
  it("delivers to the wrong node, where the address does not exist", () => {
    const c = netCluster({ freeze: true, nodes: THREE_NODES, objects: [pod("a", "node-1"), pod("b", "node-2")] });
    agentsUp(c, ["node-1", "node-2", "node-3"]);
    running(c, "a", "b");
    faults.overlapPodCIDR(c, "node-3", "10.244.1.0/24");
    c.advance(1000);
    expect(dropOf(c, "default/a", "default/b")).toEqual({ stage: "bridge", reason: "no route to host" });
  });
});

describe("calico IPIP with a BGP peer down", () => {
  it("withdraws the peer's routes; bringing the peer back restores them", () => {
    const c = twoPods({ addons: { cni: "calico", backend: "ipip" } });
    const ok = traceRoute(c, "default/a", "default/b");
    expect(ok.ok).toBe(true);
    expect(ok.hops.find((h) => h.stage === "encapsulation")?.action).toContain("IP-in-IP");
    faults.bgpPeerDown(c, "node-2");
    expect(dropOf(c, "default/a", "default/b")).toEqual({ stage: "router", reason: "i/o timeout" });
    faults.bgpPeerDown(c, "node-2", false);
    expect(traceRoute(c, "default/a", "default/b").ok).toBe(true);
  });

  it("a firewall dropping IP protocol 4 kills the tunnel", () => {
    const c = twoPods({ addons: { cni: "calico", backend: "ipip" } });
    faults.blockIPIP(c);
    expect(dropOf(c, "default/a", "default/b")).toEqual({ stage: "firewall", reason: "i/o timeout" });
  });
});

describe("CNI DaemonSet without its tolerations", () => {
  it("never runs the agent on a tainted node, which cannot give pods a network; restoring the toleration fixes it", () => {
    const c = netCluster({ freeze: true, nodes: TWO_NODES });
    faults.removeCniToleration(c, "node-2");
    c.advance(30_000);
    expect(cniSandboxCheck(c.state, c.store, "node-2").ok).toBe(false);
    expect(cniSandboxCheck(c.state, c.store, "node-1").ok).toBe(true);
    const ds = c.get("DaemonSet", "kube-flannel", "kube-flannel-ds")!;
    applyOk(c, { ...ds, metadata: { name: ds.metadata.name, namespace: ds.metadata.namespace, labels: ds.metadata.labels }, spec: { ...ds.spec, template: { ...ds.spec.template, spec: { ...ds.spec.template.spec, tolerations: [{ operator: "Exists", effect: "NoSchedule" }] } } } });
    agentsUp(c, ["node-2"]);
    expect(cniSandboxCheck(c.state, c.store, "node-2").ok).toBe(true);
  });
});
