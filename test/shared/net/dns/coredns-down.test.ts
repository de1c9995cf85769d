import { describe, expect, it } from "vitest";
import { COREDNS_IMAGES, coreDnsManifests } from "../../../../shared/net/dns/addon.ts";
import { resolveName } from "../../../../shared/net/dns/resolve.ts";
import { DEFAULT_CONFIG } from "../../../../shared/sim/state.ts";
import { l7Cluster, must } from "../../../support/net-l7-builders.ts";

const client = { apiVersion: "v1", kind: "Pod", metadata: { name: "client", namespace: "default" }, spec: { containers: [{ name: "sh", image: "busybox:1.36", command: ["sleep", "3600"] }] } };
const web = { apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "default" }, spec: { selector: { app: "web" }, ports: [{ port: 80 }] } };

function clusterWithDNS(plugin: "flannel" | "calico" = "flannel") {
  const c = l7Cluster({
    nodes: [{ name: "node-a" }, { name: "node-b" }],
    images: COREDNS_IMAGES,
    network: { cni: { plugin } },
    objects: [...coreDnsManifests(DEFAULT_CONFIG), client, web],
  });
  c.advance(20_000);
  return c;
}

const lookup = (c: ReturnType<typeof clusterWithDNS>) => resolveName(c, "default/client", "web");

describe("cluster DNS depends on CoreDNS being reachable", () => {
  it("answers while CoreDNS has ready pods behind kube-dns (10.96.0.10)", () => {
    const c = clusterWithDNS();
    expect(c.get("Service", "kube-system", "kube-dns")!.spec.clusterIP).toBe("10.96.0.10");
    expect(lookup(c)).toMatchObject({ name: "web.default.svc.cluster.local" });
  });

  it("times out when CoreDNS is scaled to zero, and recovers when scaled back", () => {
    const c = clusterWithDNS();
    const dep = c.get("Deployment", "kube-system", "coredns")!;
    must(c.update({ ...dep, spec: { ...dep.spec, replicas: 0 } }));
    c.advance(40_000);
    expect(lookup(c)).toMatchObject({ error: "timeout", server: "10.96.0.10" });
    const dep2 = c.get("Deployment", "kube-system", "coredns")!;
    must(c.update({ ...dep2, spec: { ...dep2.spec, replicas: 2 } }));
    c.advance(20_000);
    expect(lookup(c)).toMatchObject({ name: "web.default.svc.cluster.local" });
  });

  it("times out when the kube-dns Service selector matches no pod", () => {
    const c = clusterWithDNS();
    const svc = c.get("Service", "kube-system", "kube-dns")!;
    must(c.update({ ...svc, spec: { ...svc.spec, selector: { "k8s-app": "coredns" } } }));
    c.advance(2_000);
    expect(lookup(c)).toMatchObject({ error: "timeout" });
  });

  it("a default-deny egress policy breaks DNS under calico; allowing UDP 53 to kube-system restores it", () => {
    const c = clusterWithDNS("calico");
    must(c.apply({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "deny-egress", namespace: "default" }, spec: { podSelector: {}, policyTypes: ["Egress"] } }));
    expect(lookup(c)).toMatchObject({ error: "timeout" });
    must(
      c.apply({
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: { name: "allow-dns", namespace: "default" },
        spec: { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } } }], ports: [{ port: 53, protocol: "UDP" }] }] },
      }),
    );
    expect(lookup(c)).toMatchObject({ name: "web.default.svc.cluster.local" });
  });

  it("a Corefile without the kubernetes block answers NXDOMAIN for cluster names", () => {
    const c = clusterWithDNS();
    const cm = c.get("ConfigMap", "kube-system", "coredns")!;
    must(c.update({ ...cm, data: { Corefile: ".:53 {\n    forward . /etc/resolv.conf\n}\n" } }));
    expect(lookup(c)).toMatchObject({ error: "NXDOMAIN" });
  });
});
