/**
 * A small `kubectl explain` reference for the fields players touch most. Descriptions are
 * condensed from the Kubernetes API reference (the OpenAPI descriptions kubectl prints).
 */
export interface ExplainEntry {
  /** `<PodSpec>`, `<integer>`... */
  type: string;
  description: string;
  /** Child fields: name ⇒ type. */
  fields?: Record<string, string>;
}

const OBJECT_FIELDS = (spec: string, status?: string): Record<string, string> => ({
  apiVersion: "<string>",
  kind: "<string>",
  metadata: "<ObjectMeta>",
  spec: `<${spec}>`,
  ...(status ? { status: `<${status}>` } : {}),
});

/** Keyed by kind (`Pod`) and dotted field path (`Pod.spec.containers`). */
export const EXPLAIN: Record<string, ExplainEntry> = {
  Pod: {
    type: "<Pod>",
    description: "Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.",
    fields: OBJECT_FIELDS("PodSpec", "PodStatus"),
  },
  "Pod.spec": {
    type: "<PodSpec>",
    description: "Specification of the desired behavior of the pod.",
    fields: {
      affinity: "<Affinity>", containers: "<[]Container> -required-", initContainers: "<[]Container>", nodeName: "<string>",
      nodeSelector: "<map[string]string>", priorityClassName: "<string>", restartPolicy: "<string>", serviceAccountName: "<string>",
      terminationGracePeriodSeconds: "<integer>", tolerations: "<[]Toleration>", volumes: "<[]Volume>",
    },
  },
  "Pod.spec.containers": {
    type: "<[]Container> -required-",
    description: "List of containers belonging to the pod. Containers cannot currently be added or removed. There must be at least one container in a Pod. Cannot be updated.",
    fields: {
      args: "<[]string>", command: "<[]string>", env: "<[]EnvVar>", envFrom: "<[]EnvFromSource>", image: "<string>",
      imagePullPolicy: "<string>", livenessProbe: "<Probe>", name: "<string> -required-", ports: "<[]ContainerPort>",
      readinessProbe: "<Probe>", resources: "<ResourceRequirements>", startupProbe: "<Probe>", volumeMounts: "<[]VolumeMount>",
    },
  },
  "Pod.spec.containers.resources": {
    type: "<ResourceRequirements>",
    description: "Compute Resources required by this container. Cannot be updated. Requests are what the scheduler reserves on a node; limits cap what the container may use (exceeding the memory limit gets it OOMKilled, CPU is throttled).",
    fields: { limits: "<map[string]Quantity>", requests: "<map[string]Quantity>" },
  },
  "Pod.spec.containers.readinessProbe": {
    type: "<Probe>",
    description: "Periodic probe of container service readiness. Container will be removed from service endpoints if the probe fails. Cannot be updated.",
    fields: { exec: "<ExecAction>", failureThreshold: "<integer>", httpGet: "<HTTPGetAction>", initialDelaySeconds: "<integer>", periodSeconds: "<integer>", successThreshold: "<integer>", tcpSocket: "<TCPSocketAction>", timeoutSeconds: "<integer>" },
  },
  "Pod.spec.containers.livenessProbe": {
    type: "<Probe>",
    description: "Periodic probe of container liveness. Container will be restarted if the probe fails. Cannot be updated.",
    fields: { exec: "<ExecAction>", failureThreshold: "<integer>", httpGet: "<HTTPGetAction>", initialDelaySeconds: "<integer>", periodSeconds: "<integer>", successThreshold: "<integer>", tcpSocket: "<TCPSocketAction>", timeoutSeconds: "<integer>" },
  },
  "Pod.spec.tolerations": {
    type: "<[]Toleration>",
    description: "If specified, the pod's tolerations. A toleration lets the pod be scheduled on (or keep running on) a node with a matching taint.",
    fields: { effect: "<string>", key: "<string>", operator: "<string>", tolerationSeconds: "<integer>", value: "<string>" },
  },
  Deployment: {
    type: "<Deployment>",
    description: "Deployment enables declarative updates for Pods and ReplicaSets.",
    fields: OBJECT_FIELDS("DeploymentSpec", "DeploymentStatus"),
  },
  "Deployment.spec": {
    type: "<DeploymentSpec>",
    description: "Specification of the desired behavior of the Deployment.",
    fields: {
      minReadySeconds: "<integer>", paused: "<boolean>", progressDeadlineSeconds: "<integer>", replicas: "<integer>",
      revisionHistoryLimit: "<integer>", selector: "<LabelSelector> -required-", strategy: "<DeploymentStrategy>", template: "<PodTemplateSpec> -required-",
    },
  },
  "Deployment.spec.replicas": {
    type: "<integer>",
    description: "Number of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1.",
  },
  "Deployment.spec.selector": {
    type: "<LabelSelector> -required-",
    description: "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels.",
    fields: { matchExpressions: "<[]LabelSelectorRequirement>", matchLabels: "<map[string]string>" },
  },
  "Deployment.spec.strategy": {
    type: "<DeploymentStrategy>",
    description: "The deployment strategy to use to replace existing pods with new ones.",
    fields: { rollingUpdate: "<RollingUpdateDeployment>", type: "<enum>" },
  },
  Service: {
    type: "<Service>",
    description: "Service is a named abstraction of software service (for example, mysql) consisting of local port (for example 3306) that the proxy listens on, and the selector that determines which pods will answer requests sent through the proxy.",
    fields: OBJECT_FIELDS("ServiceSpec", "ServiceStatus"),
  },
  "Service.spec": {
    type: "<ServiceSpec>",
    description: "Spec defines the behavior of a service.",
    fields: { clusterIP: "<string>", externalTrafficPolicy: "<enum>", ports: "<[]ServicePort>", selector: "<map[string]string>", sessionAffinity: "<enum>", type: "<enum>" },
  },
  "Service.spec.selector": {
    type: "<map[string]string>",
    description: "Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify.",
  },
  "Service.spec.ports": {
    type: "<[]ServicePort>",
    description: "The list of ports that are exposed by this service.",
    fields: { appProtocol: "<string>", name: "<string>", nodePort: "<integer>", port: "<integer> -required-", protocol: "<enum>", targetPort: "<IntOrString>" },
  },
  "Service.spec.ports.targetPort": {
    type: "<IntOrString>",
    description: "Number or name of the port to access on the pods targeted by the service. If this is a string, it will be looked up as a named port in the target Pod's container ports. If this is not specified, the value of the 'port' field is used (an identity map).",
  },
  Node: {
    type: "<Node>",
    description: "Node is a worker node in Kubernetes. Each node will have a unique identifier in the cache (i.e. in etcd).",
    fields: OBJECT_FIELDS("NodeSpec", "NodeStatus"),
  },
  "Node.spec": {
    type: "<NodeSpec>",
    description: "Spec defines the behavior of a node.",
    fields: { podCIDR: "<string>", podCIDRs: "<[]string>", providerID: "<string>", taints: "<[]Taint>", unschedulable: "<boolean>" },
  },
  "Node.spec.taints": {
    type: "<[]Taint>",
    description: "If specified, the node's taints. Pods that do not tolerate a NoSchedule taint are not scheduled on the node; a NoExecute taint also evicts running pods that do not tolerate it.",
    fields: { effect: "<enum> -required-", key: "<string> -required-", timeAdded: "<string>", value: "<string>" },
  },
  ConfigMap: {
    type: "<ConfigMap>",
    description: "ConfigMap holds configuration data for pods to consume.",
    fields: { apiVersion: "<string>", binaryData: "<map[string]string>", data: "<map[string]string>", immutable: "<boolean>", kind: "<string>", metadata: "<ObjectMeta>" },
  },
};
