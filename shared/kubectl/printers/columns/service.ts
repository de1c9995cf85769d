import type { Service } from "../../../k8s/schema/service.ts";
import { translateTimestampSince } from "../../../k8s/printers/timestamp.ts";
import { formatLabels } from "./helpers.ts";
import { col, type ColumnSet } from "./types.ts";

const LOAD_BALANCER_WIDTH = 16;

/**
 * loadBalancerStatusStringer: ingress IPs (else hostnames), de-duplicated, joined by ",";
 * clipped to 16 characters outside `-o wide`.
 * Simplification: Go joins a set's unsorted list; we keep first-seen order, which is the same for one ingress.
 */
function loadBalancerStatus(svc: Service, wide: boolean): string {
  const seen: string[] = [];
  for (const ing of svc.status?.loadBalancer?.ingress ?? []) {
    const v = ing.ip || ing.hostname || "";
    if (v && !seen.includes(v)) seen.push(v);
  }
  const r = seen.join(",");
  return !wide && r.length > LOAD_BALANCER_WIDTH ? r.slice(0, LOAD_BALANCER_WIDTH - 3) + "..." : r;
}

/** getServiceExternalIP; kubectl get calls it with wide = true. */
export function serviceExternalIP(svc: Service, wide = true): string {
  const externalIPs = svc.spec.externalIPs ?? [];
  switch (svc.spec.type ?? "ClusterIP") {
    case "ClusterIP":
    case "NodePort":
      return externalIPs.length > 0 ? externalIPs.join(",") : "<none>";
    case "LoadBalancer": {
      const lb = loadBalancerStatus(svc, wide);
      if (externalIPs.length > 0) return [...(lb ? lb.split(",") : []), ...externalIPs].join(",");
      return lb || "<pending>";
    }
    case "ExternalName":
      return svc.spec.externalName ?? "";
  }
}

/** makePortString: `80/TCP`, `80:30080/TCP`, joined by ",". */
export function servicePorts(svc: Service): string {
  return (svc.spec.ports ?? [])
    .map((p) => {
      const proto = p.protocol ?? "TCP";
      return p.nodePort ? `${p.port}:${p.nodePort}/${proto}` : `${p.port}/${proto}`;
    })
    .join(",");
}

export const serviceColumns: ColumnSet<"Service"> = {
  columns: [col("Name"), col("Type"), col("Cluster-IP"), col("External-IP"), col("Port(s)"), col("Age"), col("Selector", true)],
  nameColumn: 0,
  row(svc, { nowMs }) {
    const clusterIPs = svc.spec.clusterIPs ?? (svc.spec.clusterIP ? [svc.spec.clusterIP] : []);
    return [
      svc.metadata.name,
      svc.spec.type ?? "ClusterIP",
      clusterIPs[0] || "<none>",
      serviceExternalIP(svc, true),
      servicePorts(svc) || "<none>",
      translateTimestampSince(svc.metadata.creationTimestamp, nowMs),
      formatLabels(svc.spec.selector),
    ];
  },
};
