import { z } from "zod";
import { ignored, objectMetaSchema, type Condition } from "./meta.ts";
import { resourceListSchema } from "./pod.ts";

export const taintSchema = z.strictObject({
  key: z.string(),
  value: z.string().optional(),
  effect: z.enum(["NoSchedule", "PreferNoSchedule", "NoExecute"]),
  timeAdded: z.string().optional(),
});
export type Taint = z.infer<typeof taintSchema>;

export const nodeSchema = z.strictObject({
  apiVersion: z.literal("v1"),
  kind: z.literal("Node"),
  metadata: objectMetaSchema,
  spec: z
    .strictObject({
      podCIDR: z.string().optional(),
      podCIDRs: z.array(z.string()).optional(),
      providerID: z.string().optional(),
      unschedulable: z.boolean().optional(),
      taints: z.array(taintSchema).optional(),
    })
    .optional(),
  /** Nodes register themselves with a status (capacity, addresses), so unlike other kinds it is read. */
  status: z
    .strictObject({
      capacity: resourceListSchema.optional(),
      allocatable: resourceListSchema.optional(),
      addresses: z.array(z.strictObject({ type: z.string(), address: z.string() })).optional(),
      conditions: z.array(z.any()).optional(),
      nodeInfo: z.record(z.string(), z.string()).optional(),
      images: ignored,
      daemonEndpoints: ignored,
      phase: ignored,
    })
    .optional(),
});
export interface NodeStatus {
  capacity?: Record<string, string>;
  allocatable?: Record<string, string>;
  addresses?: { type: string; address: string }[];
  conditions?: Condition[];
  nodeInfo?: Record<string, string>;
}
export type Node = Omit<z.infer<typeof nodeSchema>, "status"> & { status?: NodeStatus };
