import { describe, expect, it } from "vitest";
import { candidateNames, podResolvConf, resolvConf } from "../../../../shared/net/dns/resolv-conf.ts";
import { firstAddress, resolveName } from "../../../../shared/net/dns/resolve.ts";
import { addNamespace, addStaticPod, must, staticWorld } from "../../../support/net-l7-builders.ts";

const pod = (ns: string, extra: object = {}) => ({ metadata: { name: "p", namespace: ns }, spec: { containers: [], ...extra } });

describe("resolvConf", () => {
  it("writes the cluster nameserver, the namespace's search path and ndots:5", () => {
    expect(resolvConf(pod("shop"))).toBe("search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n");
  });
  it.each([
    { name: "ClusterFirst on hostNetwork falls back to the node's resolver", extra: { hostNetwork: true }, cluster: false },
    { name: "ClusterFirstWithHostNet keeps cluster DNS", extra: { hostNetwork: true, dnsPolicy: "ClusterFirstWithHostNet" }, cluster: true },
    { name: "Default uses the node's resolver", extra: { dnsPolicy: "Default" }, cluster: false },
  ])("$name", ({ extra, cluster }) => {
    expect(podResolvConf(pod("default", extra) as never, { serviceCIDR: "10.96.0.0/12" }).cluster).toBe(cluster);
  });
  it("takes the nameserver from the Service CIDR's 10th address", () => {
    expect(podResolvConf(pod("a") as never, { serviceCIDR: "10.100.0.0/16" }).nameservers).toEqual(["10.100.0.10"]);
  });
});

describe("candidateNames (search list and ndots:5)", () => {
  const rc = podResolvConf(pod("default") as never, { serviceCIDR: "10.96.0.0/12" });
  it.each([
    { q: "web", names: ["web.default.svc.cluster.local", "web.svc.cluster.local", "web.cluster.local", "web"] },
    { q: "web.shop", names: ["web.shop.default.svc.cluster.local", "web.shop.svc.cluster.local", "web.shop.cluster.local", "web.shop"] },
    { q: "web.shop.svc.cluster.local.", names: ["web.shop.svc.cluster.local"] },
    { q: "a.b.c.d.e.f", names: ["a.b.c.d.e.f", "a.b.c.d.e.f.default.svc.cluster.local", "a.b.c.d.e.f.svc.cluster.local", "a.b.c.d.e.f.cluster.local"] },
  ])("$q", ({ q, names }) => expect(candidateNames(q, rc)).toEqual(names));
});

function world() {
  const c = staticWorld({ plugin: "calico" });
  addNamespace(c, "shop");
  addStaticPod(c, "client", { ip: "10.244.0.5" });
  addStaticPod(c, "web-1", { labels: { app: "web" }, ip: "10.244.0.20", ports: { http: 80 } });
  addStaticPod(c, "db-0", { namespace: "shop", labels: { app: "db" }, ip: "10.244.1.30", hostname: "db-0", subdomain: "db", node: "node-b" });
  addStaticPod(c, "db-1", { namespace: "shop", labels: { app: "db" }, ip: "10.244.1.31", hostname: "db-1", subdomain: "db", node: "node-b" });
  addStaticPod(c, "db-2", { namespace: "shop", labels: { app: "db" }, ip: "10.244.1.32", hostname: "db-2", subdomain: "db", node: "node-b", ready: false });
  addStaticPod(c, "hostdns", { ip: "192.168.10.2", dnsPolicy: "Default" });
  must(c.apply({ apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "default" }, spec: { selector: { app: "web" }, ports: [{ port: 80 }] } }));
  must(c.apply({ apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "shop" }, spec: { selector: { app: "nothing" }, ports: [{ port: 80 }] } }));
  must(c.apply({ apiVersion: "v1", kind: "Service", metadata: { name: "db", namespace: "shop" }, spec: { clusterIP: "None", selector: { app: "db" }, ports: [{ port: 5432 }] } }));
  must(c.apply({ apiVersion: "v1", kind: "Service", metadata: { name: "empty", namespace: "shop" }, spec: { clusterIP: "None", selector: { app: "none" }, ports: [{ port: 5432 }] } }));
  must(c.apply({ apiVersion: "v1", kind: "Service", metadata: { name: "payments", namespace: "shop" }, spec: { type: "ExternalName", externalName: "web.default.svc.cluster.local" } }));
  c.advance(500);
  return c;
}

describe("resolveName (CoreDNS kubernetes plugin)", () => {
  const c = world();
  const ip = (ns: string, name: string) => c.get("Service", ns, name)!.spec.clusterIP;

  it.each([
    { q: "web", want: () => ip("default", "web"), name: "web.default.svc.cluster.local" },
    { q: "web.shop", want: () => ip("shop", "web"), name: "web.shop.svc.cluster.local" },
    { q: "web.shop.svc", want: () => ip("shop", "web"), name: "web.shop.svc.cluster.local" },
    { q: "WEB.shop.svc.cluster.local", want: () => ip("shop", "web"), name: "web.shop.svc.cluster.local" },
    { q: "db-1.db.shop", want: () => "10.244.1.31", name: "db-1.db.shop.svc.cluster.local" },
    { q: "10-244-1-30.db.shop", want: () => "10.244.1.30", name: "10-244-1-30.db.shop.svc.cluster.local" },
    { q: "10-1-2-3.shop.pod.cluster.local", want: () => "10.1.2.3", name: "10-1-2-3.shop.pod.cluster.local" },
  ])("$q ⇒ A record of $name", ({ q, want, name }) => {
    const r = resolveName(c, "default/client", q);
    expect(r).toMatchObject({ name, server: "10.96.0.10" });
    expect(firstAddress(r)).toBe(want());
  });

  it("a headless Service answers one A record per ready endpoint", () => {
    const r = resolveName(c, "default/client", "db.shop");
    expect("answers" in r && r.answers.map((a) => (a.type === "A" ? a.ip : ""))).toEqual(["10.244.1.30", "10.244.1.31"]);
  });

  it.each(["nope", "db-2.db.shop", "empty.shop", "web.nowhere", "web."])("%s ⇒ NXDOMAIN", (q) => {
    expect(resolveName(c, "default/client", q)).toMatchObject({ error: "NXDOMAIN" });
  });

  it("an ExternalName Service answers a CNAME (followed inside the cluster zone)", () => {
    const r = resolveName(c, "default/client", "payments.shop");
    expect("answers" in r && r.answers[0]).toEqual({ name: "payments.shop.svc.cluster.local", type: "CNAME", target: "web.default.svc.cluster.local", ttl: 30 });
    expect(firstAddress(r)).toBe(ip("default", "web"));
  });

  it("a short name means the pod's own namespace first", () => {
    expect(firstAddress(resolveName(c, "shop/db-0", "web"))).toBe(ip("shop", "web"));
  });

  it("dnsPolicy Default does not see cluster names", () => {
    expect(resolveName(c, "default/hostdns", "web")).toMatchObject({ error: "NXDOMAIN" });
  });

  it("NXDOMAIN lists every name the resolver tried", () => {
    expect(resolveName(c, "default/client", "nope")).toEqual({
      error: "NXDOMAIN",
      server: "10.96.0.10",
      tried: ["nope.default.svc.cluster.local", "nope.svc.cluster.local", "nope.cluster.local", "nope"],
    });
  });
});
