/**
 * The `cluster:` section of a level: nodes (NodeInit), the network underneath (NetworkInit),
 * the application images (AppProfile inputs: what a manifest cannot say), the manifests
 * (ordinary Kubernetes YAML, validated by the simulator's own object schemas) and traffic.
 */
import { trafficSpecSchema } from "../net/traffic/spec.ts";
import { z } from "zod";
import { KINDS, isKind } from "../k8s/kinds.ts";
import { appProfileSchema } from "../sim/apps/profile.ts";

const quantity = z.string().regex(/^\d+(\.\d+)?(Ki|Mi|Gi|Ti|k|M|G|T|m)?$/, "expected a quantity such as 4, 3500m or 8Gi");

export const nodeInitSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "expected a DNS-1123 node name"),
  cpu: quantity.optional(),
  memory: quantity.optional(),
  pods: z.number().int().positive().optional(),
  ephemeralStorage: quantity.optional(),
  labels: z.record(z.string(), z.string()).optional(),
  taints: z.array(z.strictObject({ key: z.string().min(1), value: z.string().optional(), effect: z.enum(["NoSchedule", "PreferNoSchedule", "NoExecute"]) })).optional(),
  unschedulable: z.boolean().optional(),
  internalIP: z.string().regex(/^\d+\.\d+\.\d+\.\d+$/, "expected an IPv4 address").optional(),
  systemMemoryBytes: z.number().int().nonnegative().optional(),
  systemDiskBytes: z.number().int().nonnegative().optional(),
  images: z.array(z.string()).optional(),
  pullBytesPerSec: z.number().int().positive().optional(),
});

const cidr = z.string().regex(/^\d+\.\d+\.\d+\.\d+\/\d+$/, "expected a CIDR such as 10.244.0.0/16");

/** NetworkInit of shared/net/state.ts. */
export const networkInitSchema = z.strictObject({
  subnets: z.array(z.strictObject({ name: z.string().min(1), cidr, gateway: z.string().optional(), mtu: z.number().int().min(576).max(9001).optional() })).optional(),
  nodeMTU: z.record(z.string(), z.number().int().min(576).max(9001)).optional(),
  firewall: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        node: z.string().optional(),
        protocol: z.enum(["tcp", "udp", "icmp", "ipip", "all"]),
        port: z.number().int().min(1).max(65535).optional(),
        source: cidr.optional(),
        action: z.enum(["DROP", "REJECT"]),
      }),
    )
    .optional(),
  bgpDown: z.array(z.string()).optional(),
  cni: z
    .strictObject({
      plugin: z.enum(["flannel", "calico"]).optional(),
      network: cidr.optional(),
      backend: z.strictObject({ type: z.enum(["vxlan", "host-gw", "ipip", "bgp"]), vni: z.number().int().optional(), port: z.number().int().optional(), crossSubnet: z.boolean().optional() }).optional(),
      podMTU: z.number().int().optional(),
    })
    .optional(),
});

/**
 * A manifest exactly as `kubectl apply` takes it, checked against the simulator's schema of its
 * kind (strict: an unknown field is an error, as kubectl's strict decoding reports it).
 */
export const manifestSchema = z.record(z.string(), z.unknown()).superRefine((m, ctx) => {
  const kind = m.kind;
  if (typeof kind !== "string" || !isKind(kind)) {
    ctx.addIssue({ code: "custom", path: ["kind"], message: `expected a kind the simulator knows (${Object.keys(KINDS).join(", ")}), got ${JSON.stringify(kind)}` });
    return;
  }
  const r = KINDS[kind].schema.safeParse(m);
  if (!r.success) {
    for (const i of r.error.issues) {
      const path = i.path as (string | number)[];
      // Point at the unknown field itself, worded like kubectl's strict decoding.
      if (i.code === "unrecognized_keys") for (const k of i.keys) ctx.addIssue({ code: "custom", path: [...path, k], message: `unknown field "${[...path, k].join(".")}"` });
      else ctx.addIssue({ code: "custom", path, message: i.message });
    }
  }
  const name = (m.metadata as { name?: unknown } | undefined)?.name;
  if (typeof name !== "string" || !name) ctx.addIssue({ code: "custom", path: ["metadata", "name"], message: "expected metadata.name (level manifests need names)" });
});

export const clusterSchema = z.strictObject({
  /** Default seed (a session's seed overrides it). */
  seed: z.number().int().optional(),
  epoch: z.string().optional(),
  nodes: z.array(nodeInitSchema).min(1, "expected at least one node"),
  network: networkInitSchema.optional(),
  images: z.record(z.string(), appProfileSchema).default({}),
  manifests: z.array(manifestSchema).default([]),
  /** Cluster add-ons as kubeadm + the CNI's manifest would install them (shared/net/addons.ts): the CNI DaemonSet and its ConfigMap, kube-proxy, CoreDNS. Absent: the network "just works" like a managed cluster. */
  addons: z
    .strictObject({
      cni: z.enum(["flannel", "calico", "none"]).default("flannel"),
      backend: z.enum(["vxlan", "host-gw", "ipip", "bgp"]).optional(),
      vni: z.number().int().optional(),
      vxlanPort: z.number().int().optional(),
      kubeProxy: z.boolean().default(true),
      coreDNS: z.boolean().default(true),
    })
    .optional(),
  /** Synthetic users at entry points and the calls apps make to each other (shared/net's traffic model). */
  traffic: trafficSpecSchema.optional(),
});
