/** The debug tools print what iproute2, iptables-save, busybox ping/nc and ss print. */
import { beforeAll, describe, expect, it } from "vitest";
import type { Cluster } from "../../../../shared/sim/cluster.ts";
import { NET_TOOLS } from "../../../../shared/net/tools/index.ts";
import { blockVxlan } from "../../../../shared/net/faults.ts";
import { netCluster, pod, service, TWO_NODES } from "../../../support/net-builders.ts";

let c: Cluster;
beforeAll(() => {
  c = netCluster({ nodes: TWO_NODES, objects: [pod("a", "node-1"), pod("b", "node-2"), service("b")] });
  c.runUntil((cl) => ["a", "b"].every((n) => cl.get("Pod", "default", n)?.status?.conditions?.some((x) => x.type === "Ready" && x.status === "True")), 120_000);
  c.advance(2000);
});

const run = (where: { pod: string } | { node: string }, line: string) => NET_TOOLS[line.split(" ")[0]](c, where, line.split(" "));

describe("ip", () => {
  it("ip route on a node lists the default, its cni0 route and one flannel.1 route per other node", () => {
    expect(run({ node: "node-1" }, "ip route").stdout).toBe([
      "default via 192.168.10.1 dev eth0 proto static ",
      "10.244.0.0/24 dev cni0 proto kernel scope link src 10.244.0.1 ",
      "10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink ",
      "192.168.10.0/24 dev eth0 proto kernel scope link src 192.168.10.10 ",
      "",
    ].join("\n"));
  });
  it("ip route in a pod goes through the bridge's .1", () => {
    expect(run({ pod: "default/a" }, "ip route").stdout).toBe("default via 10.244.0.1 dev eth0 \n10.244.0.0/16 via 10.244.0.1 dev eth0 \n10.244.0.0/24 dev eth0 proto kernel scope link src 10.244.0.2 \n");
  });
  it("ip addr in a pod shows eth0 with the pod IP and the VXLAN-sized MTU", () => {
    const out = run({ pod: "default/a" }, "ip addr").stdout;
    expect(out).toMatch(/2: eth0@if\d+: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1450 /);
    expect(out).toContain("inet 10.244.0.2/24 brd 10.244.0.255 scope global eth0");
  });
  it("ip addr on a node shows flannel.1 (MTU 1450) and cni0", () => {
    const out = run({ node: "node-1" }, "ip addr").stdout;
    expect(out).toMatch(/flannel\.1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450/);
    expect(out).toContain("inet 10.244.0.1/24 brd 10.244.0.255 scope global cni0");
  });
  it("bridge fdb show maps the other node's VTEP MAC to its IP", () => {
    expect(run({ node: "node-1" }, "bridge fdb show").stdout).toMatch(/^[0-9a-f:]{17} dev flannel\.1 dst 192\.168\.10\.11 self permanent$/m);
  });
});

describe("iptables-save", () => {
  it("shows the Service's chains on a node", () => {
    const out = run({ node: "node-1" }, "iptables-save -t nat").stdout;
    expect(out).toMatch(/-A KUBE-SERVICES -d 10\.\d+\.\d+\.\d+\/32 -p tcp -m comment --comment "default\/b cluster IP" -m tcp --dport 80 -j KUBE-SVC-\w{16}/);
    expect(out).toContain("-j DNAT --to-destination 10.244.1.2:80");
  });
  it("is not allowed from an ordinary pod", () => {
    expect(run({ pod: "default/a" }, "iptables-save").exitCode).toBe(1);
  });
});

describe("ping and nc", () => {
  it("ping reaches a pod on another node", () => {
    const r = run({ pod: "default/a" }, "ping -c 2 10.244.1.2");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("2 packets transmitted, 2 packets received, 0% packet loss");
  });
  it("ping to a ClusterIP loses every packet", () => {
    const ip = c.get("Service", "default", "b")!.spec.clusterIP!;
    const r = run({ pod: "default/a" }, `ping -c 3 ${ip}`);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain("3 packets transmitted, 0 packets received, 100% packet loss");
  });
  it("nc -zv reports open, refused and timed out", () => {
    const ip = c.get("Service", "default", "b")!.spec.clusterIP!;
    expect(run({ pod: "default/a" }, `nc -zv ${ip} 80`)).toEqual({ stdout: "", stderr: `${ip} (${ip}:80) open\n`, exitCode: 0 });
    expect(run({ pod: "default/a" }, "nc -zv 10.244.1.2 81").stderr).toBe("nc: 10.244.1.2 (10.244.1.2:81): Connection refused\n");
    const copy = netCluster({ nodes: TWO_NODES, objects: [pod("a", "node-1"), pod("b", "node-2")] });
    copy.runUntil((cl) => ["a", "b"].every((n) => cl.get("Pod", "default", n)?.status?.phase === "Running"), 120_000);
    copy.advance(2000);
    blockVxlan(copy);
    expect(NET_TOOLS.nc(copy, { pod: "default/a" }, ["nc", "-zv", "10.244.1.2", "80"]).stderr).toBe("nc: 10.244.1.2 (10.244.1.2:80): Connection timed out\n");
  });
});

describe("ss -ltn", () => {
  it("lists what the pod's containers listen on", () => {
    expect(run({ pod: "default/b" }, "ss -ltn").stdout).toMatch(/LISTEN 0 +511 +0\.0\.0\.0:80 /);
  });
});
