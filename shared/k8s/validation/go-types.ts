/**
 * The Go types behind our manifests, only as far as decoding errors name them:
 * `json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`
 * names the struct that holds the field, the field path (no list indices, no map keys) and
 * the field's Go type.
 */
type FieldType = string | { struct: string } | { list: string } | { map: string };

const s = (struct: string) => ({ struct });
const list = (struct: string) => ({ list: struct });
const strMap = { map: "string" };

const META = s("ObjectMeta");
const SELECTOR = s("LabelSelector");
const TEMPLATE = s("PodTemplateSpec");
const INT_OR_STRING = "intstr.IntOrString";

const STRUCTS: Record<string, Record<string, FieldType>> = {
  ObjectMeta: {
    name: "string", generateName: "string", namespace: "string", labels: strMap, annotations: strMap, uid: "types.UID",
    resourceVersion: "string", generation: "int64", creationTimestamp: "v1.Time", deletionTimestamp: "v1.Time",
    deletionGracePeriodSeconds: "int64", ownerReferences: list("OwnerReference"), finalizers: "[]string",
  },
  OwnerReference: { apiVersion: "string", kind: "string", name: "string", uid: "types.UID", controller: "bool", blockOwnerDeletion: "bool" },
  LabelSelector: { matchLabels: strMap, matchExpressions: list("LabelSelectorRequirement") },
  LabelSelectorRequirement: { key: "string", operator: "v1.LabelSelectorOperator", values: "[]string" },
  Pod: { apiVersion: "string", kind: "string", metadata: META, spec: s("PodSpec") },
  PodTemplateSpec: { metadata: META, spec: s("PodSpec") },
  PodSpec: {
    containers: list("Container"), initContainers: list("Container"), volumes: list("Volume"), restartPolicy: "v1.RestartPolicy",
    terminationGracePeriodSeconds: "int64", activeDeadlineSeconds: "int64", dnsPolicy: "v1.DNSPolicy", nodeSelector: strMap,
    serviceAccountName: "string", serviceAccount: "string", nodeName: "string", hostNetwork: "bool", hostname: "string",
    subdomain: "string", affinity: s("Affinity"), schedulerName: "string", tolerations: list("Toleration"),
    priorityClassName: "string", priority: "int32", preemptionPolicy: "v1.PreemptionPolicy", enableServiceLinks: "bool",
  },
  Container: {
    name: "string", image: "string", command: "[]string", args: "[]string", workingDir: "string", ports: list("ContainerPort"),
    env: list("EnvVar"), envFrom: list("EnvFromSource"), resources: s("ResourceRequirements"), volumeMounts: list("VolumeMount"),
    livenessProbe: s("Probe"), readinessProbe: s("Probe"), startupProbe: s("Probe"), terminationMessagePath: "string",
    terminationMessagePolicy: "v1.TerminationMessagePolicy", imagePullPolicy: "v1.PullPolicy", restartPolicy: "v1.ContainerRestartPolicy",
  },
  ContainerPort: { name: "string", hostPort: "int32", containerPort: "int32", protocol: "v1.Protocol", hostIP: "string" },
  EnvVar: { name: "string", value: "string", valueFrom: s("EnvVarSource") },
  EnvVarSource: { configMapKeyRef: s("ConfigMapKeySelector"), secretKeyRef: s("SecretKeySelector"), fieldRef: s("ObjectFieldSelector") },
  ConfigMapKeySelector: { name: "string", key: "string", optional: "bool" },
  SecretKeySelector: { name: "string", key: "string", optional: "bool" },
  ObjectFieldSelector: { apiVersion: "string", fieldPath: "string" },
  EnvFromSource: { prefix: "string", configMapRef: s("ConfigMapEnvSource"), secretRef: s("SecretEnvSource") },
  ConfigMapEnvSource: { name: "string", optional: "bool" },
  SecretEnvSource: { name: "string", optional: "bool" },
  ResourceRequirements: { limits: "v1.ResourceList", requests: "v1.ResourceList" },
  VolumeMount: { name: "string", readOnly: "bool", mountPath: "string", subPath: "string" },
  Volume: { name: "string", configMap: s("ConfigMapVolumeSource"), secret: s("SecretVolumeSource"), emptyDir: s("EmptyDirVolumeSource"), hostPath: s("HostPathVolumeSource") },
  ConfigMapVolumeSource: { name: "string", optional: "bool", items: list("KeyToPath") },
  SecretVolumeSource: { secretName: "string", optional: "bool", items: list("KeyToPath") },
  KeyToPath: { key: "string", path: "string" },
  EmptyDirVolumeSource: { medium: "v1.StorageMedium" },
  HostPathVolumeSource: { path: "string", type: "v1.HostPathType" },
  Probe: {
    httpGet: s("HTTPGetAction"), tcpSocket: s("TCPSocketAction"), exec: s("ExecAction"), grpc: s("GRPCAction"),
    initialDelaySeconds: "int32", timeoutSeconds: "int32", periodSeconds: "int32", successThreshold: "int32",
    failureThreshold: "int32", terminationGracePeriodSeconds: "int64",
  },
  HTTPGetAction: { path: "string", port: INT_OR_STRING, host: "string", scheme: "v1.URIScheme", httpHeaders: list("HTTPHeader") },
  HTTPHeader: { name: "string", value: "string" },
  TCPSocketAction: { port: INT_OR_STRING, host: "string" },
  ExecAction: { command: "[]string" },
  GRPCAction: { port: "int32", service: "string" },
  Toleration: { key: "string", operator: "v1.TolerationOperator", value: "string", effect: "v1.TaintEffect", tolerationSeconds: "int64" },
  Affinity: { nodeAffinity: s("NodeAffinity") },
  NodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: s("NodeSelector"), preferredDuringSchedulingIgnoredDuringExecution: list("PreferredSchedulingTerm") },
  NodeSelector: { nodeSelectorTerms: list("NodeSelectorTerm") },
  PreferredSchedulingTerm: { weight: "int32", preference: s("NodeSelectorTerm") },
  NodeSelectorTerm: { matchExpressions: list("NodeSelectorRequirement"), matchFields: list("NodeSelectorRequirement") },
  NodeSelectorRequirement: { key: "string", operator: "v1.NodeSelectorOperator", values: "[]string" },
  Deployment: { apiVersion: "string", kind: "string", metadata: META, spec: s("DeploymentSpec") },
  DeploymentSpec: {
    replicas: "int32", selector: SELECTOR, template: TEMPLATE, strategy: s("DeploymentStrategy"), minReadySeconds: "int32",
    revisionHistoryLimit: "int32", paused: "bool", progressDeadlineSeconds: "int32",
  },
  DeploymentStrategy: { type: "v1.DeploymentStrategyType", rollingUpdate: s("RollingUpdateDeployment") },
  RollingUpdateDeployment: { maxUnavailable: INT_OR_STRING, maxSurge: INT_OR_STRING },
  ReplicaSet: { apiVersion: "string", kind: "string", metadata: META, spec: s("ReplicaSetSpec") },
  ReplicaSetSpec: { replicas: "int32", minReadySeconds: "int32", selector: SELECTOR, template: TEMPLATE },
  DaemonSet: { apiVersion: "string", kind: "string", metadata: META, spec: s("DaemonSetSpec") },
  DaemonSetSpec: { selector: SELECTOR, template: TEMPLATE, updateStrategy: s("DaemonSetUpdateStrategy"), minReadySeconds: "int32", revisionHistoryLimit: "int32" },
  DaemonSetUpdateStrategy: { type: "v1.DaemonSetUpdateStrategyType", rollingUpdate: s("RollingUpdateDaemonSet") },
  RollingUpdateDaemonSet: { maxUnavailable: INT_OR_STRING, maxSurge: INT_OR_STRING },
  Job: { apiVersion: "string", kind: "string", metadata: META, spec: s("JobSpec") },
  JobSpec: {
    parallelism: "int32", completions: "int32", activeDeadlineSeconds: "int64", backoffLimit: "int32", selector: SELECTOR,
    manualSelector: "bool", template: TEMPLATE, ttlSecondsAfterFinished: "int32", completionMode: "v1.CompletionMode", suspend: "bool",
  },
  Service: { apiVersion: "string", kind: "string", metadata: META, spec: s("ServiceSpec") },
  ServiceSpec: {
    ports: list("ServicePort"), selector: strMap, clusterIP: "string", clusterIPs: "[]string", type: "v1.ServiceType",
    externalIPs: "[]string", sessionAffinity: "v1.ServiceAffinity", loadBalancerIP: "string", loadBalancerSourceRanges: "[]string",
    externalName: "string", externalTrafficPolicy: "v1.ServiceExternalTrafficPolicy", healthCheckNodePort: "int32",
    publishNotReadyAddresses: "bool", ipFamilies: "[]v1.IPFamily", ipFamilyPolicy: "v1.IPFamilyPolicy",
    allocateLoadBalancerNodePorts: "bool", internalTrafficPolicy: "v1.ServiceInternalTrafficPolicy",
  },
  ServicePort: { name: "string", protocol: "v1.Protocol", appProtocol: "string", port: "int32", targetPort: INT_OR_STRING, nodePort: "int32" },
  ConfigMap: { apiVersion: "string", kind: "string", metadata: META, data: strMap, binaryData: { map: "[]uint8" }, immutable: "bool" },
  Secret: { apiVersion: "string", kind: "string", metadata: META, data: { map: "[]uint8" }, stringData: strMap, type: "v1.SecretType", immutable: "bool" },
  Namespace: { apiVersion: "string", kind: "string", metadata: META, spec: s("NamespaceSpec") },
  NamespaceSpec: { finalizers: "[]v1.FinalizerName" },
  PriorityClass: { apiVersion: "string", kind: "string", metadata: META, value: "int32", globalDefault: "bool", description: "string", preemptionPolicy: "v1.PreemptionPolicy" },
  Node: { apiVersion: "string", kind: "string", metadata: META, spec: s("NodeSpec") },
  NodeSpec: { podCIDR: "string", podCIDRs: "[]string", providerID: "string", unschedulable: "bool", taints: list("Taint") },
  Taint: { key: "string", value: "string", effect: "v1.TaintEffect", timeAdded: "v1.Time" },
};

function render(t: FieldType): string {
  if (typeof t === "string") return t;
  if ("struct" in t) return `v1.${t.struct}`;
  if ("list" in t) return `[]v1.${t.list}`;
  return `map[string]${t.map}`;
}

/** For a path into a `kind` manifest: the struct holding the last field, the Go field path, the field's type. */
export function goStructField(kind: string, path: readonly PropertyKey[]): { struct: string; field: string; goType: string } {
  let struct = kind;
  let goType = "interface {}";
  const names: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (typeof seg === "number") continue;
    const t = STRUCTS[struct]?.[String(seg)];
    names.push(String(seg));
    const last = i === path.length - 1 || path.slice(i + 1).every((p) => typeof p === "number");
    if (t === undefined) return { struct, field: names.join("."), goType: last ? goType : "interface {}" };
    if (last) {
      // A list element of the wrong type is reported with the element's type.
      const intoList = path[i + 1] !== undefined;
      const elem = typeof t === "string" ? (t.startsWith("[]") ? t.slice(2) : t) : "list" in t ? `v1.${t.list}` : render(t);
      return { struct, field: names.join("."), goType: intoList ? elem : render(t) };
    }
    if (typeof t === "string") return { struct, field: names.join("."), goType: t.startsWith("[]") ? t.slice(2) : t };
    if ("map" in t) return { struct, field: names.join("."), goType: t.map };
    struct = "struct" in t ? t.struct : t.list;
  }
  return { struct, field: names.join("."), goType };
}
