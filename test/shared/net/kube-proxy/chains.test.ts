import { describe, expect, it } from "vitest";
import { base32, sha256, toHex } from "../../../../shared/net/sha256.ts";
import { iptablesProbability, servicePortChainName, servicePortEndpointChainName } from "../../../../shared/net/kube-proxy/chains.ts";

describe("sha256 and base32 (what kube-proxy hashes chain names with)", () => {
  it.each([
    ["", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
    ["abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"],
  ])("sha256(%j)", (input, hex) => expect(toHex(sha256(input))).toBe(hex));

  it.each([["f", "MY======"], ["fo", "MZXQ===="], ["foobar", "MZXW6YTBOI======"]])("base32(%j) = %s (RFC 4648)", (s, out) => {
    expect(base32(new Uint8Array([...s].map((c) => c.charCodeAt(0))))).toBe(out);
  });
});

describe("chain names match a real node's", () => {
  it.each([
    ["kube-system/kube-dns:dns", "udp", "KUBE-SVC-TCOU7JCQXEZGVUNU"],
    ["kube-system/kube-dns:dns-tcp", "tcp", "KUBE-SVC-ERIFXISQEP7F7OF4"],
    ["default/kubernetes:https", "tcp", "KUBE-SVC-NPX46M4PTMTKRN6Y"],
  ])("%s/%s ⇒ %s", (spn, proto, chain) => expect(servicePortChainName(spn, proto)).toBe(chain));

  it("endpoint chains depend on the endpoint", () => {
    const a = servicePortEndpointChainName("default/web", "tcp", "10.244.1.2:80");
    expect(a).toMatch(/^KUBE-SEP-[A-Z2-7]{16}$/);
    expect(servicePortEndpointChainName("default/web", "tcp", "10.244.1.3:80")).not.toBe(a);
  });
});

describe("statistic probabilities as iptables-save prints them", () => {
  it.each([[2, "0.50000000000"], [3, "0.33333333349"], [4, "0.25000000000"], [5, "0.20000000019"]])("1/%i ⇒ %s", (n, p) => expect(iptablesProbability(n)).toBe(p));
});
