/**
 * `iptables-save` of a node's kube-proxy rules (iptables mode, pkg/proxy/iptables/proxier.go),
 * printed as iptables-save normalises them: built-in chains, then user chains sorted by name,
 * each chain's rules in the order kube-proxy wrote them, matches in iptables' canonical order.
 * The nat table does the DNAT; the filter table holds the REJECT/DROP of Services without
 * (local) endpoints.
 */
import { iptablesProbability, serviceExternalChainName, servicePortChainName, servicePortEndpointChainName, servicePortPolicyLocalChainName } from "./chains.ts";
import { usableEndpoints, type ProxyEndpoint, type ServicePortEntry, type ServiceTable } from "./service-table.ts";

export interface IptablesSaveOptions {
  nodeName: string;
  clusterCIDR: string;
  nowMs: number;
  table: "nat" | "filter";
}

type Rules = Map<string, string[]>;

function add(rules: Rules, chain: string, rule: string): void {
  if (!rules.has(chain)) rules.set(chain, []);
  rules.get(chain)!.push(`-A ${chain} ${rule}`);
}

const q = (s: string) => `"${s}"`;

function endpointRules(rules: Rules, chain: string, e: ServicePortEntry, eps: ProxyEndpoint[]): void {
  const sep = (ep: ProxyEndpoint) => servicePortEndpointChainName(e.servicePortName, e.protocol, `${ep.ip}:${ep.port}`);
  if (e.affinitySeconds !== undefined) {
    for (const ep of eps) {
      add(rules, chain, `-m comment --comment ${q(`${e.servicePortName} -> ${ep.ip}:${ep.port}`)} -m recent --rcheck --seconds ${e.affinitySeconds} --reap --name ${sep(ep)} --mask 255.255.255.255 --rsource -j ${sep(ep)}`);
    }
  }
  eps.forEach((ep, i) => {
    const stat = i < eps.length - 1 ? ` -m statistic --mode random --probability ${iptablesProbability(eps.length - i)}` : "";
    add(rules, chain, `-m comment --comment ${q(`${e.servicePortName} -> ${ep.ip}:${ep.port}`)}${stat} -j ${sep(ep)}`);
  });
}

function sepRules(rules: Rules, e: ServicePortEntry, eps: ProxyEndpoint[]): void {
  for (const ep of eps) {
    const chain = servicePortEndpointChainName(e.servicePortName, e.protocol, `${ep.ip}:${ep.port}`);
    if (rules.has(chain)) continue;
    add(rules, chain, `-s ${ep.ip}/32 -m comment --comment ${q(e.servicePortName)} -j KUBE-MARK-MASQ`);
    const recent = e.affinitySeconds !== undefined ? ` -m recent --set --name ${chain} --mask 255.255.255.255 --rsource` : "";
    add(rules, chain, `-p ${e.protocol} -m comment --comment ${q(e.servicePortName)}${recent} -m ${e.protocol} -j DNAT --to-destination ${ep.ip}:${ep.port}`);
  }
}

function natRules(table: ServiceTable, o: IptablesSaveOptions): Rules {
  const rules: Rules = new Map();
  for (const c of ["KUBE-MARK-MASQ", "KUBE-NODEPORTS", "KUBE-POSTROUTING", "KUBE-PROXY-CANARY", "KUBE-SERVICES"]) rules.set(c, []);
  add(rules, "PREROUTING", `-m comment --comment ${q("kubernetes service portals")} -j KUBE-SERVICES`);
  add(rules, "OUTPUT", `-m comment --comment ${q("kubernetes service portals")} -j KUBE-SERVICES`);
  add(rules, "POSTROUTING", `-m comment --comment ${q("kubernetes postrouting rules")} -j KUBE-POSTROUTING`);
  add(rules, "KUBE-MARK-MASQ", "-j MARK --set-xmark 0x4000/0x4000");
  add(rules, "KUBE-POSTROUTING", "-m mark ! --mark 0x4000/0x4000 -j RETURN");
  add(rules, "KUBE-POSTROUTING", "-j MARK --set-xmark 0x4000/0x0");
  add(rules, "KUBE-POSTROUTING", `-m comment --comment ${q("kubernetes service traffic requiring SNAT")} -j MASQUERADE --random-fully`);
  for (const key of Object.keys(table).sort()) {
    for (const e of table[key]) {
      const p = e.protocol;
      const svc = servicePortChainName(e.servicePortName, p);
      const svl = servicePortPolicyLocalChainName(e.servicePortName, p);
      const ext = serviceExternalChainName(e.servicePortName, p);
      const cluster = usableEndpoints(e, false, o.nodeName);
      const local = usableEndpoints(e, true, o.nodeName);
      const internal = e.internalPolicyLocal ? local : cluster;
      const externalEps = e.externalPolicyLocal ? local : cluster;
      const hasExternal = e.nodePort !== undefined || e.loadBalancerIPs.length > 0 || e.externalIPs.length > 0;
      if (internal.length > 0) {
        add(rules, "KUBE-SERVICES", `-d ${e.clusterIP}/32 -p ${p} -m comment --comment ${q(`${e.servicePortName} cluster IP`)} -m ${p} --dport ${e.port} -j ${e.internalPolicyLocal ? svl : svc}`);
      }
      if (hasExternal && externalEps.length > 0) {
        for (const ip of e.externalIPs) add(rules, "KUBE-SERVICES", `-d ${ip}/32 -p ${p} -m comment --comment ${q(`${e.servicePortName} external IP`)} -m ${p} --dport ${e.port} -j ${ext}`);
        for (const ip of e.loadBalancerIPs) add(rules, "KUBE-SERVICES", `-d ${ip}/32 -p ${p} -m comment --comment ${q(`${e.servicePortName} loadbalancer IP`)} -m ${p} --dport ${e.port} -j ${ext}`);
        if (e.nodePort !== undefined) add(rules, "KUBE-NODEPORTS", `-p ${p} -m comment --comment ${q(e.servicePortName)} -m ${p} --dport ${e.nodePort} -j ${ext}`);
        if (e.externalPolicyLocal) {
          add(rules, ext, `-s ${o.clusterCIDR} -m comment --comment ${q(`pod traffic for ${e.servicePortName} external destinations`)} -j ${svc}`);
          add(rules, ext, `-m comment --comment ${q(`masquerade LOCAL traffic for ${e.servicePortName} external destinations`)} -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ`);
          add(rules, ext, `-m comment --comment ${q(`route LOCAL traffic for ${e.servicePortName} external destinations`)} -m addrtype --src-type LOCAL -j ${svc}`);
          add(rules, ext, `-j ${svl}`);
        } else {
          add(rules, ext, `-m comment --comment ${q(`masquerade traffic for ${e.servicePortName} external destinations`)} -j KUBE-MARK-MASQ`);
          add(rules, ext, `-j ${svc}`);
        }
      }
      if (cluster.length > 0 && (!e.internalPolicyLocal || hasExternal)) {
        add(rules, svc, `! -s ${o.clusterCIDR} -d ${e.clusterIP}/32 -p ${p} -m comment --comment ${q(`${e.servicePortName} cluster IP`)} -m ${p} --dport ${e.port} -j KUBE-MARK-MASQ`);
        endpointRules(rules, svc, e, cluster);
        sepRules(rules, e, cluster);
      }
      if ((e.internalPolicyLocal || e.externalPolicyLocal) && local.length > 0) {
        endpointRules(rules, svl, e, local);
        sepRules(rules, e, local);
      }
    }
  }
  add(rules, "KUBE-SERVICES", `-m comment --comment ${q("kubernetes service nodeports; NOTE: this must be the last rule in this chain")} -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS`);
  return rules;
}

function filterRules(table: ServiceTable, o: IptablesSaveOptions): Rules {
  const rules: Rules = new Map();
  for (const c of ["KUBE-EXTERNAL-SERVICES", "KUBE-FIREWALL", "KUBE-FORWARD", "KUBE-NODEPORTS", "KUBE-PROXY-CANARY", "KUBE-PROXY-FIREWALL", "KUBE-SERVICES"]) rules.set(c, []);
  add(rules, "INPUT", `-m conntrack --ctstate NEW -m comment --comment ${q("kubernetes load balancer firewall")} -j KUBE-PROXY-FIREWALL`);
  add(rules, "INPUT", `-m comment --comment ${q("kubernetes health check service ports")} -j KUBE-NODEPORTS`);
  add(rules, "INPUT", `-m conntrack --ctstate NEW -m comment --comment ${q("kubernetes externally-visible service portals")} -j KUBE-EXTERNAL-SERVICES`);
  add(rules, "FORWARD", `-m conntrack --ctstate NEW -m comment --comment ${q("kubernetes load balancer firewall")} -j KUBE-PROXY-FIREWALL`);
  add(rules, "FORWARD", `-m comment --comment ${q("kubernetes forwarding rules")} -j KUBE-FORWARD`);
  add(rules, "FORWARD", `-m conntrack --ctstate NEW -m comment --comment ${q("kubernetes service portals")} -j KUBE-SERVICES`);
  add(rules, "FORWARD", `-m conntrack --ctstate NEW -m comment --comment ${q("kubernetes externally-visible service portals")} -j KUBE-EXTERNAL-SERVICES`);
  add(rules, "OUTPUT", `-m conntrack --ctstate NEW -m comment --comment ${q("kubernetes load balancer firewall")} -j KUBE-PROXY-FIREWALL`);
  add(rules, "OUTPUT", `-m conntrack --ctstate NEW -m comment --comment ${q("kubernetes service portals")} -j KUBE-SERVICES`);
  for (const key of Object.keys(table).sort()) {
    for (const e of table[key]) {
      const p = e.protocol;
      const cluster = usableEndpoints(e, false, o.nodeName);
      const local = usableEndpoints(e, true, o.nodeName);
      if ((e.internalPolicyLocal ? local : cluster).length === 0) {
        add(rules, "KUBE-SERVICES", `-d ${e.clusterIP}/32 -p ${p} -m comment --comment ${q(`${e.servicePortName} has no endpoints`)} -m ${p} --dport ${e.port} -j REJECT --reject-with icmp-port-unreachable`);
      }
      if (e.nodePort === undefined) continue;
      if (cluster.length === 0) {
        add(rules, "KUBE-EXTERNAL-SERVICES", `-p ${p} -m comment --comment ${q(`${e.servicePortName} has no endpoints`)} -m addrtype --dst-type LOCAL -m ${p} --dport ${e.nodePort} -j REJECT --reject-with icmp-port-unreachable`);
      } else if (e.externalPolicyLocal && local.length === 0) {
        add(rules, "KUBE-EXTERNAL-SERVICES", `-p ${p} -m comment --comment ${q(`${e.servicePortName} has no local endpoints`)} -m addrtype --dst-type LOCAL -m ${p} --dport ${e.nodePort} -j DROP`);
      }
    }
  }
  add(rules, "KUBE-FIREWALL", `! -s 127.0.0.0/8 -d 127.0.0.0/8 -m comment --comment ${q("block incoming localnet connections")} -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP`);
  add(rules, "KUBE-FORWARD", `-m conntrack --ctstate INVALID -j DROP`);
  add(rules, "KUBE-FORWARD", `-m comment --comment ${q("kubernetes forwarding rules")} -m mark --mark 0x4000/0x4000 -j ACCEPT`);
  add(rules, "KUBE-FORWARD", `-m comment --comment ${q("kubernetes forwarding conntrack rule")} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`);
  return rules;
}

const BUILTIN = { nat: ["PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"], filter: ["INPUT", "FORWARD", "OUTPUT"] } as const;

/** The text of `iptables-save -t <table>`; `table` undefined means kube-proxy never ran on the node. */
export function renderIptablesSave(table: ServiceTable | undefined, o: IptablesSaveOptions): string {
  const rules = table ? (o.table === "nat" ? natRules(table, o) : filterRules(table, o)) : new Map<string, string[]>();
  const builtins: readonly string[] = BUILTIN[o.table];
  const user = [...rules.keys()].filter((c) => !builtins.includes(c)).sort();
  const stamp = ctime(o.nowMs);
  const lines = [`# Generated by iptables-save v1.8.7 on ${stamp}`, `*${o.table}`];
  for (const c of builtins) lines.push(`:${c} ACCEPT [0:0]`);
  for (const c of user) lines.push(`:${c} - [0:0]`);
  for (const c of [...builtins, ...user]) lines.push(...(rules.get(c) ?? []));
  lines.push("COMMIT", `# Completed on ${stamp}`);
  return lines.join("\n") + "\n";
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** C's ctime() in UTC: `Wed Jan  1 09:00:00 2025`. */
export function ctime(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  let rem = ms - days * 86_400_000;
  const hh = Math.floor(rem / 3_600_000);
  rem -= hh * 3_600_000;
  const mm = Math.floor(rem / 60_000);
  const ss = Math.floor((rem - mm * 60_000) / 1000);
  // civil-from-days (Howard Hinnant's algorithm): no Date in shared/.
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[(((days + 4) % 7) + 7) % 7]} ${MONTHS[m - 1]} ${String(d).padStart(2, " ")} ${pad(hh)}:${pad(mm)}:${pad(ss)} ${y}`;
}
