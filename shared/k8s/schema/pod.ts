import { z } from "zod";
import {
  ignored,
  intOrStringSchema,
  labelSelectorSchema,
  objectMetaSchema,
  quantitySchema,
  stringMapSchema,
  type Condition,
} from "./meta.ts";

export const resourceListSchema = z.record(z.string(), quantitySchema);

export const resourceRequirementsSchema = z.strictObject({
  requests: resourceListSchema.optional(),
  limits: resourceListSchema.optional(),
  claims: ignored,
});

const keySelector = z.strictObject({ name: z.string().optional(), key: z.string(), optional: z.boolean().optional() });

export const envVarSchema = z.strictObject({
  name: z.string(),
  value: z.string().optional(),
  valueFrom: z
    .strictObject({
      configMapKeyRef: keySelector.optional(),
      secretKeyRef: keySelector.optional(),
      fieldRef: z.strictObject({ fieldPath: z.string(), apiVersion: z.string().optional() }).optional(),
      resourceFieldRef: ignored,
    })
    .optional(),
});

export const envFromSourceSchema = z.strictObject({
  prefix: z.string().optional(),
  configMapRef: z.strictObject({ name: z.string(), optional: z.boolean().optional() }).optional(),
  secretRef: z.strictObject({ name: z.string(), optional: z.boolean().optional() }).optional(),
});

export const containerPortSchema = z.strictObject({
  name: z.string().optional(),
  containerPort: z.number().int(),
  protocol: z.enum(["TCP", "UDP", "SCTP"]).optional(),
  hostPort: z.number().int().optional(),
  hostIP: z.string().optional(),
});

const httpHeader = z.strictObject({ name: z.string(), value: z.string() });

export const probeSchema = z.strictObject({
  httpGet: z
    .strictObject({
      path: z.string().optional(),
      port: intOrStringSchema,
      host: z.string().optional(),
      scheme: z.enum(["HTTP", "HTTPS"]).optional(),
      httpHeaders: z.array(httpHeader).optional(),
    })
    .optional(),
  tcpSocket: z.strictObject({ port: intOrStringSchema, host: z.string().optional() }).optional(),
  exec: z.strictObject({ command: z.array(z.string()).optional() }).optional(),
  grpc: z.strictObject({ port: z.number().int(), service: z.string().optional() }).optional(),
  initialDelaySeconds: z.number().int().optional(),
  timeoutSeconds: z.number().int().optional(),
  periodSeconds: z.number().int().optional(),
  successThreshold: z.number().int().optional(),
  failureThreshold: z.number().int().optional(),
  terminationGracePeriodSeconds: z.number().int().optional(),
});
export type Probe = z.infer<typeof probeSchema>;

export const volumeMountSchema = z.strictObject({
  name: z.string(),
  mountPath: z.string(),
  readOnly: z.boolean().optional(),
  subPath: z.string().optional(),
  mountPropagation: ignored,
  subPathExpr: ignored,
});

export const containerSchema = z.strictObject({
  name: z.string(),
  image: z.string().optional(),
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  workingDir: z.string().optional(),
  ports: z.array(containerPortSchema).optional(),
  env: z.array(envVarSchema).optional(),
  envFrom: z.array(envFromSourceSchema).optional(),
  resources: resourceRequirementsSchema.optional(),
  volumeMounts: z.array(volumeMountSchema).optional(),
  livenessProbe: probeSchema.optional(),
  readinessProbe: probeSchema.optional(),
  startupProbe: probeSchema.optional(),
  lifecycle: ignored,
  terminationMessagePath: z.string().optional(),
  terminationMessagePolicy: z.string().optional(),
  imagePullPolicy: z.enum(["Always", "IfNotPresent", "Never"]).optional(),
  securityContext: ignored,
  stdin: ignored,
  stdinOnce: ignored,
  tty: ignored,
  restartPolicy: z.enum(["Always"]).optional(),
  volumeDevices: ignored,
  resizePolicy: ignored,
});
export type Container = z.infer<typeof containerSchema>;

export const tolerationSchema = z.strictObject({
  key: z.string().optional(),
  operator: z.enum(["Exists", "Equal"]).optional(),
  value: z.string().optional(),
  effect: z.enum(["NoSchedule", "PreferNoSchedule", "NoExecute", ""]).optional(),
  tolerationSeconds: z.number().int().nullable().optional(),
});
export type Toleration = z.infer<typeof tolerationSchema>;

export const nodeSelectorRequirementSchema = z.strictObject({
  key: z.string(),
  operator: z.enum(["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"]),
  values: z.array(z.string()).optional(),
});
export const nodeSelectorTermSchema = z.strictObject({
  matchExpressions: z.array(nodeSelectorRequirementSchema).optional(),
  matchFields: z.array(nodeSelectorRequirementSchema).optional(),
});
export type NodeSelectorTerm = z.infer<typeof nodeSelectorTermSchema>;

export const affinitySchema = z.strictObject({
  nodeAffinity: z
    .strictObject({
      requiredDuringSchedulingIgnoredDuringExecution: z
        .strictObject({ nodeSelectorTerms: z.array(nodeSelectorTermSchema) })
        .optional(),
      preferredDuringSchedulingIgnoredDuringExecution: z
        .array(z.strictObject({ weight: z.number().int(), preference: nodeSelectorTermSchema }))
        .optional(),
    })
    .optional(),
  /** Accepted, not simulated: no level depends on inter-pod affinity yet. */
  podAffinity: ignored,
  podAntiAffinity: ignored,
});

export const volumeSchema = z.strictObject({
  name: z.string(),
  configMap: z
    .strictObject({
      name: z.string(),
      optional: z.boolean().optional(),
      items: z.array(z.strictObject({ key: z.string(), path: z.string(), mode: ignored })).optional(),
      defaultMode: ignored,
    })
    .optional(),
  secret: z
    .strictObject({
      secretName: z.string(),
      optional: z.boolean().optional(),
      items: z.array(z.strictObject({ key: z.string(), path: z.string(), mode: ignored })).optional(),
      defaultMode: ignored,
    })
    .optional(),
  emptyDir: z.strictObject({ medium: z.string().optional(), sizeLimit: quantitySchema.optional() }).optional(),
  hostPath: z.strictObject({ path: z.string(), type: z.string().optional() }).optional(),
  persistentVolumeClaim: ignored,
  projected: ignored,
  downwardAPI: ignored,
});

export const podSpecSchema = z.strictObject({
  containers: z.array(containerSchema),
  initContainers: z.array(containerSchema).optional(),
  restartPolicy: z.enum(["Always", "OnFailure", "Never"]).optional(),
  terminationGracePeriodSeconds: z.number().int().optional(),
  activeDeadlineSeconds: z.number().int().optional(),
  dnsPolicy: z.enum(["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"]).optional(),
  nodeSelector: stringMapSchema.optional(),
  nodeName: z.string().optional(),
  serviceAccountName: z.string().optional(),
  serviceAccount: z.string().optional(),
  automountServiceAccountToken: ignored,
  hostNetwork: z.boolean().optional(),
  hostPID: ignored,
  hostIPC: ignored,
  shareProcessNamespace: ignored,
  securityContext: ignored,
  imagePullSecrets: ignored,
  hostname: z.string().optional(),
  subdomain: z.string().optional(),
  affinity: affinitySchema.optional(),
  schedulerName: z.string().optional(),
  tolerations: z.array(tolerationSchema).optional(),
  priorityClassName: z.string().optional(),
  priority: z.number().int().optional(),
  preemptionPolicy: z.string().optional(),
  enableServiceLinks: z.boolean().optional(),
  topologySpreadConstraints: ignored,
  dnsConfig: ignored,
  readinessGates: ignored,
  runtimeClassName: ignored,
  overhead: ignored,
  volumes: z.array(volumeSchema).optional(),
});
export type PodSpec = z.infer<typeof podSpecSchema>;

export const podTemplateSpecSchema = z.strictObject({
  metadata: objectMetaSchema.optional(),
  spec: podSpecSchema,
});
export type PodTemplateSpec = z.infer<typeof podTemplateSpecSchema>;

export const podSchema = z.strictObject({
  apiVersion: z.literal("v1"),
  kind: z.literal("Pod"),
  metadata: objectMetaSchema,
  spec: podSpecSchema,
  status: ignored,
});

export type ContainerState =
  | { waiting: { reason?: string; message?: string } }
  | { running: { startedAt?: string } }
  | {
      terminated: {
        exitCode: number;
        signal?: number;
        reason?: string;
        message?: string;
        startedAt?: string;
        finishedAt?: string;
        containerID?: string;
      };
    };

export interface ContainerStatus {
  name: string;
  state?: ContainerState | Record<string, never>;
  lastState?: ContainerState | Record<string, never>;
  ready: boolean;
  restartCount: number;
  image: string;
  imageID: string;
  containerID?: string;
  started?: boolean;
}

export type PodPhase = "Pending" | "Running" | "Succeeded" | "Failed" | "Unknown";

export interface PodStatus {
  phase?: PodPhase;
  conditions?: Condition[];
  message?: string;
  reason?: string;
  nominatedNodeName?: string;
  hostIP?: string;
  hostIPs?: { ip: string }[];
  podIP?: string;
  podIPs?: { ip: string }[];
  startTime?: string;
  initContainerStatuses?: ContainerStatus[];
  containerStatuses?: ContainerStatus[];
  qosClass?: "Guaranteed" | "Burstable" | "BestEffort";
}

export type Pod = Omit<z.infer<typeof podSchema>, "status"> & { status?: PodStatus };

/** Re-exported so selectors inside pod specs (none today) can share it. */
export { labelSelectorSchema };
