/**
 * An ingress-nginx controller as its upstream "deploy" manifest installs it (trimmed): the
 * `ingress-nginx` Namespace, the `ingress-nginx-controller` Deployment and its Service
 * (LoadBalancer on clouds, NodePort on bare metal), with the real labels. The image profile
 * listens on 80/443 (answers computed by answer.ts), 10254 (/healthz) and 8443 (webhook).
 *
 * Simplification: no admission webhook, RBAC, ConfigMap or IngressClass objects (see match.ts).
 */
import type { AppProfileInput } from "../../sim/apps/profile.ts";

export const INGRESS_NAMESPACE = "ingress-nginx";
export const INGRESS_CONTROLLER = "ingress-nginx-controller";
export const INGRESS_IMAGE = "registry.k8s.io/ingress-nginx/controller:v1.10.1";
export const INGRESS_LABELS = {
  "app.kubernetes.io/component": "controller",
  "app.kubernetes.io/instance": "ingress-nginx",
  "app.kubernetes.io/name": "ingress-nginx",
} as const;

export const INGRESS_PROFILE: AppProfileInput = {
  sizeBytes: 110_000_000,
  startupMs: 1500,
  ports: [80, 443, 8443, 10254],
  http: { "/healthz": { status: 200, latencyMs: 1, body: "ok" } },
  memory: { startBytes: 90 * 1024 * 1024 },
  cpuMillis: 10,
  logs: {
    startup: [
      "-------------------------------------------------------------------------------",
      "NGINX Ingress controller",
      "  Release:       v1.10.1",
      "  Build:         4fb5aac1dd3669daa3a14d9de3e3cdb371b4c518",
      "  Repository:    https://github.com/kubernetes/ingress-nginx",
      "  nginx version: nginx/1.25.3",
      "-------------------------------------------------------------------------------",
    ],
    ready: ["Starting NGINX Ingress controller", "Backend successfully reloaded"],
  },
};

export const INGRESS_IMAGES: Record<string, AppProfileInput> = { [INGRESS_IMAGE]: INGRESS_PROFILE };

export interface IngressAddonOptions {
  serviceType?: "NodePort" | "LoadBalancer";
  replicas?: number;
  /** Fixed node ports for http/https (NodePort installs often pin them). */
  nodePorts?: { http?: number; https?: number };
}

export function ingressNginxManifests(o: IngressAddonOptions = {}): object[] {
  const labels = { ...INGRESS_LABELS };
  return [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: INGRESS_NAMESPACE, labels: { "app.kubernetes.io/instance": "ingress-nginx", "app.kubernetes.io/name": "ingress-nginx" } } },
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: INGRESS_CONTROLLER, namespace: INGRESS_NAMESPACE, labels },
      spec: {
        replicas: o.replicas ?? 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            nodeSelector: { "kubernetes.io/os": "linux" },
            terminationGracePeriodSeconds: 300,
            containers: [
              {
                name: "controller",
                image: INGRESS_IMAGE,
                args: [
                  "/nginx-ingress-controller",
                  `--publish-service=$(POD_NAMESPACE)/${INGRESS_CONTROLLER}`,
                  "--election-id=ingress-nginx-leader",
                  "--controller-class=k8s.io/ingress-nginx",
                  "--ingress-class=nginx",
                  `--configmap=$(POD_NAMESPACE)/${INGRESS_CONTROLLER}`,
                ],
                env: [
                  { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
                  { name: "POD_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
                ],
                ports: [
                  { name: "http", containerPort: 80, protocol: "TCP" },
                  { name: "https", containerPort: 443, protocol: "TCP" },
                  { name: "webhook", containerPort: 8443, protocol: "TCP" },
                ],
                livenessProbe: { httpGet: { path: "/healthz", port: 10254, scheme: "HTTP" }, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 5 },
                readinessProbe: { httpGet: { path: "/healthz", port: 10254, scheme: "HTTP" }, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
                resources: { requests: { cpu: "100m", memory: "90Mi" } },
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: INGRESS_CONTROLLER, namespace: INGRESS_NAMESPACE, labels },
      spec: {
        type: o.serviceType ?? "NodePort",
        selector: labels,
        ports: [
          { name: "http", port: 80, protocol: "TCP", targetPort: "http", ...(o.nodePorts?.http ? { nodePort: o.nodePorts.http } : {}), appProtocol: "http" },
          { name: "https", port: 443, protocol: "TCP", targetPort: "https", ...(o.nodePorts?.https ? { nodePort: o.nodePorts.https } : {}), appProtocol: "https" },
        ],
      },
    },
  ];
}

export function isIngressControllerPod(pod: { metadata: { namespace?: string; labels?: Record<string, string> } }): boolean {
  const l = pod.metadata.labels ?? {};
  return pod.metadata.namespace === INGRESS_NAMESPACE && l["app.kubernetes.io/name"] === "ingress-nginx" && l["app.kubernetes.io/component"] === "controller";
}
