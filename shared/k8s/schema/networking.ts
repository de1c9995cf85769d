import { z } from "zod";
import { ignored, labelSelectorSchema, objectMetaSchema } from "./meta.ts";

const serviceBackendSchema = z.strictObject({
  name: z.string(),
  port: z.strictObject({ number: z.number().int().optional(), name: z.string().optional() }),
});

const ingressBackendSchema = z.strictObject({
  service: serviceBackendSchema.optional(),
  resource: ignored,
});

export const ingressSchema = z.strictObject({
  apiVersion: z.literal("networking.k8s.io/v1"),
  kind: z.literal("Ingress"),
  metadata: objectMetaSchema,
  spec: z
    .strictObject({
      ingressClassName: z.string().optional(),
      defaultBackend: ingressBackendSchema.optional(),
      tls: z.array(z.strictObject({ hosts: z.array(z.string()).optional(), secretName: z.string().optional() })).optional(),
      rules: z
        .array(
          z.strictObject({
            host: z.string().optional(),
            http: z
              .strictObject({
                paths: z.array(
                  z.strictObject({
                    path: z.string().optional(),
                    pathType: z.enum(["Exact", "Prefix", "ImplementationSpecific"]),
                    backend: ingressBackendSchema,
                  }),
                ),
              })
              .optional(),
          }),
        )
        .optional(),
    })
    .optional(),
  status: ignored,
});
export interface IngressStatus {
  loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] };
}
export type Ingress = Omit<z.infer<typeof ingressSchema>, "status"> & { status?: IngressStatus };

const policyPortSchema = z.strictObject({
  protocol: z.enum(["TCP", "UDP", "SCTP"]).optional(),
  port: z.union([z.number().int(), z.string()]).optional(),
  endPort: z.number().int().optional(),
});

const policyPeerSchema = z.strictObject({
  podSelector: labelSelectorSchema.optional(),
  namespaceSelector: labelSelectorSchema.optional(),
  ipBlock: z.strictObject({ cidr: z.string(), except: z.array(z.string()).optional() }).optional(),
});

export const networkPolicySchema = z.strictObject({
  apiVersion: z.literal("networking.k8s.io/v1"),
  kind: z.literal("NetworkPolicy"),
  metadata: objectMetaSchema,
  spec: z.strictObject({
    podSelector: labelSelectorSchema,
    policyTypes: z.array(z.enum(["Ingress", "Egress"])).optional(),
    ingress: z.array(z.strictObject({ from: z.array(policyPeerSchema).optional(), ports: z.array(policyPortSchema).optional() })).optional(),
    egress: z.array(z.strictObject({ to: z.array(policyPeerSchema).optional(), ports: z.array(policyPortSchema).optional() })).optional(),
  }),
});
export type NetworkPolicy = z.infer<typeof networkPolicySchema>;
