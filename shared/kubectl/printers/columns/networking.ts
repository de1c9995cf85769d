import type { Ingress } from "../../../k8s/schema/networking.ts";
import { translateTimestampSince } from "../../../k8s/printers/timestamp.ts";
import { formatLabelSelector } from "./helpers.ts";
import { col, type ColumnSet } from "./types.ts";

/** formatHosts: up to three rule hosts, `*` when none. */
export function formatHosts(rules: NonNullable<Ingress["spec"]>["rules"]): string {
  const list: string[] = [];
  let more = false;
  for (const rule of rules ?? []) {
    if (list.length === 3) more = true;
    if (!more && rule.host) list.push(rule.host);
  }
  if (list.length === 0) return "*";
  return more ? `${list.join(",")} + ${(rules ?? []).length - 3} more...` : list.join(",");
}

/** ingressLoadBalancerStatusStringer (wide): IPs or hostnames, de-duplicated and sorted. */
export function ingressAddress(ing: Ingress): string {
  const set = new Set<string>();
  for (const i of ing.status?.loadBalancer?.ingress ?? []) {
    const v = i.ip || i.hostname;
    if (v) set.add(v);
  }
  return [...set].sort().join(",");
}

export const ingressColumns: ColumnSet<"Ingress"> = {
  columns: [col("Name"), col("Class"), col("Hosts"), col("Address"), col("Ports"), col("Age")],
  nameColumn: 0,
  row(ing, { nowMs }) {
    return [
      ing.metadata.name,
      ing.spec?.ingressClassName ?? "<none>",
      formatHosts(ing.spec?.rules),
      ingressAddress(ing),
      (ing.spec?.tls ?? []).length > 0 ? "80, 443" : "80",
      translateTimestampSince(ing.metadata.creationTimestamp, nowMs),
    ];
  },
};

export const networkPolicyColumns: ColumnSet<"NetworkPolicy"> = {
  columns: [col("Name"), col("Pod-Selector"), col("Age")],
  nameColumn: 0,
  row(np, { nowMs }) {
    return [np.metadata.name, formatLabelSelector(np.spec.podSelector), translateTimestampSince(np.metadata.creationTimestamp, nowMs)];
  },
};
