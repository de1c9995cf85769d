/**
 * Container logs as the kubelet serves them (`kubectl logs [-p] [--tail]`): chosen through the
 * pod status exactly as validateContainerLogStatus (kubelet_pods.go) does, and derived from
 * the instance's process plan, so nothing per line is stored.
 */
import type { Stored } from "../../k8s/kinds.ts";
import type { ContainerStatus, Pod } from "../../k8s/schema/pod.ts";
import { logsUntil } from "../apps/process.ts";
import type { ClusterState } from "../state.ts";
import { runtimeContainerID } from "./ids.ts";
import type { ContainerInstance, PodRuntime } from "./runtime.ts";

export interface LogOptions {
  previous?: boolean;
  tailLines?: number;
  nowMs: number;
}

interface StateView {
  running?: unknown;
  terminated?: { containerID?: string };
  waiting?: { reason?: string };
}

/** The log lines of one instance up to `nowMs` (or its end). */
export function instanceLogLines(inst: ContainerInstance, nowMs: number): string[] {
  const until = inst.exited && inst.end ? inst.end.atMs : nowMs;
  return logsUntil(inst.plan, Math.max(0, until - inst.startedMs)).map((l) => l.line);
}

function findInstance(rt: PodRuntime | undefined, containerID: string | undefined): ContainerInstance | undefined {
  if (!rt || !containerID) return undefined;
  for (const crt of [...rt.initContainers, ...rt.containers]) {
    for (const inst of [crt.current, crt.previous]) if (inst && runtimeContainerID(inst.id) === containerID) return inst;
  }
  return undefined;
}

/** Which container id the kubelet would read logs from, or the error it answers. */
function chooseContainerID(pod: Stored<Pod>, cs: ContainerStatus, previous: boolean): string | { error: string } {
  const name = cs.name;
  const podName = pod.metadata.name;
  const state = (cs.state ?? {}) as StateView;
  const last = (cs.lastState ?? {}) as StateView;
  if (previous) {
    if (!last.terminated?.containerID) return { error: `previous terminated container "${name}" in pod "${podName}" not found` };
    return last.terminated.containerID;
  }
  if (state.running) return cs.containerID ?? "";
  if (state.terminated) {
    if (state.terminated.containerID) return state.terminated.containerID;
    if (last.terminated?.containerID) return last.terminated.containerID;
    return { error: `container "${name}" in pod "${podName}" is terminated` };
  }
  if (last.terminated) {
    if (!last.terminated.containerID) return { error: `container "${name}" in pod "${podName}" is terminated` };
    return last.terminated.containerID;
  }
  if (state.waiting) {
    const reason = state.waiting.reason ?? "";
    if (reason === "ErrImagePull") return { error: `container "${name}" in pod "${podName}" is waiting to start: image can't be pulled` };
    if (reason === "ImagePullBackOff") return { error: `container "${name}" in pod "${podName}" is waiting to start: trying and failing to pull image` };
    return { error: `container "${name}" in pod "${podName}" is waiting to start: ${reason}` };
  }
  return { error: `container "${name}" in pod "${podName}" is waiting to start - no logs yet` };
}

/**
 * The logs `kubectl logs` prints for one container (newline-terminated lines), or the
 * kubelet's/API server's error text (kubectl prefixes `Error from server (BadRequest): `).
 */
export function readContainerLogs(state: ClusterState, pod: Stored<Pod>, containerName: string, opts: LogOptions): string | { error: string } {
  const inSpec = [...(pod.spec.initContainers ?? []), ...pod.spec.containers].some((c) => c.name === containerName);
  if (!inSpec) return { error: `container ${containerName} is not valid for pod ${pod.metadata.name}` };
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  const cs = statuses.find((s) => s.name === containerName);
  if (!cs) return { error: `container "${containerName}" in pod "${pod.metadata.name}" is not available` };
  const id = chooseContainerID(pod, cs, opts.previous ?? false);
  if (typeof id !== "string") return id;
  const inst = findInstance(state.pods[pod.metadata.uid], id);
  if (!inst) return "";
  let lines = instanceLogLines(inst, opts.nowMs);
  if (opts.tailLines !== undefined && opts.tailLines >= 0) lines = opts.tailLines === 0 ? [] : lines.slice(-opts.tailLines);
  return lines.length ? lines.join("\n") + "\n" : "";
}
