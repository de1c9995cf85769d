import { describe, expect, it } from "vitest";
import type { NetworkPolicy } from "../../../../shared/k8s/schema/networking.ts";
import { effectivePolicyTypes, policyAllows, type PolicyQuery } from "../../../../shared/net/policy/evaluate.ts";
import { addNamespace, addPolicy, addStaticPod, staticWorld } from "../../../support/net-l7-builders.ts";

type Spec = NetworkPolicy["spec"];
const all = {};

function world(plugin: "calico" | "flannel" = "calico") {
  const c = staticWorld({ plugin });
  addNamespace(c, "prod", { env: "prod" });
  addNamespace(c, "dev", { env: "dev" });
  addStaticPod(c, "web", { namespace: "prod", labels: { app: "web" }, ip: "10.244.0.10", ports: { http: 8080 } });
  addStaticPod(c, "db", { namespace: "prod", labels: { app: "db" }, ip: "10.244.0.11", ports: { pg: 5432 } });
  addStaticPod(c, "api", { namespace: "prod", labels: { app: "api" }, node: "node-b", ip: "10.244.1.12", ports: { http: 8080, metrics: 9090 } });
  addStaticPod(c, "tester", { namespace: "dev", labels: { app: "tester" }, node: "node-b", ip: "10.244.1.20" });
  addStaticPod(c, "impostor", { namespace: "dev", labels: { app: "web" }, node: "node-b", ip: "10.244.1.21" });
  return c;
}

const denyAllIngress: Spec = { podSelector: all, policyTypes: ["Ingress"] };
const onDb = (from: NonNullable<Spec["ingress"]>[number]["from"], ports?: NonNullable<Spec["ingress"]>[number]["ports"]): Spec => ({
  podSelector: { matchLabels: { app: "db" } },
  ingress: [{ ...(from ? { from } : {}), ...(ports ? { ports } : {}) }],
});

interface Row {
  name: string;
  policies: Spec[];
  q: PolicyQuery;
  allowed: boolean;
  direction?: "ingress" | "egress";
}

const rows: Row[] = [
  { name: "no policy: everything is allowed", policies: [], q: { fromPod: "prod/web", toPod: "prod/db", port: 5432 }, allowed: true },
  { name: "default deny ingress isolates every pod of the namespace", policies: [denyAllIngress], q: { fromPod: "prod/web", toPod: "prod/db", port: 5432 }, allowed: false, direction: "ingress" },
  { name: "default deny ingress leaves egress open", policies: [denyAllIngress], q: { fromPod: "prod/db", toIP: "203.0.113.7", port: 443 }, allowed: true },
  { name: "a policy selecting other pods does not isolate this one", policies: [{ podSelector: { matchLabels: { app: "api" } }, policyTypes: ["Ingress"] }], q: { fromPod: "prod/web", toPod: "prod/db", port: 5432 }, allowed: true },
  { name: "podSelector peer admits the selected pod", policies: [onDb([{ podSelector: { matchLabels: { app: "web" } } }])], q: { fromPod: "prod/web", toPod: "prod/db", port: 5432 }, allowed: true },
  { name: "podSelector peer refuses other pods", policies: [onDb([{ podSelector: { matchLabels: { app: "web" } } }])], q: { fromPod: "prod/api", toPod: "prod/db", port: 5432 }, allowed: false, direction: "ingress" },
  { name: "podSelector peer only selects pods of the policy's namespace", policies: [onDb([{ podSelector: { matchLabels: { app: "web" } } }])], q: { fromPod: "dev/impostor", toPod: "prod/db", port: 5432 }, allowed: false, direction: "ingress" },
  { name: "namespaceSelector peer admits every pod of matching namespaces", policies: [onDb([{ namespaceSelector: { matchLabels: { env: "dev" } } }])], q: { fromPod: "dev/tester", toPod: "prod/db", port: 5432 }, allowed: true },
  { name: "namespaceSelector peer refuses pods of other namespaces (even its own)", policies: [onDb([{ namespaceSelector: { matchLabels: { env: "dev" } } }])], q: { fromPod: "prod/web", toPod: "prod/db", port: 5432 }, allowed: false, direction: "ingress" },
  { name: "namespaceSelector on kubernetes.io/metadata.name", policies: [onDb([{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "dev" } } }])], q: { fromPod: "dev/impostor", toPod: "prod/db", port: 5432 }, allowed: true },
  { name: "both selectors in one peer are AND-ed: the right pod in the right namespace", policies: [onDb([{ namespaceSelector: { matchLabels: { env: "dev" } }, podSelector: { matchLabels: { app: "tester" } } }])], q: { fromPod: "dev/tester", toPod: "prod/db", port: 5432 }, allowed: true },
  { name: "both selectors in one peer are AND-ed: other pods of that namespace are refused", policies: [onDb([{ namespaceSelector: { matchLabels: { env: "dev" } }, podSelector: { matchLabels: { app: "tester" } } }])], q: { fromPod: "dev/impostor", toPod: "prod/db", port: 5432 }, allowed: false, direction: "ingress" },
  { name: "separate peers are OR-ed", policies: [onDb([{ namespaceSelector: { matchLabels: { env: "dev" } } }, { podSelector: { matchLabels: { app: "tester" } } }])], q: { fromPod: "dev/impostor", toPod: "prod/db", port: 5432 }, allowed: true },
  { name: "empty namespaceSelector selects every namespace", policies: [onDb([{ namespaceSelector: {} }])], q: { fromPod: "dev/impostor", toPod: "prod/db", port: 5432 }, allowed: true },
  { name: "empty from admits every source", policies: [onDb([])], q: { fromIP: "198.51.100.1", toPod: "prod/db", port: 5432 }, allowed: true },
  { name: "ipBlock admits addresses in the CIDR", policies: [onDb([{ ipBlock: { cidr: "203.0.113.0/24", except: ["203.0.113.7/32"] } }])], q: { fromIP: "203.0.113.8", toPod: "prod/db", port: 5432 }, allowed: true },
  { name: "ipBlock except carves addresses out", policies: [onDb([{ ipBlock: { cidr: "203.0.113.0/24", except: ["203.0.113.7/32"] } }])], q: { fromIP: "203.0.113.7", toPod: "prod/db", port: 5432 }, allowed: false, direction: "ingress" },
  { name: "ipBlock matches pod addresses too", policies: [onDb([{ ipBlock: { cidr: "10.244.1.0/24" } }])], q: { fromPod: "prod/api", toPod: "prod/db", port: 5432 }, allowed: true },
  { name: "ports: the listed number is admitted", policies: [onDb(undefined, [{ port: 5432 }])], q: { fromPod: "prod/web", toPod: "prod/db", port: 5432 }, allowed: true },
  { name: "ports: other numbers are dropped", policies: [onDb(undefined, [{ port: 5432 }])], q: { fromPod: "prod/web", toPod: "prod/db", port: 5433 }, allowed: false, direction: "ingress" },
  { name: "ports: protocol defaults to TCP, so UDP is dropped", policies: [onDb(undefined, [{ port: 5432 }])], q: { fromPod: "prod/web", toPod: "prod/db", port: 5432, protocol: "UDP" }, allowed: false, direction: "ingress" },
  { name: "ports: a named port resolves on the destination pod", policies: [onDb(undefined, [{ port: "pg" }])], q: { fromPod: "prod/web", toPod: "prod/db", port: 5432 }, allowed: true },
  { name: "ports: a name the destination does not define matches nothing", policies: [onDb(undefined, [{ port: "http" }])], q: { fromPod: "prod/web", toPod: "prod/db", port: 5432 }, allowed: false, direction: "ingress" },
  { name: "ports: endPort admits the range", policies: [onDb(undefined, [{ port: 5000, endPort: 6000 }])], q: { fromPod: "prod/web", toPod: "prod/db", port: 5432 }, allowed: true },
  { name: "ports: endPort range is inclusive at the top only up to endPort", policies: [onDb(undefined, [{ port: 5000, endPort: 5431 }])], q: { fromPod: "prod/web", toPod: "prod/db", port: 5432 }, allowed: false, direction: "ingress" },
  { name: "ports and peers of one rule are AND-ed", policies: [onDb([{ podSelector: { matchLabels: { app: "web" } } }], [{ port: 80 }])], q: { fromPod: "prod/web", toPod: "prod/db", port: 5432 }, allowed: false, direction: "ingress" },
  { name: "policies are additive: an allow beside a default deny wins", policies: [denyAllIngress, onDb([{ podSelector: { matchLabels: { app: "web" } } }])], q: { fromPod: "prod/web", toPod: "prod/db", port: 5432 }, allowed: true },
  { name: "allow-all ingress rule `ingress: [{}]`", policies: [denyAllIngress, { podSelector: all, ingress: [{}] }], q: { fromPod: "dev/tester", toPod: "prod/web", port: 8080 }, allowed: true },
  { name: "default deny egress", policies: [{ podSelector: all, policyTypes: ["Egress"] }], q: { fromPod: "prod/web", toPod: "prod/api", port: 8080 }, allowed: false, direction: "egress" },
  { name: "default deny egress also blocks DNS", policies: [{ podSelector: all, policyTypes: ["Egress"] }], q: { fromPod: "prod/web", toIP: "10.244.1.53", port: 53, protocol: "UDP" }, allowed: false, direction: "egress" },
  { name: "egress rule with a podSelector admits that destination", policies: [{ podSelector: { matchLabels: { app: "web" } }, policyTypes: ["Egress"], egress: [{ to: [{ podSelector: { matchLabels: { app: "api" } } }], ports: [{ port: "http" }] }] }], q: { fromPod: "prod/web", toPod: "prod/api", port: 8080 }, allowed: true },
  { name: "egress named ports resolve on the destination", policies: [{ podSelector: { matchLabels: { app: "web" } }, policyTypes: ["Egress"], egress: [{ ports: [{ port: "metrics" }] }] }], q: { fromPod: "prod/web", toPod: "prod/api", port: 8080 }, allowed: false, direction: "egress" },
  { name: "egress rules without policyTypes isolate ingress too", policies: [{ podSelector: { matchLabels: { app: "web" } }, egress: [{ to: [{ podSelector: { matchLabels: { app: "db" } } }] }] }], q: { fromPod: "prod/api", toPod: "prod/web", port: 8080 }, allowed: false, direction: "ingress" },
  { name: "receiver's ingress is checked even when the sender's egress admits", policies: [{ podSelector: all, policyTypes: ["Egress"], egress: [{}] }, denyAllIngress], q: { fromPod: "prod/web", toPod: "prod/db", port: 5432 }, allowed: false, direction: "ingress" },
  { name: "source given only by IP is recognised as its pod", policies: [onDb([{ podSelector: { matchLabels: { app: "web" } } }])], q: { fromIP: "10.244.0.10", toPod: "prod/db", port: 5432 }, allowed: true },
];

describe("policyAllows", () => {
  it.each(rows)("$name", ({ policies, q, allowed, direction }) => {
    const c = world();
    policies.forEach((p, i) => addPolicy(c, "prod", `p${i}`, p));
    const v = policyAllows(c.store, q);
    expect(v.allowed).toBe(allowed);
    if (!v.allowed) expect(v.direction).toBe(direction);
  });

  it("names the isolating policies, first by name", () => {
    const c = world();
    addPolicy(c, "prod", "zz-allow-api", { podSelector: { matchLabels: { app: "db" } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: "api" } } }] }] });
    addPolicy(c, "prod", "default-deny", denyAllIngress);
    expect(policyAllows(c.store, { fromPod: "prod/web", toPod: "prod/db", port: 5432 })).toEqual({
      allowed: false,
      policy: "prod/default-deny",
      direction: "ingress",
      policies: ["prod/default-deny", "prod/zz-allow-api"],
    });
  });

  it("is not enforced at all under flannel: the API accepts policies that nothing applies", () => {
    const c = world("flannel");
    addPolicy(c, "prod", "default-deny", denyAllIngress);
    expect(policyAllows(c.store, { fromPod: "prod/web", toPod: "prod/db", port: 5432 })).toEqual({ allowed: true });
  });
});

describe("effectivePolicyTypes", () => {
  it.each([
    { spec: { podSelector: all }, types: ["Ingress"] },
    { spec: { podSelector: all, egress: [{}] }, types: ["Ingress", "Egress"] },
    { spec: { podSelector: all, policyTypes: ["Egress"] }, types: ["Egress"] },
    { spec: { podSelector: all, ingress: [{}] }, types: ["Ingress"] },
  ] as { spec: Spec; types: string[] }[])("$spec ⇒ $types", ({ spec, types }) => {
    expect(effectivePolicyTypes({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "x" }, spec })).toEqual(types);
  });
});
