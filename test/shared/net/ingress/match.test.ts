import { describe, expect, it } from "vitest";
import type { Stored } from "../../../../shared/k8s/kinds.ts";
import type { Ingress } from "../../../../shared/k8s/schema/networking.ts";
import { hostMatches, routeIngress } from "../../../../shared/net/ingress/match.ts";

type PathType = "Exact" | "Prefix" | "ImplementationSpecific";
let age = 0;
function ing(name: string, rules: { host?: string; paths: [PathType, string, string][] }[], extra: Partial<NonNullable<Ingress["spec"]>> = {}): Stored<Ingress> {
  age++;
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { name, namespace: "default", uid: name, resourceVersion: "1", creationTimestamp: `2025-01-01T09:00:${String(age).padStart(2, "0")}Z` },
    spec: {
      ...extra,
      rules: rules.map((r) => ({
        ...(r.host ? { host: r.host } : {}),
        http: { paths: r.paths.map(([pathType, path, svc]) => ({ pathType, path, backend: { service: { name: svc, port: { number: 80 } } } })) },
      })),
    },
  };
}

const svcOf = (r: ReturnType<typeof routeIngress>) => (r.kind === "backend" ? r.service : "404");

/** The "Examples" table of the Ingress concept page: paths in one Ingress, request path, match. */
describe("path matching (Ingress docs examples)", () => {
  it.each([
    { rules: [["Prefix", "/"]], req: "/anything", match: "/" },
    { rules: [["Exact", "/foo"]], req: "/foo", match: "/foo" },
    { rules: [["Exact", "/foo"]], req: "/bar", match: null },
    { rules: [["Exact", "/foo"]], req: "/foo/", match: null },
    { rules: [["Exact", "/foo/"]], req: "/foo", match: null },
    { rules: [["Prefix", "/foo"]], req: "/foo", match: "/foo" },
    { rules: [["Prefix", "/foo"]], req: "/foo/", match: "/foo" },
    { rules: [["Prefix", "/foo/"]], req: "/foo", match: "/foo/" },
    { rules: [["Prefix", "/foo/"]], req: "/foo/", match: "/foo/" },
    { rules: [["Prefix", "/aaa/bb"]], req: "/aaa/bbb", match: null },
    { rules: [["Prefix", "/aaa/bbb"]], req: "/aaa/bbb", match: "/aaa/bbb" },
    { rules: [["Prefix", "/aaa/bbb/"]], req: "/aaa/bbb", match: "/aaa/bbb/" },
    { rules: [["Prefix", "/aaa/bbb"]], req: "/aaa/bbb/", match: "/aaa/bbb" },
    { rules: [["Prefix", "/aaa/bbb"]], req: "/aaa/bbb/ccc", match: "/aaa/bbb" },
    { rules: [["Prefix", "/aaa/bbb"]], req: "/aaa/bbbxyz", match: null },
    { rules: [["Prefix", "/"], ["Prefix", "/aaa"]], req: "/aaa/ccc", match: "/aaa" },
    { rules: [["Prefix", "/"], ["Prefix", "/aaa"], ["Prefix", "/aaa/bbb"]], req: "/aaa/bbb", match: "/aaa/bbb" },
    { rules: [["Prefix", "/"], ["Prefix", "/aaa"], ["Prefix", "/aaa/bbb"]], req: "/ccc", match: "/" },
    { rules: [["Prefix", "/aaa"]], req: "/ccc", match: null },
    { rules: [["Prefix", "/foo"], ["Exact", "/foo"]], req: "/foo", match: "Exact /foo" },
    { rules: [["ImplementationSpecific", "/api"]], req: "/api/v1", match: "/api" },
    { rules: [["Prefix", "/api"]], req: "/api?x=1", match: "/api" },
  ] as { rules: [PathType, string][]; req: string; match: string | null }[])("$rules, request $req ⇒ $match", ({ rules, req, match }) => {
    const i = ing("i", [{ paths: rules.map(([t, p]) => [t, p, `${t} ${p}`] as [PathType, string, string]) }]);
    const got = routeIngress([i], "any.example", req);
    if (match === null) expect(got).toEqual({ kind: "no-match" });
    else expect(svcOf(got)).toBe(match.includes(" ") ? match : `${rules.find(([, p]) => p === match)![0]} ${match}`);
  });
});

describe("host matching", () => {
  it.each([
    { rule: "foo.bar.com", host: "foo.bar.com", ok: true },
    { rule: "*.foo.com", host: "bar.foo.com", ok: true },
    { rule: "*.foo.com", host: "baz.bar.foo.com", ok: false },
    { rule: "*.foo.com", host: "foo.com", ok: false },
  ])("$rule vs $host ⇒ $ok", ({ rule, host, ok }) => expect(hostMatches(rule, host)).toBe(ok));

  const a = ing("a", [{ host: "foo.bar.com", paths: [["Prefix", "/", "exact-host"]] }, { host: "*.bar.com", paths: [["Prefix", "/", "wildcard"]] }, { paths: [["Prefix", "/", "catch-all"]] }]);
  it.each([
    { host: "foo.bar.com", svc: "exact-host" },
    { host: "FOO.bar.com:8080", svc: "exact-host" },
    { host: "baz.bar.com", svc: "wildcard" },
    { host: "other.example", svc: "catch-all" },
    { host: "a.b.bar.com", svc: "catch-all" },
  ])("Host: $host ⇒ $svc", ({ host, svc }) => expect(svcOf(routeIngress([a], host, "/"))).toBe(svc));

  it("a matched host never falls back to the catch-all server's paths", () => {
    const i = ing("b", [{ host: "shop.example", paths: [["Prefix", "/cart", "cart"]] }, { paths: [["Prefix", "/", "catch-all"]] }]);
    expect(routeIngress([i], "shop.example", "/")).toEqual({ kind: "no-match" });
  });
});

describe("merging Ingresses and default backends", () => {
  it("merges rules of several Ingresses for one host", () => {
    const one = ing("one", [{ host: "shop.example", paths: [["Prefix", "/cart", "cart"]] }]);
    const two = ing("two", [{ host: "shop.example", paths: [["Prefix", "/pay", "payments"]] }]);
    expect(svcOf(routeIngress([one, two], "shop.example", "/pay/now"))).toBe("payments");
  });
  it("on a conflicting host and path the oldest Ingress wins", () => {
    const old = ing("old", [{ host: "x.example", paths: [["Prefix", "/", "old"]] }]);
    const young = ing("young", [{ host: "x.example", paths: [["Prefix", "/", "young"]] }]);
    expect(svcOf(routeIngress([young, old], "x.example", "/"))).toBe("old");
  });
  it("unmatched requests go to spec.defaultBackend", () => {
    const i = ing("d", [{ host: "x.example", paths: [["Exact", "/a", "a"]] }], { defaultBackend: { service: { name: "fallback", port: { number: 80 } } } });
    expect(routeIngress([i], "x.example", "/b")).toMatchObject({ kind: "backend", service: "fallback", via: "defaultBackend" });
    expect(routeIngress([i], "unknown.example", "/")).toMatchObject({ kind: "backend", service: "fallback", via: "defaultBackend" });
  });
  it("ignores Ingresses of another class", () => {
    const i = ing("traefik", [{ paths: [["Prefix", "/", "t"]] }], { ingressClassName: "traefik" });
    expect(routeIngress([i], "x", "/")).toEqual({ kind: "no-match" });
  });
});
