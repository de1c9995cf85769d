import { z } from "zod";
import { ignored, objectMetaSchema, stringMapSchema } from "./meta.ts";

export const namespaceSchema = z.strictObject({
  apiVersion: z.literal("v1"),
  kind: z.literal("Namespace"),
  metadata: objectMetaSchema,
  spec: z.strictObject({ finalizers: z.array(z.string()).optional() }).optional(),
  status: ignored,
});
export type Namespace = Omit<z.infer<typeof namespaceSchema>, "status"> & {
  status?: { phase: "Active" | "Terminating" };
};

export const configMapSchema = z.strictObject({
  apiVersion: z.literal("v1"),
  kind: z.literal("ConfigMap"),
  metadata: objectMetaSchema,
  data: stringMapSchema.optional(),
  binaryData: stringMapSchema.optional(),
  immutable: z.boolean().optional(),
});
export type ConfigMap = z.infer<typeof configMapSchema>;

export const secretSchema = z.strictObject({
  apiVersion: z.literal("v1"),
  kind: z.literal("Secret"),
  metadata: objectMetaSchema,
  type: z.string().optional(),
  /** base64 values, as stored by the API server. */
  data: stringMapSchema.optional(),
  /** Write-only convenience: merged into data (base64-encoded) on create, as the API server does. */
  stringData: stringMapSchema.optional(),
  immutable: z.boolean().optional(),
});
export type Secret = z.infer<typeof secretSchema>;

export const priorityClassSchema = z.strictObject({
  apiVersion: z.literal("scheduling.k8s.io/v1"),
  kind: z.literal("PriorityClass"),
  metadata: objectMetaSchema,
  value: z.number().int(),
  globalDefault: z.boolean().optional(),
  description: z.string().optional(),
  preemptionPolicy: z.enum(["PreemptLowerPriority", "Never"]).optional(),
});
export type PriorityClass = z.infer<typeof priorityClassSchema>;

export const eventSchema = z.strictObject({
  apiVersion: z.literal("v1"),
  kind: z.literal("Event"),
  metadata: objectMetaSchema,
  involvedObject: z.strictObject({
    kind: z.string(),
    namespace: z.string().optional(),
    name: z.string(),
    uid: z.string().optional(),
    apiVersion: z.string().optional(),
    resourceVersion: z.string().optional(),
    fieldPath: z.string().optional(),
  }),
  reason: z.string(),
  message: z.string(),
  source: z.strictObject({ component: z.string().optional(), host: z.string().optional() }),
  firstTimestamp: z.string(),
  lastTimestamp: z.string(),
  count: z.number().int(),
  type: z.enum(["Normal", "Warning"]),
  eventTime: z.string().nullable().optional(),
  reportingComponent: z.string().optional(),
  reportingInstance: z.string().optional(),
});
export type KubeEvent = z.infer<typeof eventSchema>;
