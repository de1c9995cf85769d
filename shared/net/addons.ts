/**
 * The add-ons a kubeadm cluster runs, as the manifests that install them: the CNI (flannel's
 * kube-flannel.yml, or calico-node), kube-proxy (kubeadm's DaemonSet and ConfigMap) and a
 * CoreDNS Deployment + kube-dns Service (from the DNS model, dns/addon.ts).
 * Levels and tests apply these so the cluster looks, and breaks, like a real one.
 *
 * Simplification: RBAC objects and ServiceAccounts are left out (not simulated kinds). flannel's
 * second init container (`install-cni`: `cp` of cni-conf.json into /etc/cni/net.d, from the
 * flannel image) is left out: the image's profile cannot both copy and run flanneld; its effect
 * (the CNI config on the node) is modelled by sandbox-check.ts.
 */
import { coreDnsManifests } from "./dns/addon.ts";
import { nthAddress } from "./cidr.ts";
import { CALICO_CNI_IMAGE, CALICO_NODE_IMAGE, FLANNEL_CNI_PLUGIN_IMAGE, FLANNEL_IMAGE, KUBE_PROXY_IMAGE } from "./images.ts";

export interface AddonOptions {
  /** Default "flannel". */
  cni?: "flannel" | "calico" | "none";
  clusterCIDR?: string;
  serviceCIDR?: string;
  /** flannel backend (default vxlan); calico: ipip (default), vxlan or bgp. */
  backend?: "vxlan" | "host-gw" | "ipip" | "bgp";
  vni?: number;
  vxlanPort?: number;
  kubeProxy?: boolean;
  coreDNS?: boolean;
}

const linuxOnly = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/os", operator: "In", values: ["linux"] }] }] } } };

/** kube-flannel.yml's net-conf.json for the given settings. */
export function flannelNetConf(network: string, backend: "vxlan" | "host-gw" = "vxlan", vni?: number, port?: number): string {
  const b: Record<string, unknown> = { Type: backend };
  if (backend === "vxlan" && vni !== undefined) b.VNI = vni;
  if (backend === "vxlan" && port !== undefined) b.Port = port;
  return `${JSON.stringify({ Network: network, EnableNFTables: false, Backend: b }, null, 2)}\n`;
}

export const FLANNEL_CNI_CONF = `${JSON.stringify({ name: "cbr0", cniVersion: "0.3.1", plugins: [{ type: "flannel", delegate: { hairpinMode: true, isDefaultGateway: true } }, { type: "portmap", capabilities: { portMappings: true } }] }, null, 2)}\n`;

function flannel(o: Required<Pick<AddonOptions, "clusterCIDR">> & AddonOptions): object[] {
  const labels = { tier: "node", app: "flannel", "k8s-app": "flannel" };
  return [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: "kube-flannel", labels: { "k8s-app": "flannel", "pod-security.kubernetes.io/enforce": "privileged" } } },
    {
      apiVersion: "v1", kind: "ConfigMap", metadata: { name: "kube-flannel-cfg", namespace: "kube-flannel", labels },
      data: { "cni-conf.json": FLANNEL_CNI_CONF, "net-conf.json": flannelNetConf(o.clusterCIDR, o.backend === "host-gw" ? "host-gw" : "vxlan", o.vni, o.vxlanPort) },
    },
    {
      apiVersion: "apps/v1", kind: "DaemonSet", metadata: { name: "kube-flannel-ds", namespace: "kube-flannel", labels },
      spec: {
        selector: { matchLabels: { app: "flannel" } },
        template: {
          metadata: { labels: { tier: "node", app: "flannel" } },
          spec: {
            affinity: linuxOnly,
            hostNetwork: true,
            priorityClassName: "system-node-critical",
            tolerations: [{ operator: "Exists", effect: "NoSchedule" }],
            serviceAccountName: "flannel",
            initContainers: [
              { name: "install-cni-plugin", image: FLANNEL_CNI_PLUGIN_IMAGE, command: ["cp"], args: ["-f", "/flannel", "/opt/cni/bin/flannel"], volumeMounts: [{ name: "cni-plugin", mountPath: "/opt/cni/bin" }] },
            ],
            containers: [{
              name: "kube-flannel", image: FLANNEL_IMAGE, command: ["/opt/bin/flanneld"], args: ["--ip-masq", "--kube-subnet-mgr"],
              resources: { requests: { cpu: "100m", memory: "50Mi" } },
              env: [
                { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
                { name: "POD_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
                { name: "EVENT_QUEUE_DEPTH", value: "5000" },
              ],
              volumeMounts: [{ name: "run", mountPath: "/run/flannel" }, { name: "flannel-cfg", mountPath: "/etc/kube-flannel/" }, { name: "xtables-lock", mountPath: "/run/xtables.lock" }],
            }],
            volumes: [
              { name: "run", hostPath: { path: "/run/flannel" } },
              { name: "cni-plugin", hostPath: { path: "/opt/cni/bin" } },
              { name: "cni", hostPath: { path: "/etc/cni/net.d" } },
              { name: "flannel-cfg", configMap: { name: "kube-flannel-cfg" } },
              { name: "xtables-lock", hostPath: { path: "/run/xtables.lock", type: "FileOrCreate" } },
            ],
          },
        },
      },
    },
  ];
}

function calico(o: Required<Pick<AddonOptions, "clusterCIDR">> & AddonOptions): object[] {
  const mode = o.backend === "vxlan" ? { ipip: "Never", vxlan: "Always" } : o.backend === "bgp" ? { ipip: "Never", vxlan: "Never" } : { ipip: "Always", vxlan: "Never" };
  return [
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "calico-config", namespace: "kube-system" }, data: { calico_backend: o.backend === "vxlan" ? "vxlan" : "bird", veth_mtu: "0", typha_service_name: "none" } },
    {
      apiVersion: "apps/v1", kind: "DaemonSet", metadata: { name: "calico-node", namespace: "kube-system", labels: { "k8s-app": "calico-node" } },
      spec: {
        selector: { matchLabels: { "k8s-app": "calico-node" } },
        template: {
          metadata: { labels: { "k8s-app": "calico-node" } },
          spec: {
            nodeSelector: { "kubernetes.io/os": "linux" },
            hostNetwork: true,
            tolerations: [{ effect: "NoSchedule", operator: "Exists" }, { key: "CriticalAddonsOnly", operator: "Exists" }, { effect: "NoExecute", operator: "Exists" }],
            serviceAccountName: "calico-node",
            priorityClassName: "system-node-critical",
            containers: [{
              name: "calico-node", image: CALICO_NODE_IMAGE,
              env: [
                { name: "DATASTORE_TYPE", value: "kubernetes" },
                { name: "CALICO_NETWORKING_BACKEND", valueFrom: { configMapKeyRef: { name: "calico-config", key: "calico_backend" } } },
                { name: "CLUSTER_TYPE", value: "k8s,bgp" },
                { name: "IP", value: "autodetect" },
                { name: "CALICO_IPV4POOL_IPIP", value: mode.ipip },
                { name: "CALICO_IPV4POOL_VXLAN", value: mode.vxlan },
                { name: "CALICO_IPV4POOL_CIDR", value: o.clusterCIDR },
                { name: "FELIX_IPINIPMTU", valueFrom: { configMapKeyRef: { name: "calico-config", key: "veth_mtu" } } },
              ],
              resources: { requests: { cpu: "250m" } },
              livenessProbe: { httpGet: { path: "/liveness", port: 9099, host: "localhost" }, periodSeconds: 10, initialDelaySeconds: 10, failureThreshold: 6, timeoutSeconds: 10 },
            }],
          },
        },
      },
    },
  ];
}

function kubeProxy(o: Required<Pick<AddonOptions, "clusterCIDR">>): object[] {
  const config = [
    "apiVersion: kubeproxy.config.k8s.io/v1alpha1",
    "bindAddress: 0.0.0.0",
    `clusterCIDR: ${o.clusterCIDR}`,
    "iptables:",
    "  masqueradeAll: false",
    "  masqueradeBit: null",
    "  minSyncPeriod: 0s",
    "  syncPeriod: 0s",
    "kind: KubeProxyConfiguration",
    'mode: ""',
    "",
  ].join("\n");
  return [
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "kube-proxy", namespace: "kube-system", labels: { app: "kube-proxy" } }, data: { "config.conf": config } },
    {
      apiVersion: "apps/v1", kind: "DaemonSet", metadata: { name: "kube-proxy", namespace: "kube-system", labels: { "k8s-app": "kube-proxy" } },
      spec: {
        selector: { matchLabels: { "k8s-app": "kube-proxy" } },
        updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1 } },
        template: {
          metadata: { labels: { "k8s-app": "kube-proxy" } },
          spec: {
            containers: [{
              name: "kube-proxy", image: KUBE_PROXY_IMAGE,
              command: ["/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf", "--hostname-override=$(NODE_NAME)"],
              env: [{ name: "NODE_NAME", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } }],
              volumeMounts: [{ name: "kube-proxy", mountPath: "/var/lib/kube-proxy" }, { name: "xtables-lock", mountPath: "/run/xtables.lock" }, { name: "lib-modules", mountPath: "/lib/modules", readOnly: true }],
            }],
            hostNetwork: true,
            nodeSelector: { "kubernetes.io/os": "linux" },
            priorityClassName: "system-node-critical",
            serviceAccountName: "kube-proxy",
            tolerations: [{ operator: "Exists" }],
            volumes: [
              { name: "kube-proxy", configMap: { name: "kube-proxy" } },
              { name: "xtables-lock", hostPath: { path: "/run/xtables.lock", type: "FileOrCreate" } },
              { name: "lib-modules", hostPath: { path: "/lib/modules" } },
            ],
          },
        },
      },
    },
  ];
}

/** The manifests, in apply order (namespaces and ConfigMaps before the workloads that mount them). */
export function clusterAddons(options: AddonOptions = {}): object[] {
  const o = { clusterCIDR: "10.244.0.0/16", serviceCIDR: "10.96.0.0/12", ...options };
  const out: object[] = [];
  const cni = o.cni ?? "flannel";
  if (cni === "flannel") out.push(...flannel(o));
  if (cni === "calico") out.push(...calico(o));
  if (o.kubeProxy !== false) out.push(...kubeProxy(o));
  if (o.coreDNS !== false) out.push(...coreDnsManifests({ serviceCIDR: o.serviceCIDR }));
  return out;
}
