import type { Condition } from "../schema/meta.ts";
import type { Container, ContainerState, ContainerStatus, Pod } from "../schema/pod.ts";
import { humanDuration } from "../duration.ts";
import { parseTimestamp } from "../time.ts";
import { translateTimestampSince } from "./timestamp.ts";

export { translateTimestampSince } from "./timestamp.ts";

/** The cells of one `kubectl get pods` row. */
export interface PodRow {
  NAME: string;
  READY: string;
  STATUS: string;
  RESTARTS: string;
  AGE: string;
}

/** The extra cells `kubectl get pods -o wide` appends. */
export interface PodWideExtras {
  IP: string;
  NODE: string;
  "NOMINATED NODE": string;
  "READINESS GATES": string;
}

/** pkg/util/node NodeUnreachablePodReason: set on pods of a node that stopped reporting. */
const NODE_UNREACHABLE_POD_REASON = "NodeLost";

type StatusLike = Partial<Pick<ContainerStatus, "name" | "ready" | "restartCount" | "started">> & {
  state?: ContainerState | Record<string, never>;
  lastState?: ContainerState | Record<string, never>;
};

const waitingOf = (s: StatusLike["state"]) => (s && "waiting" in s ? s.waiting ?? {} : undefined);
const runningOf = (s: StatusLike["state"]) => (s && "running" in s ? s.running ?? {} : undefined);
const terminatedOf = (s: StatusLike["state"]) => (s && "terminated" in s ? s.terminated : undefined);

/** podutil.IsRestartableInitContainer: an init container with restartPolicy Always (a sidecar). */
function isRestartableInit(c: Container | undefined): boolean {
  return c?.restartPolicy === "Always";
}

/** `metav1.Time.Before`: a zero (missing) finish time never moves the last restart. */
function laterFinish(current: number, status: StatusLike): number {
  const finished = terminatedOf(status.lastState)?.finishedAt;
  if (!finished) return current;
  const ms = parseTimestamp(finished);
  return Number.isNaN(ms) || ms <= current ? current : ms;
}

const hasCondition = (conds: readonly Condition[] | undefined, type: string) =>
  (conds ?? []).some((c) => c.type === type && c.status === "True");

/**
 * One row of `kubectl get pods`, ported from printPod in pkg/printers/internalversion/printers.go.
 * STATUS is the phase, overridden in this order: status.reason (Evicted, NodeLost...), the
 * SchedulingGated condition, the first init container not yet done (`Init:1/2`,
 * `Init:CrashLoopBackOff`, `Init:Error`, `Init:ExitCode:1`), then — once initialized — the
 * first app container's waiting or terminated reason, and finally Terminating/Unknown for
 * deleted pods. `now` is only read through getTime(): shared/ never constructs a Date.
 */
export function printPodRow(pod: Pod, now: Date): PodRow {
  const nowMs = now.getTime();
  const spec = pod.spec;
  const status = pod.status ?? {};
  let restarts = 0;
  let sidecarRestarts = 0;
  let totalContainers = spec.containers.length;
  let readyContainers = 0;
  /** -Infinity plays Go's zero time: "no restart recorded". */
  let lastRestartMs = -Infinity;
  let lastSidecarRestartMs = -Infinity;

  const phase = status.phase ?? "";
  let reason: string = status.reason ? status.reason : phase;
  for (const c of status.conditions ?? []) {
    if (c.type === "PodScheduled" && c.reason === "SchedulingGated") reason = "SchedulingGated";
  }

  const initContainers = new Map<string, Container>();
  for (const c of spec.initContainers ?? []) {
    initContainers.set(c.name, c);
    if (isRestartableInit(c)) totalContainers++;
  }
  const initCount = spec.initContainers?.length ?? 0;

  let initializing = false;
  const initStatuses: StatusLike[] = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    restarts += cs.restartCount ?? 0;
    lastRestartMs = laterFinish(lastRestartMs, cs);
    const sidecar = isRestartableInit(initContainers.get(cs.name ?? ""));
    if (sidecar) {
      sidecarRestarts += cs.restartCount ?? 0;
      lastSidecarRestartMs = laterFinish(lastSidecarRestartMs, cs);
    }
    const terminated = terminatedOf(cs.state);
    const waiting = waitingOf(cs.state);
    if (terminated && terminated.exitCode === 0) continue;
    if (sidecar && cs.started === true) {
      if (cs.ready) readyContainers++;
      continue;
    }
    if (terminated) {
      if (!terminated.reason) {
        reason = terminated.signal ? `Init:Signal:${terminated.signal}` : `Init:ExitCode:${terminated.exitCode}`;
      } else {
        reason = `Init:${terminated.reason}`;
      }
    } else if (waiting && waiting.reason && waiting.reason !== "PodInitializing") {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${initCount}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || hasCondition(status.conditions, "Initialized")) {
    restarts = sidecarRestarts;
    lastRestartMs = lastSidecarRestartMs;
    let hasRunning = false;
    const statuses: StatusLike[] = status.containerStatuses ?? [];
    // Backwards, so the first container's reason is the one left standing.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      restarts += cs.restartCount ?? 0;
      lastRestartMs = laterFinish(lastRestartMs, cs);
      const waiting = waitingOf(cs.state);
      const terminated = terminatedOf(cs.state);
      if (waiting && waiting.reason) {
        reason = waiting.reason;
      } else if (terminated && terminated.reason) {
        reason = terminated.reason;
      } else if (terminated) {
        reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`;
      } else if (cs.ready && runningOf(cs.state)) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A pod whose first container completed but another still runs is still serving.
    if (reason === "Completed" && hasRunning) {
      reason = hasCondition(status.conditions, "Ready") ? "Running" : "NotReady";
    }
  }

  if (pod.metadata.deletionTimestamp && status.reason === NODE_UNREACHABLE_POD_REASON) {
    reason = "Unknown";
  } else if (pod.metadata.deletionTimestamp && phase !== "Succeeded" && phase !== "Failed") {
    reason = "Terminating";
  }

  let restartsCell = String(restarts);
  if (restarts !== 0 && Number.isFinite(lastRestartMs)) {
    restartsCell = `${restarts} (${humanDuration(nowMs - lastRestartMs)} ago)`;
  }
  return {
    NAME: pod.metadata.name ?? "",
    READY: `${readyContainers}/${totalContainers}`,
    STATUS: reason,
    RESTARTS: restartsCell,
    AGE: translateTimestampSince(pod.metadata.creationTimestamp, nowMs),
  };
}

/** The columns `-o wide` adds: first pod IP, node, nominated node, readiness gates `true/total`. */
export function printPodWideExtras(pod: Pod): PodWideExtras {
  const status = pod.status ?? {};
  const podIP = status.podIPs?.[0]?.ip || status.podIP || "<none>";
  const gates = readinessGatesOf(pod);
  let readinessGates = "<none>";
  if (gates.length > 0) {
    let trueConditions = 0;
    for (const gate of gates) {
      const cond = (status.conditions ?? []).find((c) => c.type === gate.conditionType);
      if (cond?.status === "True") trueConditions++;
    }
    readinessGates = `${trueConditions}/${gates.length}`;
  }
  return {
    IP: podIP,
    NODE: pod.spec.nodeName || "<none>",
    "NOMINATED NODE": status.nominatedNodeName || "<none>",
    "READINESS GATES": readinessGates,
  };
}

/** spec.readinessGates is accepted but not typed by the schema (no controller acts on it). */
function readinessGatesOf(pod: Pod): { conditionType: string }[] {
  const gates = pod.spec.readinessGates;
  return Array.isArray(gates) ? (gates as { conditionType: string }[]) : [];
}
