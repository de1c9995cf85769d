import { z } from "zod";

/**
 * Fields real manifests carry that the simulator accepts and keeps but does not act on
 * (securityContext, serviceAccountName, ...). Accepting them matters: manifests copied from
 * the Kubernetes docs must load unchanged, and a strict schema would reject them.
 */
export const ignored = z.unknown().optional();

export const quantitySchema = z.union([z.string(), z.number()]);
export const intOrStringSchema = z.union([z.number().int(), z.string()]);
export const stringMapSchema = z.record(z.string(), z.string());

export const ownerReferenceSchema = z.strictObject({
  apiVersion: z.string(),
  kind: z.string(),
  name: z.string(),
  uid: z.string(),
  controller: z.boolean().optional(),
  blockOwnerDeletion: z.boolean().optional(),
});
export type OwnerReference = z.infer<typeof ownerReferenceSchema>;

export const objectMetaSchema = z.strictObject({
  name: z.string().optional(),
  generateName: z.string().optional(),
  namespace: z.string().optional(),
  labels: stringMapSchema.optional(),
  annotations: stringMapSchema.optional(),
  uid: z.string().optional(),
  resourceVersion: z.string().optional(),
  generation: z.number().int().optional(),
  creationTimestamp: z.string().nullable().optional(),
  deletionTimestamp: z.string().optional(),
  deletionGracePeriodSeconds: z.number().int().optional(),
  ownerReferences: z.array(ownerReferenceSchema).optional(),
  finalizers: z.array(z.string()).optional(),
  managedFields: ignored,
  selfLink: ignored,
});
export type ObjectMeta = z.infer<typeof objectMetaSchema>;

export const labelSelectorRequirementSchema = z.strictObject({
  key: z.string(),
  operator: z.enum(["In", "NotIn", "Exists", "DoesNotExist"]),
  values: z.array(z.string()).optional(),
});

export const labelSelectorSchema = z.strictObject({
  matchLabels: stringMapSchema.optional(),
  matchExpressions: z.array(labelSelectorRequirementSchema).optional(),
});
export type LabelSelectorObject = z.infer<typeof labelSelectorSchema>;

/** The condition shape shared by Pod, Node, Deployment, Job... (metav1.Condition-like). */
export interface Condition {
  type: string;
  status: "True" | "False" | "Unknown";
  lastTransitionTime?: string;
  lastProbeTime?: string | null;
  lastHeartbeatTime?: string;
  lastUpdateTime?: string;
  reason?: string;
  message?: string;
}
