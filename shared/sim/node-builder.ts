import type { Node } from "../k8s/schema/node.ts";
import type { Taint } from "../k8s/schema/node.ts";
import { formatIPv4, parseIPv4 } from "../net/cidr.ts";
import type { ClusterConfig, NodeRuntime } from "./state.ts";

/** A node as a level or test describes it; turned into the Node object its kubelet would register. */
export interface NodeInit {
  name: string;
  /** CPU capacity, a quantity ("4", "3500m"). */
  cpu?: string;
  /** Memory capacity ("8Gi"). */
  memory?: string;
  /** Max pods (kubelet --max-pods, default 110). */
  pods?: number;
  ephemeralStorage?: string;
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  /** Node IP on the node network; default 192.168.10.(10 + index). */
  internalIP?: string;
  /** Memory the OS and system daemons use outside pods, bytes (default 400Mi). */
  systemMemoryBytes?: number;
  /** Disk the OS, logs and images use outside pods, bytes (default 8Gi). */
  systemDiskBytes?: number;
  /** Images already on the node (pre-pulled). */
  images?: string[];
  /** Pull bandwidth, bytes per simulated second (default 50 MB/s). */
  pullBytesPerSec?: number;
  /** false: the node is registered but its kubelet is down from the start (it never posts status). */
  kubeletRunning?: boolean;
}

const Mi = 1024 * 1024;
const Gi = 1024 * Mi;

/**
 * What the kubelet registers: capacity from the machine, allocatable = capacity minus the
 * hard eviction threshold (kubeadm sets no kube-/system-reserved), the usual well-known labels,
 * and the conditions a healthy kubelet posts.
 */
export function buildNode(n: NodeInit, index: number, cfg: ClusterConfig): { node: Node; runtime: NodeRuntime } {
  const cpu = n.cpu ?? "4";
  const memory = n.memory ?? "8Gi";
  const storage = n.ephemeralStorage ?? "100Gi";
  const ip = n.internalIP ?? formatIPv4(parseIPv4("192.168.10.10") + index);
  const memBytes = bytesOf(memory);
  const diskBytes = bytesOf(storage);
  const allocMem = memBytes - cfg.evictionHardMemoryBytes;
  const allocDisk = Math.floor((diskBytes * (100 - cfg.evictionHardNodefsPercent)) / 100);
  const node: Node = {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: n.name,
      labels: {
        "beta.kubernetes.io/arch": "amd64",
        "beta.kubernetes.io/os": "linux",
        "kubernetes.io/arch": "amd64",
        "kubernetes.io/hostname": n.name,
        "kubernetes.io/os": "linux",
        ...(n.labels ?? {}),
      },
      annotations: {
        "node.alpha.kubernetes.io/ttl": "0",
        "volumes.kubernetes.io/controller-managed-attach-detach": "true",
      },
    },
    spec: {
      ...(n.taints && n.taints.length ? { taints: n.taints } : {}),
      ...(n.unschedulable ? { unschedulable: true } : {}),
    },
    status: {
      capacity: { cpu, "ephemeral-storage": `${Math.floor(diskBytes / 1024)}Ki`, memory: `${Math.floor(memBytes / 1024)}Ki`, pods: String(n.pods ?? 110) },
      allocatable: { cpu, "ephemeral-storage": String(allocDisk), memory: `${Math.floor(allocMem / 1024)}Ki`, pods: String(n.pods ?? 110) },
      addresses: [
        { type: "InternalIP", address: ip },
        { type: "Hostname", address: n.name },
      ],
      nodeInfo: {
        architecture: "amd64",
        containerRuntimeVersion: cfg.containerRuntimeVersion,
        kernelVersion: "5.15.0-113-generic",
        kubeProxyVersion: cfg.kubernetesVersion,
        kubeletVersion: cfg.kubernetesVersion,
        operatingSystem: "linux",
        osImage: "Ubuntu 22.04.4 LTS",
      },
    },
  };
  const runtime: NodeRuntime = {
    kubeletRunning: n.kubeletRunning ?? true,
    lastHeartbeatMs: 0,
    images: [...(n.images ?? [])],
    systemMemoryBytes: n.systemMemoryBytes ?? 400 * Mi,
    systemDiskBytes: n.systemDiskBytes ?? 8 * Gi,
    pullBytesPerSec: n.pullBytesPerSec ?? 50_000_000,
  };
  return { node, runtime };
}

/** Plain binary/decimal suffix parsing for node sizes given in NodeInit (validated by the caller's schema). */
function bytesOf(q: string): number {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(q.trim());
  if (!m) throw new Error(`node size ${JSON.stringify(q)} is not a quantity like 8Gi`);
  const mult: Record<string, number> = { Ki: 1024, Mi: Mi, Gi: Gi, Ti: 1024 * Gi, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };
  return Math.round(Number(m[1]) * (m[2] ? mult[m[2]] : 1));
}
