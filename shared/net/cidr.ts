/**
 * IPv4 addresses and CIDR blocks for the networking model (pod CIDRs, Service CIDR, node IPAM).
 * Addresses are unsigned 32-bit integers held in JS numbers; every result is brought back into
 * [0, 2^32) with `>>> 0` so that 255.255.255.255 never turns negative.
 *
 * Parsing follows Go's net.ParseCIDR, which Kubernetes uses: dotted decimal only, no leading
 * zeros in octets (Go rejects "010.0.0.1" since 1.17), host bits allowed ("10.244.1.5/24" is
 * the network 10.244.1.0/24). IPv6 is out of scope: no level needs it.
 */

export interface CIDR { base: number; prefix: number }

const OCTET = /^(0|[1-9][0-9]{0,2})$/;

/** "10.0.0.1" ⇒ 167772161. Throws `invalid IP address: <s>` (net.ParseError wording). */
export function parseIPv4(s: string): number {
  const parts = s.split(".");
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p) && Number(p) <= 255)) {
    throw new Error(s.includes(":") ? `invalid IP address: ${s} (IPv6 is not supported)` : `invalid IP address: ${s}`);
  }
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

/** 167772161 ⇒ "10.0.0.1". */
export function formatIPv4(ip: number): string {
  if (!Number.isInteger(ip) || ip < 0 || ip > 0xffffffff) throw new RangeError(`not an IPv4 address: ${ip}`);
  return [ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255].join(".");
}

/** The netmask of a prefix length as a uint32: 24 ⇒ 0xffffff00. */
export function prefixMask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** "10.244.1.5/24" ⇒ { base: 10.244.1.0, prefix: 24 }. Throws `invalid CIDR address: <s>`. */
export function parseCIDR(s: string): CIDR {
  const slash = s.indexOf("/");
  const fail = (): never => { throw new Error(`invalid CIDR address: ${s}`); };
  if (slash < 0) fail();
  const bits = s.slice(slash + 1);
  // Go's dtoi: decimal digits only, leading zeros tolerated in the prefix length.
  if (!/^[0-9]+$/.test(bits) || Number(bits) > 32) fail();
  let ip = 0;
  try { ip = parseIPv4(s.slice(0, slash)); } catch { fail(); }
  const prefix = Number(bits);
  return { base: (ip & prefixMask(prefix)) >>> 0, prefix };
}

/** The canonical spelling: { base: 10.244.1.0, prefix: 24 } ⇒ "10.244.1.0/24". */
export function formatCIDR(cidr: CIDR): string {
  return `${formatIPv4(cidr.base)}/${cidr.prefix}`;
}

const asCIDR = (c: string | CIDR): CIDR => (typeof c === "string" ? parseCIDR(c) : c);
const asIP = (ip: string | number): number => (typeof ip === "string" ? parseIPv4(ip) : ip);

/** Number of addresses in the block, network and broadcast included: /24 ⇒ 256, /0 ⇒ 2^32. */
export function cidrSize(cidr: string | CIDR): number {
  return 2 ** (32 - asCIDR(cidr).prefix);
}

/** Whether the address lies in the block. */
export function cidrContains(cidr: string | CIDR, ip: string | number): boolean {
  const { base, prefix } = asCIDR(cidr);
  return ((asIP(ip) & prefixMask(prefix)) >>> 0) === base;
}

/** Two blocks overlap exactly when one contains the other's network address. */
export function cidrsOverlap(a: string | CIDR, b: string | CIDR): boolean {
  const x = asCIDR(a);
  const y = asCIDR(b);
  return cidrContains(x, y.base) || cidrContains(y, x.base);
}

/**
 * The n-th address of the block (0 is the network address), as Kubernetes' GetIndexedIP picks
 * the Service CIDR's first IP for the `kubernetes` Service and 10th for DNS.
 */
export function nthAddress(cidr: string | CIDR, n: number): string {
  const c = asCIDR(cidr);
  if (!Number.isInteger(n) || n < 0 || n >= cidrSize(c)) {
    throw new RangeError(`can't generate IP with index ${n} from subnet. subnet too small. subnet: "${formatCIDR(c)}"`);
  }
  return formatIPv4(c.base + n);
}

/**
 * The index-th subnet of size /newPrefix inside the block, in address order: node IPAM hands
 * node i the i-th /24 of the cluster CIDR (10.244.0.0/16, 2 ⇒ "10.244.2.0/24").
 */
export function splitCIDR(cidr: string | CIDR, newPrefix: number, index: number): string {
  const c = asCIDR(cidr);
  if (!Number.isInteger(newPrefix) || newPrefix < c.prefix || newPrefix > 32) {
    throw new RangeError(`cannot split ${formatCIDR(c)} into /${newPrefix} subnets: the new prefix must be between ${c.prefix} and 32`);
  }
  const count = 2 ** (newPrefix - c.prefix);
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new RangeError(`${formatCIDR(c)} has ${count} /${newPrefix} subnets; index ${index} is out of range`);
  }
  return formatCIDR({ base: c.base + index * 2 ** (32 - newPrefix), prefix: newPrefix });
}
