import { z } from "zod";
import { ignored, intOrStringSchema, labelSelectorSchema, objectMetaSchema, type Condition } from "./meta.ts";
import { podTemplateSpecSchema } from "./pod.ts";

export const deploymentSpecSchema = z.strictObject({
  replicas: z.number().int().optional(),
  selector: labelSelectorSchema,
  template: podTemplateSpecSchema,
  strategy: z
    .strictObject({
      type: z.enum(["RollingUpdate", "Recreate"]).optional(),
      rollingUpdate: z
        .strictObject({ maxSurge: intOrStringSchema.optional(), maxUnavailable: intOrStringSchema.optional() })
        .optional(),
    })
    .optional(),
  minReadySeconds: z.number().int().optional(),
  revisionHistoryLimit: z.number().int().optional(),
  paused: z.boolean().optional(),
  progressDeadlineSeconds: z.number().int().optional(),
});

export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions?: Condition[];
  collisionCount?: number;
}

export const deploymentSchema = z.strictObject({
  apiVersion: z.literal("apps/v1"),
  kind: z.literal("Deployment"),
  metadata: objectMetaSchema,
  spec: deploymentSpecSchema,
  status: ignored,
});
export type Deployment = Omit<z.infer<typeof deploymentSchema>, "status"> & { status?: DeploymentStatus };

export const replicaSetSchema = z.strictObject({
  apiVersion: z.literal("apps/v1"),
  kind: z.literal("ReplicaSet"),
  metadata: objectMetaSchema,
  spec: z.strictObject({
    replicas: z.number().int().optional(),
    minReadySeconds: z.number().int().optional(),
    selector: labelSelectorSchema,
    template: podTemplateSpecSchema.optional(),
  }),
  status: ignored,
});
export interface ReplicaSetStatus {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: Condition[];
}
export type ReplicaSet = Omit<z.infer<typeof replicaSetSchema>, "status"> & { status?: ReplicaSetStatus };

export const daemonSetSchema = z.strictObject({
  apiVersion: z.literal("apps/v1"),
  kind: z.literal("DaemonSet"),
  metadata: objectMetaSchema,
  spec: z.strictObject({
    selector: labelSelectorSchema,
    template: podTemplateSpecSchema,
    updateStrategy: z
      .strictObject({
        type: z.enum(["RollingUpdate", "OnDelete"]).optional(),
        rollingUpdate: z
          .strictObject({ maxUnavailable: intOrStringSchema.optional(), maxSurge: intOrStringSchema.optional() })
          .optional(),
      })
      .optional(),
    minReadySeconds: z.number().int().optional(),
    revisionHistoryLimit: z.number().int().optional(),
  }),
  status: ignored,
});
export interface DaemonSetStatus {
  currentNumberScheduled: number;
  numberMisscheduled: number;
  desiredNumberScheduled: number;
  numberReady: number;
  observedGeneration?: number;
  updatedNumberScheduled?: number;
  numberAvailable?: number;
  numberUnavailable?: number;
  conditions?: Condition[];
}
export type DaemonSet = Omit<z.infer<typeof daemonSetSchema>, "status"> & { status?: DaemonSetStatus };

export const jobSchema = z.strictObject({
  apiVersion: z.literal("batch/v1"),
  kind: z.literal("Job"),
  metadata: objectMetaSchema,
  spec: z.strictObject({
    parallelism: z.number().int().optional(),
    completions: z.number().int().nullable().optional(),
    activeDeadlineSeconds: z.number().int().optional(),
    backoffLimit: z.number().int().optional(),
    selector: labelSelectorSchema.optional(),
    manualSelector: z.boolean().optional(),
    template: podTemplateSpecSchema,
    ttlSecondsAfterFinished: z.number().int().optional(),
    completionMode: z.enum(["NonIndexed", "Indexed"]).optional(),
    suspend: z.boolean().optional(),
    podFailurePolicy: ignored,
    podReplacementPolicy: ignored,
  }),
  status: ignored,
});
export interface JobStatus {
  conditions?: Condition[];
  startTime?: string;
  completionTime?: string;
  active?: number;
  succeeded?: number;
  failed?: number;
  ready?: number;
  terminating?: number;
  uncountedTerminatedPods?: { succeeded?: string[]; failed?: string[] };
}
export type Job = Omit<z.infer<typeof jobSchema>, "status"> & { status?: JobStatus };
