import { describe, expect, it } from "vitest";
import type { Pod, PodStatus } from "../../../../shared/k8s/schema/pod.ts";
import { printPodRow, printPodWideExtras, translateTimestampSince } from "../../../../shared/k8s/printers/pod-row.ts";
import { formatTimestamp, parseTimestamp } from "../../../../shared/k8s/time.ts";

// Tables ported from pkg/printers/internalversion/printers_test.go (TestPrintPod,
// TestPrintPodWithRestartableInitContainer, TestPrintPodwide, TestPrintNonTerminatedPod,
// TestPrintPodConditions, TestTranslateTimestampSince). Go's `make([]api.Container, n)` is n
// nameless containers; "time.Now().Add(-10s)" is `ago(10_000)` against a fixed clock.

const NOW = new Date("2025-01-01T09:00:00Z");
const ago = (ms: number) => formatTimestamp(NOW.getTime() - ms);
const SEC = 1000;
const DAY = 24 * 3600 * SEC;
const sidecar = (name: string) => ({ name, restartPolicy: "Always" as const });

function pod(opts: {
  name?: string;
  containers?: number;
  init?: number | { name: string; restartPolicy?: "Always" }[];
  deleted?: boolean;
  created?: string;
  status?: Partial<PodStatus> & Record<string, unknown>;
  readinessGates?: string[];
  nodeName?: string;
}): Pod {
  const init = typeof opts.init === "number" ? Array.from({ length: opts.init }, () => ({ name: "" })) : opts.init;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: opts.name ?? "test1",
      ...(opts.deleted ? { deletionTimestamp: ago(10 * SEC) } : {}),
      ...(opts.created ? { creationTimestamp: opts.created } : {}),
    },
    spec: {
      containers: Array.from({ length: opts.containers ?? 1 }, () => ({ name: "" })),
      ...(init ? { initContainers: init } : {}),
      ...(opts.readinessGates ? { readinessGates: opts.readinessGates.map((conditionType) => ({ conditionType })) } : {}),
      ...(opts.nodeName ? { nodeName: opts.nodeName } : {}),
    },
    status: opts.status as PodStatus,
  };
}

const running = { running: {} };
const waiting = (reason?: string) => ({ waiting: reason ? { reason } : {} });
const terminated = (t: { exitCode?: number; reason?: string; signal?: number; finishedAt?: string }) => ({ terminated: { exitCode: 0, ...t } });
const lastTerminated = (msAgo: number) => ({ terminated: { exitCode: 0, finishedAt: ago(msAgo) } });
const cs = (s: Record<string, unknown>) => ({ name: "", ready: false, restartCount: 0, image: "", imageID: "", ...s });

type Row = [string, string, string, string, string];
const row = (p: Pod): Row => {
  const r = printPodRow(p, NOW);
  return [r.NAME, r.READY, r.STATUS, r.RESTARTS, r.AGE];
};

describe("printPodRow: TestPrintPod", () => {
  it.each<[string, Pod, Row]>([
    ["name, containers, restarts, ready count", pod({ containers: 2, status: { phase: "podPhase" as never, containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ restartCount: 3 })] } }), ["test1", "1/2", "podPhase", "6", "<unknown>"]],
    ["a container's waiting reason overrides the phase", pod({ containers: 2, status: { phase: "podPhase" as never, containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ state: waiting("ContainerWaitingReason"), restartCount: 3 })] } }), ["test1", "1/2", "ContainerWaitingReason", "6", "<unknown>"]],
    ["the first container's reason wins", pod({ containers: 2, status: { phase: "podPhase" as never, containerStatuses: [cs({ state: waiting("ContainerWaitingReason"), restartCount: 3 }), cs({ state: terminated({ reason: "ContainerTerminatedReason" }), restartCount: 3 })] } }), ["test1", "0/2", "ContainerWaitingReason", "6", "<unknown>"]],
    ["ready without running is not counted", pod({ containers: 2, status: { phase: "podPhase" as never, containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ ready: true, restartCount: 3 })] } }), ["test1", "1/2", "podPhase", "6", "<unknown>"]],
    ["status.reason overrides the phase", pod({ containers: 2, status: { reason: "podReason", phase: "podPhase" as never, containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ ready: true, restartCount: 3 })] } }), ["test1", "1/2", "podReason", "6", "<unknown>"]],
    ["one Completed and one running without Ready condition: NotReady", pod({ containers: 2, status: { phase: "Running", containerStatuses: [cs({ ready: true, restartCount: 3, state: terminated({ reason: "Completed" }) }), cs({ ready: true, restartCount: 3, state: running })] } }), ["test1", "1/2", "NotReady", "6", "<unknown>"]],
    ["one Completed and one running with Ready condition: Running", pod({ containers: 2, status: { phase: "Running", conditions: [{ type: "Ready", status: "True" }], containerStatuses: [cs({ ready: true, restartCount: 3, state: terminated({ reason: "Completed" }) }), cs({ ready: true, restartCount: 3, state: running })] } }), ["test1", "1/2", "Running", "6", "<unknown>"]],
    ["an init container restarting: Init:0/1 and the last restart time", pod({ init: 1, status: { phase: "podPhase" as never, initContainerStatuses: [cs({ restartCount: 3, state: running, lastState: lastTerminated(10 * SEC) })], containerStatuses: [cs({ state: waiting() })] } }), ["test1", "0/1", "Init:0/1", "3 (10s ago)", "<unknown>"]],
    ["two init containers, the first restarting: Init:0/2", pod({ init: 2, status: { phase: "podPhase" as never, initContainerStatuses: [cs({ restartCount: 3, state: running, lastState: lastTerminated(10 * SEC) }), cs({ state: waiting() })], containerStatuses: [cs({ state: waiting() })] } }), ["test1", "0/1", "Init:0/2", "3 (10s ago)", "<unknown>"]],
    ["first init done, second restarting: Init:1/2", pod({ init: 2, status: { phase: "podPhase" as never, initContainerStatuses: [cs({ state: terminated({}) }), cs({ restartCount: 3, state: running, lastState: lastTerminated(10 * SEC) })], containerStatuses: [cs({ state: waiting() })] } }), ["test1", "0/1", "Init:1/2", "3 (10s ago)", "<unknown>"]],
    ["restarts of completed init containers add up", pod({ init: 2, status: { phase: "podPhase" as never, initContainerStatuses: [cs({ restartCount: 2, state: terminated({}), lastState: lastTerminated(120 * SEC) }), cs({ restartCount: 3, state: running, lastState: lastTerminated(10 * SEC) })], containerStatuses: [cs({ state: waiting() })] } }), ["test1", "0/1", "Init:1/2", "5 (10s ago)", "<unknown>"]],
    ["once initialized only app container restarts count", pod({ init: 1, status: { phase: "Running", initContainerStatuses: [cs({ restartCount: 2, state: terminated({}), lastState: lastTerminated(120 * SEC) })], containerStatuses: [cs({ restartCount: 4, state: running, lastState: lastTerminated(20 * SEC) })] } }), ["test1", "0/1", "Running", "4 (20s ago)", "<unknown>"]],
    ["a restart 5 days ago", pod({ status: { phase: "Running", containerStatuses: [cs({ ready: true, restartCount: 3, state: running, lastState: lastTerminated(5 * DAY) })] } }), ["test1", "1/1", "Running", "3 (5d ago)", "<unknown>"]],
    ["one never restarted, the other 10 days ago", pod({ containers: 2, status: { phase: "Running", containerStatuses: [cs({ ready: true, state: running }), cs({ ready: true, restartCount: 3, state: running, lastState: lastTerminated(10 * DAY) })] } }), ["test1", "2/2", "Running", "3 (10d ago)", "<unknown>"]],
    ["the most recent of several restarts", pod({ containers: 2, status: { phase: "Running", containerStatuses: [cs({ ready: true, restartCount: 6, state: running, lastState: lastTerminated(5 * DAY) }), cs({ ready: true, restartCount: 3, state: running, lastState: lastTerminated(20 * DAY) })] } }), ["test1", "2/2", "Running", "9 (5d ago)", "<unknown>"]],
    ["PodScheduled condition with reason SchedulingGated", pod({ containers: 2, status: { phase: "podPhase" as never, conditions: [{ type: "PodScheduled", status: "False", reason: "SchedulingGated" }] } }), ["test1", "0/2", "SchedulingGated", "0", "<unknown>"]],
    ["Succeeded", pod({ status: { phase: "Succeeded", containerStatuses: [cs({ state: terminated({ reason: "Completed" }) })] } }), ["test1", "0/1", "Completed", "0", "<unknown>"]],
    ["Failed", pod({ status: { phase: "Failed", containerStatuses: [cs({ state: terminated({ reason: "Error", exitCode: 1 }) })] } }), ["test1", "0/1", "Error", "0", "<unknown>"]],
    ["Succeeded and deleted stays Completed", pod({ deleted: true, status: { phase: "Succeeded", containerStatuses: [cs({ state: terminated({ reason: "Completed" }) })] } }), ["test1", "0/1", "Completed", "0", "<unknown>"]],
    ["Running and deleted: Terminating", pod({ deleted: true, status: { phase: "Running", containerStatuses: [cs({ state: running })] } }), ["test1", "0/1", "Terminating", "0", "<unknown>"]],
    ["Pending and deleted: Terminating", pod({ deleted: true, status: { phase: "Pending" } }), ["test1", "0/1", "Terminating", "0", "<unknown>"]],
  ])("%s", (_name, p, expected) => {
    expect(row(p)).toEqual(expected);
  });
});

describe("printPodRow: TestPrintPodWithRestartableInitContainer (sidecars)", () => {
  const sidecars = [sidecar("restartable-init-1"), sidecar("restartable-init-2")];
  it.each<[string, Pod, Row]>([
    ["first sidecar running but not started", pod({ init: sidecars, status: { phase: "Pending", conditions: [{ type: "Initialized", status: "False" }], initContainerStatuses: [cs({ name: "restartable-init-1", restartCount: 3, state: running, started: false, lastState: lastTerminated(10 * SEC) }), cs({ name: "restartable-init-2", state: waiting(), started: false })], containerStatuses: [cs({ state: waiting() })] } }), ["test1", "0/3", "Init:0/2", "3 (10s ago)", "<unknown>"]],
    ["first started, second running but not started", pod({ init: sidecars, status: { phase: "Pending", conditions: [{ type: "Initialized", status: "False" }], initContainerStatuses: [cs({ name: "restartable-init-1", restartCount: 3, state: running, started: true, lastState: lastTerminated(10 * SEC) }), cs({ name: "restartable-init-2", state: running, started: false })], containerStatuses: [cs({ state: waiting() })] } }), ["test1", "0/3", "Init:1/2", "3 (10s ago)", "<unknown>"]],
    ["both started and the app container running", pod({ init: sidecars, status: { phase: "Running", conditions: [{ type: "Initialized", status: "True" }], initContainerStatuses: [cs({ name: "restartable-init-1", restartCount: 3, state: running, started: true, lastState: lastTerminated(10 * SEC) }), cs({ name: "restartable-init-2", state: running, started: true })], containerStatuses: [cs({ ready: true, restartCount: 4, state: running, lastState: lastTerminated(20 * SEC) })] } }), ["test1", "1/3", "Running", "7 (10s ago)", "<unknown>"]],
    ["sidecars failed and the app container completed", pod({ init: sidecars, status: { phase: "Succeeded", conditions: [{ type: "Initialized", status: "True" }], initContainerStatuses: [cs({ name: "restartable-init-1", restartCount: 3, state: terminated({ reason: "Error", exitCode: 137 }), started: false, lastState: lastTerminated(10 * SEC) }), cs({ name: "restartable-init-2", state: terminated({ reason: "Error", exitCode: 137 }), started: false })], containerStatuses: [cs({ restartCount: 4, state: terminated({ reason: "Completed" }), lastState: lastTerminated(20 * SEC) })] } }), ["test1", "0/3", "Completed", "7 (10s ago)", "<unknown>"]],
    ["statuses of containers the spec does not have", pod({ init: [{ name: "init1" }, sidecar("sidecar1")], status: { phase: "Running", initContainerStatuses: [cs({ name: "initinvalid" }), cs({ name: "init1" }), cs({ name: "sidecar1" })], containerStatuses: [cs({ name: "containerinvalid" }), cs({ name: "container1" })] } }), ["test1", "0/2", "Init:0/2", "0", "<unknown>"]],
  ])("%s", (_name, p, expected) => {
    expect(row(p)).toEqual(expected);
  });
});

describe("printPodRow: TestPrintNonTerminatedPod and TestPrintPodConditions", () => {
  const statuses = [cs({ ready: true, restartCount: 3, state: running }), cs({ restartCount: 3 })];
  it.each(["Running", "Pending", "Unknown", "Succeeded", "Failed"] as const)("phase %s is printed as is", (phase) => {
    expect(row(pod({ containers: 2, status: { phase, containerStatuses: statuses } }))).toEqual(["test1", "1/2", phase, "6", "<unknown>"]);
  });
});

describe("printPodRow: the statuses players meet", () => {
  it.each<[string, Partial<PodStatus> & Record<string, unknown>, string, boolean?]>([
    ["Evicted (status.reason)", { phase: "Failed", reason: "Evicted", containerStatuses: [] }, "Evicted"],
    ["CrashLoopBackOff", { phase: "Running", containerStatuses: [cs({ restartCount: 5, state: waiting("CrashLoopBackOff") })] }, "CrashLoopBackOff"],
    ["ContainerCreating", { phase: "Pending", containerStatuses: [cs({ state: waiting("ContainerCreating") })] }, "ContainerCreating"],
    ["ImagePullBackOff", { phase: "Pending", containerStatuses: [cs({ state: waiting("ImagePullBackOff") })] }, "ImagePullBackOff"],
    ["ErrImagePull", { phase: "Pending", containerStatuses: [cs({ state: waiting("ErrImagePull") })] }, "ErrImagePull"],
    ["CreateContainerConfigError", { phase: "Pending", containerStatuses: [cs({ state: waiting("CreateContainerConfigError") })] }, "CreateContainerConfigError"],
    ["OOMKilled", { phase: "Running", containerStatuses: [cs({ state: terminated({ reason: "OOMKilled", exitCode: 137 }) })] }, "OOMKilled"],
    ["a signal without a reason", { phase: "Running", containerStatuses: [cs({ state: terminated({ signal: 9, exitCode: 137 }) })] }, "Signal:9"],
    ["an exit code without a reason", { phase: "Running", containerStatuses: [cs({ state: terminated({ exitCode: 1 }) })] }, "ExitCode:1"],
    ["an init container that failed", { phase: "Pending", initContainerStatuses: [cs({ state: terminated({ reason: "Error", exitCode: 1 }) })] }, "Init:Error"],
    ["an init container in back-off", { phase: "Pending", initContainerStatuses: [cs({ state: waiting("CrashLoopBackOff") })] }, "Init:CrashLoopBackOff"],
    ["an init container killed by a signal", { phase: "Pending", initContainerStatuses: [cs({ state: terminated({ signal: 9, exitCode: 137 }) })] }, "Init:Signal:9"],
    ["an init container exiting without a reason", { phase: "Pending", initContainerStatuses: [cs({ state: terminated({ exitCode: 2 }) })] }, "Init:ExitCode:2"],
    ["PodInitializing is not an init failure", { phase: "Pending", initContainerStatuses: [cs({ state: waiting("PodInitializing") })] }, "Init:0/1"],
    ["a deleted pod of a lost node is Unknown", { phase: "Running", reason: "NodeLost", containerStatuses: [cs({ ready: true, state: running })] }, "Unknown", true],
    ["a lost node's pod not yet deleted shows the reason", { phase: "Running", reason: "NodeLost", containerStatuses: [cs({ ready: true, state: running })] }, "NodeLost", false],
  ])("%s ⇒ %s", (_name, status, expected, deleted) => {
    const init = status.initContainerStatuses ? 1 : undefined;
    expect(printPodRow(pod({ init, deleted, status }), NOW).STATUS).toBe(expected);
  });

  it("a restart without a recorded finish time prints the bare count", () => {
    const p = pod({ status: { phase: "Running", containerStatuses: [cs({ ready: true, restartCount: 2, state: running, lastState: { terminated: { exitCode: 1 } } })] } });
    expect(printPodRow(p, NOW).RESTARTS).toBe("2");
  });

  it("AGE is the human duration since creation", () => {
    expect(printPodRow(pod({ created: ago(3 * 60 * SEC + 10 * SEC) }), NOW).AGE).toBe("3m10s");
    expect(printPodRow(pod({ created: ago(50 * DAY) }), NOW).AGE).toBe("50d");
  });
});

describe("printPodWideExtras: TestPrintPodwide", () => {
  it("prints IP, node, nominated node and true/total readiness gates", () => {
    const p = pod({
      containers: 2,
      nodeName: "test1",
      readinessGates: ["condition1", "condition2", "condition3"],
      status: {
        phase: "podPhase" as never,
        podIPs: [{ ip: "1.1.1.1" }, { ip: "2001:db8::" }],
        nominatedNodeName: "node1",
        conditions: [{ type: "condition1", status: "False" }, { type: "condition2", status: "True" }],
      },
    });
    expect(printPodWideExtras(p)).toEqual({ IP: "1.1.1.1", NODE: "test1", "NOMINATED NODE": "node1", "READINESS GATES": "1/3" });
  });
  it("prints <none> for what is missing", () => {
    expect(printPodWideExtras(pod({ containers: 2, status: { phase: "Pending" } }))).toEqual({ IP: "<none>", NODE: "<none>", "NOMINATED NODE": "<none>", "READINESS GATES": "<none>" });
  });
});

describe("translateTimestampSince: TestTranslateTimestampSince", () => {
  const now = parseTimestamp("2025-01-01T09:00:00Z");
  it.each<[string, string | undefined, string]>([
    ["a while from now", formatTimestamp(now + 3000), "<invalid>"],
    ["almost now", formatTimestamp(now + 1000), "0s"],
    ["now", formatTimestamp(now), "0s"],
    ["unknown", undefined, "<unknown>"],
    ["30 seconds ago", formatTimestamp(now - 30_000), "30s"],
    ["5 minutes ago", formatTimestamp(now - 300_000), "5m"],
    ["an hour ago", formatTimestamp(now - 6_000_000), "100m"],
    ["2 days ago", formatTimestamp(now - 2 * DAY), "2d"],
    ["months ago", formatTimestamp(now - 90 * DAY), "90d"],
    ["10 years ago", formatTimestamp(now - 3650 * DAY), "10y"],
  ])("%s ⇒ %s", (_name, ts, expected) => {
    expect(translateTimestampSince(ts, now)).toBe(expected);
  });
});
