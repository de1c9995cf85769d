import { describe, expect, it } from "vitest";
import { encapOverhead, podMTU } from "../../../shared/net/underlay.ts";
import { parseGoJSON } from "../../../shared/net/go-json.ts";
import { parseFlannelConfig } from "../../../shared/net/flannel-config.ts";
import type { BackendConfig } from "../../../shared/net/state.ts";

describe("encapsulation overhead", () => {
  it.each<[BackendConfig, boolean, number]>([
    [{ type: "vxlan", vni: 1 }, true, 50],
    [{ type: "ipip" }, true, 20],
    [{ type: "ipip", crossSubnet: true }, false, 0],
    [{ type: "ipip", crossSubnet: true }, true, 20],
    [{ type: "host-gw" }, false, 0],
    [{ type: "bgp" }, false, 0],
  ])("%j across subnets=%s ⇒ %i bytes", (b, cross, n) => expect(encapOverhead(b, cross)).toBe(n));

  it.each<[number | undefined, BackendConfig, number, number]>([
    [undefined, { type: "vxlan" }, 1500, 1450],
    [undefined, { type: "ipip" }, 1500, 1480],
    [undefined, { type: "host-gw" }, 1500, 1500],
    [undefined, { type: "vxlan" }, 9001, 8951],
    [1500, { type: "vxlan" }, 1500, 1500],
  ])("pod MTU: explicit %s, %j on a %i-byte NIC ⇒ %i", (explicit, b, nic, mtu) => expect(podMTU(explicit, b, nic)).toBe(mtu));
});

describe("JSON syntax errors read as Go's encoding/json", () => {
  it.each([
    ['{"Network": "10.244.0.0/16",}', "invalid character '}' looking for beginning of object key string"],
    ['{"Network" "10.244.0.0/16"}', "invalid character '\"' after object key"],
    ['{"Network": "10.244.0.0/16" "Backend": {}}', "invalid character '\"' after object key:value pair"],
    ['{"Network": 10.244.0.0/16}', "invalid character '.' after object key:value pair"],
    ['{"Network": "10.244.0.0/16"', "unexpected end of JSON input"],
    ["{'Network': 1}", "invalid character '\\'' looking for beginning of object key string"],
    ['{"a": tru}', "invalid character '}' in literal true (expecting 'e')"],
    ["[1, 2,]", "invalid character ']' looking for beginning of value"],
  ])("%s", (text, error) => expect(parseGoJSON(text)).toEqual({ ok: false, error }));

  it("accepts valid JSON", () => expect(parseGoJSON('{"a": [1, true, null, "x"]}').ok).toBe(true));
});

describe("flannel net-conf.json as flanneld reads it", () => {
  it("defaults VNI 1 and port 8472 for vxlan", () => {
    expect(parseFlannelConfig('{"Network": "10.244.0.0/16", "Backend": {"Type": "vxlan"}}')).toEqual({
      ok: true, config: { plugin: "flannel", network: "10.244.0.0/16", backend: { type: "vxlan", vni: 1, port: 8472 } },
    });
  });
  it.each([
    ['{"Network": "10.244.0.0/16",}', "Failed to create SubnetManager: error parsing subnet config: invalid character '}' looking for beginning of object key string"],
    ['{"Backend": {"Type": "vxlan"}}', "Failed to create SubnetManager: error parsing subnet config: please define a correct Network parameter in the flannel config"],
    ['{"Network": "10.244.0.0/16", "Backend": {"Type": "wireguard-typo"}}', "Error fetching backend: unknown backend type: wireguard-typo"],
  ])("%s ⇒ crash log", (text, log) => expect(parseFlannelConfig(text)).toEqual({ ok: false, log }));
  it("reads a pinned pod MTU from cni-conf.json's delegate", () => {
    const cni = JSON.stringify({ plugins: [{ type: "flannel", delegate: { mtu: 1500 } }] });
    const r = parseFlannelConfig('{"Network": "10.244.0.0/16"}', cni);
    expect(r.ok && r.config.podMTU).toBe(1500);
  });
});
