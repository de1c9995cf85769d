/**
 * generateAPIPodStatus (pkg/kubelet/kubelet_pods.go): the pod status the kubelet posts,
 * derived from its runtime state. Container statuses follow convertToAPIContainerStatuses
 * (app containers sorted by name, init containers in spec order; a container that will be
 * restarted shows the last start failure from the reason cache as Waiting); the phase
 * follows getPhase; conditions follow pkg/kubelet/status/generate.go.
 */
import type { Stored } from "../../k8s/kinds.ts";
import type { Condition } from "../../k8s/schema/meta.ts";
import type { Container, ContainerState, ContainerStatus, Pod, PodPhase, PodStatus } from "../../k8s/schema/pod.ts";
import { formatTimestamp } from "../../k8s/time.ts";
import { runtimeContainerID } from "./ids.ts";
import { isReady } from "./probes.ts";
import type { ContainerInstance, ContainerRuntime, PodRuntime } from "./runtime.ts";
import { podQOSClass } from "./qos.ts";

const KUBELET_CONDITIONS = new Set(["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"]);

export function restartPolicyOf(pod: Pick<Pod, "spec">): "Always" | "OnFailure" | "Never" {
  return pod.spec.restartPolicy ?? "Always";
}

/** kubecontainer.ShouldContainerBeRestarted for an exited container. */
export function shouldRestart(pod: Pick<Pod, "spec">, exitCode: number, isInit: boolean): boolean {
  const policy = restartPolicyOf(pod);
  if (isInit) return policy !== "Never" && exitCode !== 0;
  return policy === "Always" || (policy === "OnFailure" && exitCode !== 0);
}

function terminatedState(inst: ContainerInstance): ContainerState {
  const end = inst.end!;
  return {
    terminated: {
      exitCode: end.exitCode,
      reason: end.reason,
      ...(end.message ? { message: end.message } : {}),
      startedAt: formatTimestamp(inst.startedMs),
      finishedAt: formatTimestamp(end.atMs),
      containerID: runtimeContainerID(inst.id),
    },
  };
}

function containerStatus(pod: Stored<Pod>, c: Container, crt: ContainerRuntime | undefined, defaultWaiting: string): ContainerStatus {
  const cur = crt?.current;
  const base = { name: c.name, image: c.image ?? "", imageID: "", restartCount: crt?.restartCount ?? 0 };
  if (!cur) {
    const w = crt?.waiting;
    return { ...base, state: { waiting: w ? { reason: w.reason, message: w.message } : { reason: defaultWaiting } }, lastState: {}, ready: false, started: false };
  }
  const withInstance = { ...base, image: cur.imageRef, imageID: cur.imageID, containerID: runtimeContainerID(cur.id) };
  const last = crt!.previous?.exited ? terminatedState(crt!.previous) : {};
  if (!cur.exited) {
    const ready = crt!.isInit ? false : isReady(cur);
    return { ...withInstance, state: { running: { startedAt: formatTimestamp(cur.startedMs) } }, lastState: last, ready, started: cur.started };
  }
  const terminated = terminatedState(cur);
  const w = crt!.waiting;
  if (w && shouldRestart(pod, cur.end!.exitCode, crt!.isInit)) {
    return { ...withInstance, state: { waiting: { reason: w.reason, message: w.message } }, lastState: terminated, ready: false, started: false };
  }
  const ready = crt!.isInit && cur.end!.exitCode === 0;
  return { ...withInstance, state: terminated, lastState: last, ready, started: false };
}

/** getPhase (kubelet_pods.go, 1.30) over the generated statuses. */
export function getPhase(pod: Pick<Pod, "spec">, init: ContainerStatus[], app: ContainerStatus[], podIsTerminal: boolean): PodPhase {
  let pendingInit = 0;
  let failedInit = 0;
  for (const c of pod.spec.initContainers ?? []) {
    const s = init.find((x) => x.name === c.name);
    const st = s?.state as Partial<Record<"running" | "terminated" | "waiting", { exitCode?: number }>> | undefined;
    const last = s?.lastState as { terminated?: { exitCode: number } } | undefined;
    if (!s || !st) pendingInit++;
    else if (st.running) pendingInit++;
    else if (st.terminated) {
      if (st.terminated.exitCode !== 0) failedInit++;
    } else if (st.waiting) {
      if (last?.terminated) {
        if (last.terminated.exitCode !== 0) failedInit++;
      } else pendingInit++;
    } else pendingInit++;
  }
  let unknown = 0, running = 0, waiting = 0, stopped = 0, succeeded = 0;
  for (const c of pod.spec.containers) {
    const s = app.find((x) => x.name === c.name);
    const st = s?.state as Partial<Record<"running" | "terminated" | "waiting", { exitCode?: number }>> | undefined;
    if (!s || !st) unknown++;
    else if (st.running) running++;
    else if (st.terminated) {
      stopped++;
      if (st.terminated.exitCode === 0) succeeded++;
    } else if (st.waiting) {
      if ((s.lastState as { terminated?: unknown } | undefined)?.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }
  const policy = restartPolicyOf(pod);
  if (failedInit > 0 && policy === "Never") return "Failed";
  const anyRegularStarted = app.some((s) => {
    const st = s.state as { running?: unknown; terminated?: unknown } | undefined;
    return !!st?.running || !!st?.terminated || !!(s.lastState as { terminated?: unknown } | undefined)?.terminated;
  });
  if ((pendingInit > 0 && !anyRegularStarted) || waiting > 0) return "Pending";
  if (running > 0 && unknown === 0) return "Running";
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal) return stopped === succeeded ? "Succeeded" : "Failed";
    if (policy === "Always") return "Running";
    if (stopped === succeeded) return "Succeeded";
    if (policy === "Never") return "Failed";
    return "Running";
  }
  return "Pending";
}

function goList(names: string[]): string {
  return `[${names.join(" ")}]`;
}

function readyConditions(pod: Stored<Pod>, init: ContainerStatus[], app: ContainerStatus[], phase: PodPhase): { initialized: Omit<Condition, "lastTransitionTime">; ready: Omit<Condition, "lastTransitionTime"> } {
  const unknownInit: string[] = [];
  const incomplete: string[] = [];
  for (const c of pod.spec.initContainers ?? []) {
    const s = init.find((x) => x.name === c.name);
    if (!s) unknownInit.push(c.name);
    else if (!s.ready) incomplete.push(c.name);
  }
  let initialized: Omit<Condition, "lastTransitionTime">;
  if ((pod.spec.initContainers ?? []).length === 0) initialized = { type: "Initialized", status: "True" };
  else if (phase === "Succeeded" && unknownInit.length === 0) initialized = { type: "Initialized", status: "True", reason: "PodCompleted" };
  else {
    const msgs: string[] = [];
    if (unknownInit.length) msgs.push(`containers with unknown status: ${goList(unknownInit)}`);
    if (incomplete.length) msgs.push(`containers with incomplete status: ${goList(incomplete)}`);
    initialized = msgs.length ? { type: "Initialized", status: "False", reason: "ContainersNotInitialized", message: msgs.join(", ") } : { type: "Initialized", status: "True" };
  }
  const unknown: string[] = [];
  const unready: string[] = [];
  for (const c of pod.spec.containers) {
    const s = app.find((x) => x.name === c.name);
    if (!s) unknown.push(c.name);
    else if (!s.ready) unready.push(c.name);
  }
  let ready: Omit<Condition, "lastTransitionTime">;
  if (phase === "Succeeded" && unknown.length === 0) ready = { type: "ContainersReady", status: "False", reason: "PodCompleted" };
  else {
    const msgs: string[] = [];
    if (unknown.length) msgs.push(`containers with unknown status: ${goList(unknown)}`);
    if (unready.length) msgs.push(`containers with unready status: ${goList(unready)}`);
    ready = msgs.length ? { type: "ContainersReady", status: "False", reason: "ContainersNotReady", message: msgs.join(", ") } : { type: "ContainersReady", status: "True" };
  }
  return { initialized, ready };
}

/** Keep lastTransitionTime when the status of a condition did not change (status manager). */
function withTransition(c: Omit<Condition, "lastTransitionTime">, old: Condition[] | undefined, nowTs: string): Condition {
  const prev = old?.find((o) => o.type === c.type);
  return { ...c, lastProbeTime: null, lastTransitionTime: prev && prev.status === c.status ? prev.lastTransitionTime : nowTs };
}

/** The full status the kubelet would post for `pod` now. */
export function generatePodStatus(pod: Stored<Pod>, rt: PodRuntime, hostIP: string | undefined, nowMs: number): PodStatus {
  const old = pod.status ?? {};
  const nowTs = formatTimestamp(nowMs);
  const qosClass = old.qosClass ?? podQOSClass(pod);
  if (rt.rejected) {
    return { ...old, phase: "Failed", reason: rt.rejected.reason, message: `Pod was rejected: ${rt.rejected.message}`, qosClass };
  }
  const hasInit = (pod.spec.initContainers ?? []).length > 0;
  const defaultWaiting = hasInit ? "PodInitializing" : "ContainerCreating";
  const byName = (list: ContainerRuntime[], name: string) => list.find((c) => c.name === name);
  const init = (pod.spec.initContainers ?? []).map((c) => containerStatus(pod, c, byName(rt.initContainers, c.name), defaultWaiting));
  const app = pod.spec.containers.map((c) => containerStatus(pod, c, byName(rt.containers, c.name), defaultWaiting)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let phase = getPhase(pod, init, app, rt.terminal);
  if (rt.killedFor && rt.terminal) phase = "Failed";
  const { initialized, ready } = readyConditions(pod, init, app, phase);
  const kubeletConds: Condition[] = [
    withTransition({ type: "PodReadyToStartContainers", status: rt.sandboxReadyMs !== undefined ? "True" : "False" }, old.conditions, nowTs),
    withTransition(initialized, old.conditions, nowTs),
    withTransition({ ...ready, type: "Ready" }, old.conditions, nowTs),
    withTransition(ready, old.conditions, nowTs),
    // The kubelet always reports PodScheduled True (a pod bound by hand never met the scheduler).
    old.conditions?.find((c) => c.type === "PodScheduled") ?? withTransition({ type: "PodScheduled", status: "True" }, undefined, nowTs),
  ];
  const others = (old.conditions ?? []).filter((c) => !KUBELET_CONDITIONS.has(c.type));
  const status: PodStatus = {
    phase,
    conditions: [...kubeletConds, ...others],
    ...(rt.killedFor && rt.terminal ? { reason: rt.killedFor.reason, message: rt.killedFor.message } : {}),
    ...(hostIP ? { hostIP, hostIPs: [{ ip: hostIP }] } : {}),
    ...(rt.podIP ? { podIP: rt.podIP, podIPs: [{ ip: rt.podIP }] } : {}),
    startTime: formatTimestamp(rt.admittedMs),
    ...(hasInit ? { initContainerStatuses: init } : {}),
    containerStatuses: app,
    qosClass,
    ...(old.nominatedNodeName ? { nominatedNodeName: old.nominatedNodeName } : {}),
  };
  return status;
}
