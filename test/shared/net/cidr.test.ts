import { describe, expect, it } from "vitest";
import {
  cidrContains, cidrSize, cidrsOverlap, formatCIDR, formatIPv4, nthAddress, parseCIDR, parseIPv4, prefixMask, splitCIDR,
} from "../../../shared/net/cidr.ts";

describe("parseIPv4 / formatIPv4", () => {
  it.each<[string, number]>([
    ["0.0.0.0", 0], ["10.0.0.1", 167772161], ["10.244.1.5", 183763205], ["192.168.0.255", 3232235775],
    ["255.255.255.255", 4294967295], ["127.0.0.1", 2130706433],
  ])("%s ⇔ %d", (s, n) => {
    expect(parseIPv4(s)).toBe(n);
    expect(formatIPv4(n)).toBe(s);
  });
  // Like Go's net.ParseIP since 1.17: four decimal octets, 0-255, no leading zeros, nothing else.
  it.each(["", "1.2.3", "1.2.3.4.5", "256.0.0.1", "1.2.3.-1", "01.2.3.4", "1.2.3.04", "1..2.3", "1.2.3.4 ", " 1.2.3.4",
    "a.b.c.d", "0x1.2.3.4", "1.2.3.4/24", "::1", "::ffff:1.2.3.4", "1e2.0.0.1", "+1.2.3.4"])("rejects %j", (s) => {
    expect(() => parseIPv4(s)).toThrow(`invalid IP address: ${s}`);
  });
  it.each([-1, 2 ** 32, 1.5, Number.NaN])("formatIPv4 rejects %d", (n) => {
    expect(() => formatIPv4(n)).toThrow(RangeError);
  });
});

describe("parseCIDR", () => {
  it.each<[string, string, number]>([
    ["10.244.0.0/16", "10.244.0.0", 16], ["10.244.1.5/24", "10.244.1.0", 24], ["0.0.0.0/0", "0.0.0.0", 0],
    ["192.168.1.1/32", "192.168.1.1", 32], ["255.255.255.255/1", "128.0.0.0", 1], ["10.96.0.0/12", "10.96.0.0", 12],
    ["10.100.3.4/12", "10.96.0.0", 12], ["10.0.0.0/08", "10.0.0.0", 8],
  ])("%s is the network %s/%d (host bits masked like net.ParseCIDR)", (s, base, prefix) => {
    const c = parseCIDR(s);
    expect(c).toEqual({ base: parseIPv4(base), prefix });
    expect(formatCIDR(c)).toBe(`${base}/${prefix}`);
  });
  it.each(["10.0.0.0/33", "10.0.0.0", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/+8", "10.0.0.0/8/8", "10.0.0/8", "010.0.0.0/8",
    "10.0.0.0/ 8", "/8", "", "::/0", "10.0.0.0/8a"])("rejects %j", (s) => {
    expect(() => parseCIDR(s)).toThrow(`invalid CIDR address: ${s}`);
  });
  it.each<[number, number]>([[0, 0], [1, 0x80000000], [8, 0xff000000], [24, 0xffffff00], [31, 0xfffffffe], [32, 0xffffffff]])(
    "prefixMask(%d) = %d", (prefix, mask) => {
      expect(prefixMask(prefix)).toBe(mask);
    });
});

describe("cidrContains / cidrSize", () => {
  it.each<[string, string, boolean]>([
    ["10.244.0.0/16", "10.244.255.255", true], ["10.244.0.0/16", "10.245.0.0", false], ["10.244.1.0/24", "10.244.1.0", true],
    ["10.244.1.0/24", "10.244.2.1", false], ["0.0.0.0/0", "255.255.255.255", true], ["192.168.1.1/32", "192.168.1.1", true],
    ["192.168.1.1/32", "192.168.1.2", false], ["128.0.0.0/1", "255.0.0.1", true], ["128.0.0.0/1", "127.255.255.255", false],
  ])("%s contains %s: %s", (cidr, ip, want) => {
    expect(cidrContains(cidr, ip)).toBe(want);
    expect(cidrContains(parseCIDR(cidr), parseIPv4(ip))).toBe(want);
  });
  it.each<[string, number]>([["10.244.0.0/16", 65536], ["10.244.1.0/24", 256], ["1.2.3.4/32", 1], ["0.0.0.0/0", 2 ** 32], ["10.0.0.0/31", 2]])(
    "%s has %d addresses", (cidr, size) => {
      expect(cidrSize(cidr)).toBe(size);
    });
});

describe("cidrsOverlap", () => {
  it.each<[string, string, boolean]>([
    ["10.244.0.0/16", "10.244.3.0/24", true], ["10.244.3.0/24", "10.244.0.0/16", true], ["10.244.0.0/16", "10.96.0.0/12", false],
    ["10.96.0.0/12", "10.100.0.0/16", true], ["10.0.0.0/8", "11.0.0.0/8", false], ["0.0.0.0/0", "192.168.0.0/16", true],
    ["10.0.0.0/24", "10.0.1.0/24", false], ["10.0.0.0/23", "10.0.1.0/24", true], ["1.2.3.4/32", "1.2.3.4/32", true],
  ])("%s and %s overlap: %s", (a, b, want) => {
    expect(cidrsOverlap(a, b)).toBe(want);
  });
});

describe("nthAddress", () => {
  it.each<[string, number, string]>([
    ["10.96.0.0/12", 1, "10.96.0.1"], ["10.96.0.0/12", 10, "10.96.0.10"], ["10.244.1.0/24", 0, "10.244.1.0"],
    ["10.244.1.0/24", 255, "10.244.1.255"], ["10.244.0.0/16", 256, "10.244.1.0"], ["255.255.255.0/24", 255, "255.255.255.255"],
  ])("%s index %d is %s", (cidr, n, ip) => {
    expect(nthAddress(cidr, n)).toBe(ip);
  });
  it.each<[string, number]>([["10.244.1.0/24", 256], ["10.244.1.0/24", -1], ["1.2.3.4/32", 1], ["10.0.0.0/8", 1.5]])(
    "%s has no index %d", (cidr, n) => {
      expect(() => nthAddress(cidr, n)).toThrow(`can't generate IP with index ${n} from subnet. subnet too small. subnet: "${formatCIDR(parseCIDR(cidr))}"`);
    });
});

describe("splitCIDR (node IPAM)", () => {
  it.each<[string, number, number, string]>([
    ["10.244.0.0/16", 24, 0, "10.244.0.0/24"], ["10.244.0.0/16", 24, 1, "10.244.1.0/24"], ["10.244.0.0/16", 24, 255, "10.244.255.0/24"],
    ["10.244.0.0/16", 16, 0, "10.244.0.0/16"], ["10.244.0.0/16", 26, 5, "10.244.1.64/26"], ["0.0.0.0/0", 1, 1, "128.0.0.0/1"],
    ["255.255.255.0/24", 32, 255, "255.255.255.255/32"], ["10.244.7.9/16", 24, 3, "10.244.3.0/24"],
  ])("%s split into /%d: subnet %d is %s", (cidr, prefix, index, want) => {
    expect(splitCIDR(cidr, prefix, index)).toBe(want);
  });
  it.each<[string, number, number, string]>([
    ["10.244.0.0/16", 24, 256, "10.244.0.0/16 has 256 /24 subnets; index 256 is out of range"],
    ["10.244.0.0/16", 24, -1, "index -1 is out of range"],
    ["10.244.0.0/16", 8, 0, "cannot split 10.244.0.0/16 into /8 subnets"],
    ["10.244.0.0/16", 33, 0, "cannot split 10.244.0.0/16 into /33 subnets"],
  ])("%s split into /%d rejects index %d", (cidr, prefix, index, message) => {
    expect(() => splitCIDR(cidr, prefix, index)).toThrow(message);
  });
});
