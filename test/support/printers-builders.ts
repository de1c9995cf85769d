/**
 * A fixed cluster for the kubectl printer tests: objects applied through the public API, then
 * statuses and events written straight into the store (no ticks), so what the printers show
 * does not move when controllers change. Every field the API server would default and that a
 * printer shows is spelled out, for the same reason.
 */
import { createCluster, type Cluster } from "../../shared/index.ts";
import type { KubeEvent, Pod, Stored } from "../../shared/index.ts";
import { formatTimestamp } from "../../shared/k8s/time.ts";

export const EPOCH_MS = Date.UTC(2025, 0, 1, 9, 0, 0);
/** When the tests "run kubectl": 5 minutes after the cluster was built. */
export const NOW_MS = EPOCH_MS + 5 * 60_000;
export const at = (secondsAfterEpoch: number) => formatTimestamp(EPOCH_MS + secondsAfterEpoch * 1000);

const WEB_LABELS = { app: "web", "pod-template-hash": "7d4b9c6f8" };

export function webTemplate() {
  return {
    metadata: { labels: { app: "web" } },
    spec: {
      automountServiceAccountToken: false,
      containers: [
        {
          name: "web",
          image: "nginx:1.25",
          ports: [{ name: "http", containerPort: 8080, protocol: "TCP" as const }],
          resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
          livenessProbe: { httpGet: { path: "/healthz", port: 8080, scheme: "HTTP" as const }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
          readinessProbe: { tcpSocket: { port: 8080 }, initialDelaySeconds: 5, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
          env: [
            { name: "MODE", value: "production" },
            { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } },
            { name: "LOG_LEVEL", valueFrom: { configMapKeyRef: { name: "web-config", key: "log-level", optional: true } } },
            { name: "POD_IP", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "status.podIP" } } },
          ],
          volumeMounts: [{ name: "config", mountPath: "/etc/web", readOnly: true }],
        },
      ],
      volumes: [{ name: "config", configMap: { name: "web-config" } }],
    },
  };
}

export function buildPrinterCluster(): Cluster {
  const c = createCluster({
    seed: 7,
    freeze: true,
    nodes: [
      { name: "control-plane", cpu: "2", memory: "4Gi", labels: { "node-role.kubernetes.io/control-plane": "" }, taints: [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }] },
      { name: "node-1", cpu: "4", memory: "8Gi" },
      { name: "node-2", cpu: "4", memory: "8Gi", unschedulable: true },
    ],
  });
  const apply = (obj: unknown) => {
    const r = c.apply(obj);
    if (!r.ok) throw new Error(`apply: ${r.error.message}`);
    return r.value.object;
  };
  apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: "shop", labels: { "kubernetes.io/metadata.name": "shop" } } });
  apply({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "web-config", namespace: "default" }, data: { "log-level": "info", "nginx.conf": "server {\n  listen 8080;\n}" } });
  apply({ apiVersion: "v1", kind: "Secret", metadata: { name: "db", namespace: "default" }, type: "Opaque", data: { password: "czNjcjN0", user: "YWRtaW4=" } });
  apply({ apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name: "high" }, value: 1000, globalDefault: false, description: "Customer-facing", preemptionPolicy: "PreemptLowerPriority" });

  const dep = apply({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "default", labels: { app: "web" }, annotations: { "deployment.kubernetes.io/revision": "1" } },
    spec: { replicas: 3, selector: { matchLabels: { app: "web" } }, strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" } }, minReadySeconds: 0, template: webTemplate() },
  });
  const tmpl = webTemplate();
  const rs = apply({
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name: "web-7d4b9c6f8",
      namespace: "default",
      labels: WEB_LABELS,
      annotations: { "deployment.kubernetes.io/revision": "1" },
      ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: dep.metadata.uid, controller: true, blockOwnerDeletion: true }],
    },
    spec: { replicas: 3, selector: { matchLabels: WEB_LABELS }, template: { ...tmpl, metadata: { labels: WEB_LABELS } } },
  });
  const pods = [
    { name: "web-7d4b9c6f8-abcde", node: "node-1", ip: "10.244.1.5", ready: true },
    { name: "web-7d4b9c6f8-fghij", node: "node-1", ip: "10.244.1.7", ready: true },
    { name: "web-7d4b9c6f8-klmno", node: "node-2", ip: "10.244.2.7", ready: false },
  ].map((p) =>
    apply({
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: p.name,
        namespace: "default",
        labels: WEB_LABELS,
        ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: rs.metadata.name, uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }],
      },
      spec: {
        ...tmpl.spec,
        nodeName: p.node,
        serviceAccountName: "default",
        priority: 0,
        tolerations: [
          { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
          { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
        ],
      },
    }),
  );
  const svc = apply({
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "web", namespace: "default", labels: { app: "web" } },
    spec: {
      type: "ClusterIP",
      selector: { app: "web" },
      clusterIP: "10.96.0.10",
      clusterIPs: ["10.96.0.10"],
      ipFamilies: ["IPv4"],
      ipFamilyPolicy: "SingleStack",
      sessionAffinity: "None",
      internalTrafficPolicy: "Cluster",
      ports: [{ name: "http", port: 80, targetPort: 8080, protocol: "TCP" }],
    },
  });
  void svc;
  apply({
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "shop-lb", namespace: "shop" },
    spec: { type: "LoadBalancer", selector: { app: "shop" }, clusterIP: "10.96.4.2", clusterIPs: ["10.96.4.2"], ipFamilies: ["IPv4"], ipFamilyPolicy: "SingleStack", sessionAffinity: "None", externalTrafficPolicy: "Cluster", ports: [{ name: "https", port: 443, targetPort: "https", nodePort: 30443, protocol: "TCP" }] },
  });
  apply({
    apiVersion: "discovery.k8s.io/v1",
    kind: "EndpointSlice",
    metadata: { name: "web-x7k2p", namespace: "default", labels: { "kubernetes.io/service-name": "web", "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io" } },
    addressType: "IPv4",
    ports: [{ name: "http", port: 8080, protocol: "TCP" }],
    endpoints: pods.map((p, i) => ({
      addresses: [["10.244.1.5", "10.244.1.7", "10.244.2.7"][i]],
      conditions: { ready: i < 2, serving: i < 2, terminating: false },
      nodeName: (p as Stored<Pod>).spec.nodeName,
      targetRef: { kind: "Pod", namespace: "default", name: p.metadata.name, uid: p.metadata.uid },
    })),
  });
  apply({
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name: "log-agent", namespace: "kube-system", labels: { app: "log-agent" } },
    spec: {
      selector: { matchLabels: { app: "log-agent" } },
      template: {
        metadata: { labels: { app: "log-agent" } },
        spec: { automountServiceAccountToken: false, nodeSelector: { "kubernetes.io/os": "linux" }, tolerations: [{ operator: "Exists" }], containers: [{ name: "agent", image: "fluent/fluent-bit:3.0", volumeMounts: [{ name: "varlog", mountPath: "/var/log" }] }], volumes: [{ name: "varlog", hostPath: { path: "/var/log", type: "" } }] },
      },
    },
  });
  apply({
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "migrate", namespace: "default", labels: { job: "migrate" } },
    spec: {
      parallelism: 1,
      completions: 1,
      backoffLimit: 6,
      completionMode: "NonIndexed",
      suspend: false,
      manualSelector: true,
      selector: { matchLabels: { job: "migrate" } },
      template: { metadata: { labels: { job: "migrate" } }, spec: { automountServiceAccountToken: false, restartPolicy: "Never", containers: [{ name: "migrate", image: "busybox:1.36", command: ["sh", "-c", "echo migrating && sleep 5"] }] } },
    },
  });
  writeStatuses(c);
  writeEvents(c);
  return c;
}

function writeStatuses(c: Cluster): void {
  const s = c.store;
  const cond = (type: string, status: "True" | "False", t: number, extra: object = {}) => ({ type, status, lastProbeTime: null, lastTransitionTime: at(t), ...extra });
  for (const [name, ip, ready] of [["control-plane", "192.168.10.10", true], ["node-1", "192.168.10.11", true], ["node-2", "192.168.10.12", false]] as const) {
    const node = c.get("Node", undefined, name)!;
    const hb = (type: string, status: "True" | "False", reason: string, message: string) => ({ type, status, lastHeartbeatTime: at(290), lastTransitionTime: at(2), reason, message });
    s.updateStatus("Node", name, {
      ...node.status,
      addresses: [{ type: "InternalIP", address: ip }, { type: "Hostname", address: name }],
      conditions: [
        hb("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
        hb("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
        hb("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
        ready ? hb("Ready", "True", "KubeletReady", "kubelet is posting ready status") : hb("Ready", "False", "KubeletNotReady", "container runtime network not ready: NetworkReady=false"),
      ],
    });
    c.state.nodes[name].lastHeartbeatMs = EPOCH_MS + 290_000;
  }
  const podStatus = (node: string, hostIP: string, ip: string, name: string, ready: boolean, restarts: number) => ({
    phase: "Running",
    hostIP,
    hostIPs: [{ ip: hostIP }],
    podIP: ip,
    podIPs: [{ ip }],
    startTime: at(3),
    qosClass: "Burstable",
    conditions: [
      cond("PodReadyToStartContainers", "True", 4),
      cond("Initialized", "True", 3),
      cond("Ready", ready ? "True" : "False", 12),
      cond("ContainersReady", ready ? "True" : "False", 12),
      cond("PodScheduled", "True", 2),
    ],
    containerStatuses: [
      {
        name: "web",
        image: "docker.io/library/nginx:1.25",
        imageID: "docker.io/library/nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31",
        containerID: `containerd://${name.slice(-5).repeat(12).slice(0, 64)}`,
        ready,
        started: true,
        restartCount: restarts,
        state: ready ? { running: { startedAt: at(6) } } : { waiting: { reason: "CrashLoopBackOff", message: "back-off 40s restarting failed container=web" } },
        ...(restarts > 0 ? { lastState: { terminated: { exitCode: 1, reason: "Error", startedAt: at(200), finishedAt: at(230) } } } : {}),
      },
    ],
  });
  s.updateStatus("Pod", "default/web-7d4b9c6f8-abcde", podStatus("node-1", "192.168.10.11", "10.244.1.5", "abcde", true, 0));
  s.updateStatus("Pod", "default/web-7d4b9c6f8-fghij", podStatus("node-1", "192.168.10.11", "10.244.1.7", "fghij", true, 0));
  s.updateStatus("Pod", "default/web-7d4b9c6f8-klmno", podStatus("node-2", "192.168.10.12", "10.244.2.7", "klmno", false, 3));
  s.updateStatus("ReplicaSet", "default/web-7d4b9c6f8", { replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 });
  s.updateStatus("Deployment", "default/web", {
    observedGeneration: 1,
    replicas: 3,
    updatedReplicas: 3,
    readyReplicas: 2,
    availableReplicas: 2,
    unavailableReplicas: 1,
    conditions: [
      { type: "Available", status: "False", lastUpdateTime: at(3), lastTransitionTime: at(3), reason: "MinimumReplicasUnavailable", message: "Deployment does not have minimum availability." },
      { type: "Progressing", status: "True", lastUpdateTime: at(12), lastTransitionTime: at(1), reason: "ReplicaSetUpdated", message: 'ReplicaSet "web-7d4b9c6f8" is progressing.' },
    ],
  });
  s.updateStatus("DaemonSet", "kube-system/log-agent", { currentNumberScheduled: 3, numberMisscheduled: 0, desiredNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2, numberUnavailable: 1, observedGeneration: 1 });
  s.updateStatus("Job", "default/migrate", {
    startTime: at(10),
    completionTime: at(47),
    succeeded: 1,
    ready: 0,
    conditions: [{ type: "Complete", status: "True", lastProbeTime: at(47), lastTransitionTime: at(47) }],
  });
}

function writeEvents(c: Cluster): void {
  let seq = 0;
  const add = (obj: Stored, type: "Normal" | "Warning", reason: string, message: string, component: string, first: number, last: number, count: number, fieldPath?: string, host?: string) => {
    const kind = (obj as { kind: string }).kind;
    const ns = obj.metadata.namespace ?? "default";
    const ev: KubeEvent = {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: `${obj.metadata.name}.${(0x181a000000000000n + BigInt(++seq)).toString(16)}`, namespace: ns },
      involvedObject: { kind, namespace: obj.metadata.namespace, name: obj.metadata.name, uid: obj.metadata.uid, apiVersion: kind === "Pod" ? "v1" : "apps/v1", ...(fieldPath ? { fieldPath } : {}) },
      reason,
      message,
      source: host ? { component, host } : { component },
      firstTimestamp: at(first),
      lastTimestamp: at(last),
      count,
      type,
      eventTime: null,
      reportingComponent: component,
      reportingInstance: host ?? "",
    };
    c.store.create("Event", ev);
  };
  const pod = c.get("Pod", "default", "web-7d4b9c6f8-klmno")!;
  add(pod, "Normal", "Scheduled", "Successfully assigned default/web-7d4b9c6f8-klmno to node-2", "default-scheduler", 2, 2, 1);
  add(pod, "Normal", "Pulled", 'Container image "nginx:1.25" already present on machine', "kubelet", 5, 230, 4, "spec.containers{web}", "node-2");
  add(pod, "Warning", "BackOff", "Back-off restarting failed container web in pod web-7d4b9c6f8-klmno_default(uid)", "kubelet", 40, 280, 9, "spec.containers{web}", "node-2");
  const dep = c.get("Deployment", "default", "web")!;
  add(dep, "Normal", "ScalingReplicaSet", "Scaled up replica set web-7d4b9c6f8 to 3", "deployment-controller", 1, 1, 1);
  const node = c.get("Node", undefined, "node-2")!;
  add(node, "Normal", "NodeNotSchedulable", "Node node-2 status is now: NodeNotSchedulable", "kubelet", 60, 60, 1, undefined, "node-2");
}
