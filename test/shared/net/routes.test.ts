import { describe, expect, it } from "vitest";
import { formatRoute, lookupRoute, type Route } from "../../../shared/net/routes.ts";

const table: Route[] = [
  { dst: "default", via: "192.168.10.1", dev: "eth0", proto: "static", kind: "default" },
  { dst: "10.244.0.0/24", dev: "cni0", proto: "kernel", scopeLink: true, src: "10.244.0.1", kind: "local-pods" },
  { dst: "10.244.1.0/24", via: "10.244.1.0", dev: "flannel.1", onlink: true, kind: "remote-pods", node: "node-2" },
  { dst: "10.244.0.0/16", via: "10.244.0.1", dev: "cni0", kind: "remote-pods" },
  { dst: "192.168.10.0/24", dev: "eth0", proto: "kernel", scopeLink: true, src: "192.168.10.10", kind: "node-subnet" },
];

describe("route lookup picks the longest matching prefix", () => {
  it.each([
    ["10.244.1.7", "10.244.1.0/24"],
    ["10.244.0.9", "10.244.0.0/24"],
    ["10.244.7.1", "10.244.0.0/16"],
    ["192.168.10.11", "192.168.10.0/24"],
    ["8.8.8.8", "default"],
  ])("%s ⇒ %s", (ip, dst) => expect(lookupRoute(table, ip)?.dst).toBe(dst));

  it("finds nothing without a default route", () => {
    expect(lookupRoute(table.filter((r) => r.dst !== "default"), "8.8.8.8")).toBeUndefined();
  });
});

describe("routes print as `ip route` does", () => {
  it.each([
    [table[0], "default via 192.168.10.1 dev eth0 proto static"],
    [table[1], "10.244.0.0/24 dev cni0 proto kernel scope link src 10.244.0.1"],
    [table[2], "10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink"],
  ])("%#", (r, text) => expect(formatRoute(r)).toBe(text));
});
