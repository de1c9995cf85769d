import type { Stored } from "../../../k8s/kinds.ts";
import type { Node } from "../../../k8s/schema/node.ts";
import type { Pod } from "../../../k8s/schema/pod.ts";
import type { EndpointSlice, Service, ServicePort } from "../../../k8s/schema/service.ts";

/** discovery.LabelServiceName / LabelManagedBy and the controller's name (endpointslice_controller.go). */
export const LABEL_SERVICE_NAME = "kubernetes.io/service-name";
export const LABEL_MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
export const CONTROLLER_NAME = "endpointslice-controller.k8s.io";
/** v1.IsHeadlessService: on the slices of Services without a cluster IP. */
export const LABEL_HEADLESS = "service.kubernetes.io/headless";
export const LABEL_TOPOLOGY_ZONE = "topology.kubernetes.io/zone";
/** kube-controller-manager --max-endpoints-per-slice default. */
export const MAX_ENDPOINTS_PER_SLICE = 100;

export type Endpoint = NonNullable<EndpointSlice["endpoints"]>[number];
export type EndpointPort = NonNullable<EndpointSlice["ports"]>[number];

/**
 * The selector the controller acts on, or undefined for "no endpoints from this controller":
 * ExternalName Services and Services without a selector. Simplification: `selector: {}` counts
 * as no selector — after a round trip through etcd's protobuf an empty map decodes as nil.
 */
export function managedSelector(svc: Service): Record<string, string> | undefined {
  if (svc.spec.type === "ExternalName") return undefined;
  const sel = svc.spec.selector;
  return sel && Object.keys(sel).length > 0 ? sel : undefined;
}

export function isPodReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
}

/** The pod's IPv4 addresses (status.podIPs, or podIP, which the API server mirrors into podIPs). */
export function podIPv4s(pod: Pod): string[] {
  const ips = pod.status?.podIPs?.length ? pod.status.podIPs.map((p) => p.ip) : pod.status?.podIP ? [pod.status.podIP] : [];
  return ips.filter((ip) => !ip.includes(":"));
}

/** ShouldPodBeInEndpoints(pod, includeTerminating=true): not Succeeded/Failed, and has an IP. */
export function shouldPodBeInEndpoints(pod: Pod): boolean {
  const phase = pod.status?.phase;
  if (phase === "Succeeded" || phase === "Failed") return false;
  return Boolean(pod.status?.podIP || pod.status?.podIPs?.length);
}

/**
 * FindPort: a numeric targetPort is used as is; a named one is looked up among the container
 * ports (then sidecar init containers' ports) with the same name and protocol. Undefined when
 * the name resolves nowhere in this pod.
 */
export function findPort(pod: Pod, port: ServicePort): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === "number") return target;
  const protocol = port.protocol ?? "TCP";
  const containers = [...pod.spec.containers, ...(pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === "Always")];
  for (const c of containers) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? "TCP") === protocol) return p.containerPort;
  }
  return undefined;
}

/**
 * getEndpointPorts: one entry per Service port whose target resolves in this pod; ports that
 * do not resolve are left out, so such a pod lands in a slice with fewer ports.
 * Simplification: entries keep the Service's port order (the real controller sorts them by a
 * hash of their contents, which is stable but arbitrary).
 */
export function endpointPorts(svc: Service, pod: Pod): EndpointPort[] {
  const out: EndpointPort[] = [];
  for (const sp of svc.spec.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    out.push({ name: sp.name ?? "", port, protocol: sp.protocol ?? "TCP", ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
  }
  return out;
}

/** NewPortMapKey: endpoints are grouped into slices by their exact set of ports. */
export function portMapKey(ports: readonly EndpointPort[] | null | undefined): string {
  return (ports ?? [])
    .map((p) => `${p.name ?? ""}/${p.protocol ?? ""}/${p.port ?? ""}/${p.appProtocol ?? ""}`)
    .sort()
    .join(",");
}

/**
 * podToEndpoint. serving = pod Ready; terminating = deletionTimestamp set; ready = serving and
 * not terminating, or always with publishNotReadyAddresses.
 */
export function podToEndpoint(pod: Stored<Pod>, node: Node | undefined, svc: Service): Endpoint {
  const serving = isPodReady(pod);
  const terminating = pod.metadata.deletionTimestamp !== undefined;
  const ready = svc.spec.publishNotReadyAddresses === true || (serving && !terminating);
  const zone = node?.metadata.labels?.[LABEL_TOPOLOGY_ZONE];
  const setHostname = Boolean(pod.spec.hostname) && pod.spec.subdomain === svc.metadata.name && pod.metadata.namespace === svc.metadata.namespace;
  return {
    addresses: podIPv4s(pod),
    conditions: { ready, serving, terminating },
    ...(setHostname ? { hostname: pod.spec.hostname } : {}),
    targetRef: { kind: "Pod", namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
    ...(pod.spec.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    ...(zone ? { zone } : {}),
  };
}

/** hashEndpoint: identity of an endpoint is its addresses, hostname and target pod. */
export function endpointKey(ep: Endpoint): string {
  return `${ep.targetRef?.namespace ?? ""}/${ep.targetRef?.name ?? ""}|${[...ep.addresses].sort().join(",")}|${ep.hostname ?? ""}`;
}

/** The pod key (`ns/name`) an endpoint points at, if any. */
export function endpointPodKey(ep: Endpoint): string | undefined {
  return ep.targetRef?.kind === "Pod" ? `${ep.targetRef.namespace ?? ""}/${ep.targetRef.name}` : undefined;
}

/** EndpointsEqualBeyondHash: what may change in place (conditions, node, zone, target uid). */
export function endpointsEqualBeyondHash(a: Endpoint, b: Endpoint): boolean {
  const ca = a.conditions ?? {};
  const cb = b.conditions ?? {};
  const ra = a.targetRef;
  const rb = b.targetRef;
  return (
    a.nodeName === b.nodeName &&
    a.zone === b.zone &&
    ca.ready === cb.ready &&
    ca.serving === cb.serving &&
    ca.terminating === cb.terminating &&
    ra?.kind === rb?.kind &&
    ra?.namespace === rb?.namespace &&
    ra?.name === rb?.name &&
    ra?.uid === rb?.uid
  );
}
