import type { Pod } from "../../k8s/schema/pod.ts";
import type { Stored } from "../../k8s/kinds.ts";
import { cpuMillisAt, memoryBytesAt } from "../apps/process.ts";
import type { ClusterState } from "../state.ts";
import { instanceLogLines } from "./logs.ts";

/** What a pod really uses right now (cAdvisor's view): what `kubectl top` and the eviction manager read. */
export interface PodUsage {
  /** Working set, bytes. */
  memoryBytes: number;
  cpuMillis: number;
  /** Ephemeral storage (logs, writable layer, emptyDir), bytes. */
  diskBytes: number;
  /** Per container, by name. */
  containers: Record<string, { memoryBytes: number; cpuMillis: number }>;
}

/**
 * Usage from the running instances' process plans at `nowMs`. Disk counts the container logs
 * the kubelet keeps (current and previous instance).
 *
 * Simplification: the writable layer and emptyDir contents are not modelled (0 bytes).
 */
/**
 * `opts.disk: false` skips ephemeral storage (kubectl top never shows it): counting it renders
 * every log line, which is most of the cost on a large cluster.
 */
export function podUsage(state: ClusterState, pod: Stored<Pod>, nowMs: number, opts: { disk?: boolean } = {}): PodUsage {
  const usage: PodUsage = { memoryBytes: 0, cpuMillis: 0, diskBytes: 0, containers: {} };
  const rt = state.pods[pod.metadata.uid];
  if (!rt) return usage;
  const disk = opts.disk ?? true;
  for (const crt of [...rt.initContainers, ...rt.containers]) {
    const cur = crt.current;
    if (disk) {
      for (const inst of [cur, crt.previous]) {
        if (inst) for (const line of instanceLogLines(inst, nowMs)) usage.diskBytes += line.length + 1;
      }
    }
    if (!cur || cur.exited || (cur.end && cur.end.atMs <= nowMs)) continue;
    const runningFor = Math.max(0, nowMs - cur.startedMs);
    const c = { memoryBytes: memoryBytesAt(cur.plan, runningFor), cpuMillis: cpuMillisAt(cur.plan, runningFor) };
    usage.containers[crt.name] = c;
    usage.memoryBytes += c.memoryBytes;
    usage.cpuMillis += c.cpuMillis;
  }
  return usage;
}
