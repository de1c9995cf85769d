/**
 * The CoreDNS addon as kubeadm installs it (cmd/kubeadm/app/phases/addons/dns/manifests.go):
 * the `coredns` ConfigMap (Corefile), the `coredns` Deployment (2 replicas, labels
 * `k8s-app: kube-dns`) and the `kube-dns` Service on the Service CIDR's 10th address.
 * Also the image profile of CoreDNS for the simulated registry.
 *
 * Simplification: no ServiceAccount/ClusterRole (RBAC is not simulated) and no
 * priorityClassName `system-cluster-critical` (PriorityClasses are not pre-created).
 */
import type { AppProfileInput } from "../../sim/apps/profile.ts";
import type { ClusterConfig } from "../../sim/state.ts";
import { clusterDNSIP, CLUSTER_DOMAIN, DNS_CONFIGMAP, DNS_DEPLOYMENT, DNS_LABEL, DNS_NAMESPACE, DNS_SERVICE } from "./cluster-dns.ts";

export const COREDNS_IMAGE = "registry.k8s.io/coredns/coredns:v1.11.1";

export const COREDNS_PROFILE: AppProfileInput = {
  sizeBytes: 16_000_000,
  startupMs: 400,
  ports: [53, 8080, 8181, 9153],
  http: { "/health": { status: 200, latencyMs: 1, body: "OK" }, "/ready": { status: 200, latencyMs: 1, body: "OK" } },
  memory: { startBytes: 15 * 1024 * 1024 },
  cpuMillis: 3,
  logs: {
    startup: [".:53", "[INFO] plugin/reload: Running configuration SHA512 = 591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5f046dd37f1cf888b953814040d180f52594972691cd6ff41be96639138a43908", "CoreDNS-1.11.1", "linux/amd64, go1.20.7, ae2bbc2"],
  },
};

export function corefile(domain = CLUSTER_DOMAIN): string {
  return `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes ${domain} in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30
    loop
    reload
    loadbalance
}
`;
}

export interface CoreDnsOptions {
  replicas?: number;
  image?: string;
}

/** The manifests, in apply order. */
export function coreDnsManifests(config: Pick<ClusterConfig, "serviceCIDR">, o: CoreDnsOptions = {}): object[] {
  const labels = { [DNS_LABEL.key]: DNS_LABEL.value };
  return [
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: DNS_CONFIGMAP, namespace: DNS_NAMESPACE }, data: { Corefile: corefile() } },
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: DNS_DEPLOYMENT, namespace: DNS_NAMESPACE, labels },
      spec: {
        replicas: o.replicas ?? 2,
        selector: { matchLabels: labels },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1 } },
        template: {
          metadata: { labels },
          spec: {
            dnsPolicy: "Default",
            tolerations: [
              { key: "CriticalAddonsOnly", operator: "Exists" },
              { key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" },
            ],
            containers: [
              {
                name: "coredns",
                image: o.image ?? COREDNS_IMAGE,
                imagePullPolicy: "IfNotPresent",
                args: ["-conf", "/etc/coredns/Corefile"],
                resources: { limits: { memory: "170Mi" }, requests: { cpu: "100m", memory: "70Mi" } },
                ports: [
                  { name: "dns", containerPort: 53, protocol: "UDP" },
                  { name: "dns-tcp", containerPort: 53, protocol: "TCP" },
                  { name: "metrics", containerPort: 9153, protocol: "TCP" },
                ],
                volumeMounts: [{ name: "config-volume", mountPath: "/etc/coredns", readOnly: true }],
                livenessProbe: { httpGet: { path: "/health", port: 8080, scheme: "HTTP" }, initialDelaySeconds: 60, timeoutSeconds: 5, successThreshold: 1, failureThreshold: 5 },
                readinessProbe: { httpGet: { path: "/ready", port: 8181, scheme: "HTTP" } },
              },
            ],
            volumes: [{ name: "config-volume", configMap: { name: DNS_CONFIGMAP, items: [{ key: "Corefile", path: "Corefile" }] } }],
          },
        },
      },
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: {
        name: DNS_SERVICE,
        namespace: DNS_NAMESPACE,
        labels: { ...labels, "kubernetes.io/cluster-service": "true", "kubernetes.io/name": "CoreDNS" },
        annotations: { "prometheus.io/port": "9153", "prometheus.io/scrape": "true" },
      },
      spec: {
        selector: labels,
        clusterIP: clusterDNSIP(config),
        ports: [
          { name: "dns", port: 53, protocol: "UDP", targetPort: 53 },
          { name: "dns-tcp", port: 53, protocol: "TCP", targetPort: 53 },
          { name: "metrics", port: 9153, protocol: "TCP", targetPort: 9153 },
        ],
      },
    },
  ];
}

/** Registry entries the addon needs (pass to createCluster's `images`). */
export const COREDNS_IMAGES: Record<string, AppProfileInput> = { [COREDNS_IMAGE]: COREDNS_PROFILE };
