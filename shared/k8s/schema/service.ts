import { z } from "zod";
import { ignored, intOrStringSchema, objectMetaSchema, stringMapSchema } from "./meta.ts";

export const servicePortSchema = z.strictObject({
  name: z.string().optional(),
  protocol: z.enum(["TCP", "UDP", "SCTP"]).optional(),
  appProtocol: z.string().optional(),
  port: z.number().int(),
  targetPort: intOrStringSchema.optional(),
  nodePort: z.number().int().optional(),
});
export type ServicePort = z.infer<typeof servicePortSchema>;

export const serviceSchema = z.strictObject({
  apiVersion: z.literal("v1"),
  kind: z.literal("Service"),
  metadata: objectMetaSchema,
  spec: z.strictObject({
    type: z.enum(["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"]).optional(),
    selector: stringMapSchema.nullable().optional(),
    ports: z.array(servicePortSchema).optional(),
    clusterIP: z.string().optional(),
    clusterIPs: z.array(z.string()).optional(),
    externalName: z.string().optional(),
    externalIPs: z.array(z.string()).optional(),
    sessionAffinity: z.enum(["None", "ClientIP"]).optional(),
    sessionAffinityConfig: z
      .strictObject({ clientIP: z.strictObject({ timeoutSeconds: z.number().int().optional() }).optional() })
      .optional(),
    externalTrafficPolicy: z.enum(["Cluster", "Local"]).optional(),
    internalTrafficPolicy: z.enum(["Cluster", "Local"]).optional(),
    publishNotReadyAddresses: z.boolean().optional(),
    loadBalancerIP: z.string().optional(),
    loadBalancerSourceRanges: z.array(z.string()).optional(),
    loadBalancerClass: ignored,
    allocateLoadBalancerNodePorts: z.boolean().optional(),
    healthCheckNodePort: z.number().int().optional(),
    ipFamilies: z.array(z.string()).optional(),
    ipFamilyPolicy: z.string().optional(),
    trafficDistribution: ignored,
  }),
  status: ignored,
});
export interface ServiceStatus {
  loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] };
}
export type Service = Omit<z.infer<typeof serviceSchema>, "status"> & { status?: ServiceStatus };

export const endpointSliceSchema = z.strictObject({
  apiVersion: z.literal("discovery.k8s.io/v1"),
  kind: z.literal("EndpointSlice"),
  metadata: objectMetaSchema,
  addressType: z.enum(["IPv4", "IPv6", "FQDN"]),
  endpoints: z
    .array(
      z.strictObject({
        addresses: z.array(z.string()),
        conditions: z
          .strictObject({
            ready: z.boolean().optional(),
            serving: z.boolean().optional(),
            terminating: z.boolean().optional(),
          })
          .optional(),
        hostname: z.string().optional(),
        targetRef: z
          .strictObject({
            kind: z.string(),
            namespace: z.string().optional(),
            name: z.string(),
            uid: z.string().optional(),
          })
          .optional(),
        nodeName: z.string().optional(),
        zone: z.string().optional(),
        hints: ignored,
      }),
    )
    .nullable(),
  ports: z
    .array(
      z.strictObject({
        name: z.string().optional(),
        protocol: z.enum(["TCP", "UDP", "SCTP"]).optional(),
        port: z.number().int().optional(),
        appProtocol: z.string().optional(),
      }),
    )
    .nullable()
    .optional(),
});
export type EndpointSlice = z.infer<typeof endpointSliceSchema>;
