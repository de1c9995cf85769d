import type { Stored } from "../../../k8s/kinds.ts";
import type { Pod } from "../../../k8s/schema/pod.ts";
import { translateTimestampSince } from "../../../k8s/printers/timestamp.ts";
import type { Store } from "../../../sim/store.ts";
import { printAnnotationsMultiline, printController, printLabelsMultiline, printTolerationsMultiline } from "./common.ts";
import { describeContainers } from "./containers.ts";
import { describeEvents, eventsFor } from "./events.ts";
import { getPodQOS } from "./qos.ts";
import { describeTime } from "./time.ts";
import { describeVolumes } from "./volumes.ts";
import { DescribeWriter, LEVEL_0, LEVEL_1 } from "./writer.ts";

/** describePod. */
export function describePod(store: Store, pod: Stored<Pod>, nowMs: number): string {
  const w = new DescribeWriter();
  const spec = pod.spec;
  const status = pod.status ?? {};
  w.write(LEVEL_0, `Name:\t${pod.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${pod.metadata.namespace ?? ""}\n`);
  if (spec.priority != null) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(LEVEL_0, spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ""}\n` : "Node:\t<none>\n");
  if (status.startTime) w.write(LEVEL_0, `Start Time:\t${describeTime(status.startTime)}\n`);
  printLabelsMultiline(w, "Labels", pod.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp && status.phase !== "Failed" && status.phase !== "Succeeded") {
    w.write(LEVEL_0, `Status:\tTerminating (lasts ${translateTimestampSince(pod.metadata.deletionTimestamp, nowMs)})\n`);
    w.write(LEVEL_0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(LEVEL_0, `Status:\t${status.phase ?? ""}\n`);
  }
  if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
  w.write(LEVEL_0, `IP:\t${status.podIP ?? ""}\n`);
  if (!status.podIPs || status.podIPs.length === 0) {
    w.write(LEVEL_0, "IPs:\t<none>\n");
  } else {
    w.write(LEVEL_0, "IPs:\n");
    for (const ip of status.podIPs) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
  }
  const controlledBy = printController(pod.metadata);
  if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
  if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  if (spec.initContainers && spec.initContainers.length > 0) {
    describeContainers(w, "Init Containers", spec.initContainers, status.initContainerStatuses ?? [], pod, "");
  }
  describeContainers(w, "Containers", spec.containers, status.containerStatuses ?? [], pod, "");
  describeReadinessGates(w, pod);
  const conditions = status.conditions ?? [];
  if (conditions.length > 0) {
    w.write(LEVEL_0, "Conditions:\n  Type\tStatus\n");
    for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, spec.volumes, "");
  w.write(LEVEL_0, `QoS Class:\t${status.qosClass || getPodQOS(pod)}\n`);
  printLabelsMultiline(w, "Node-Selectors", spec.nodeSelector);
  printTolerationsMultiline(w, "Tolerations", spec.tolerations);
  describeEvents(w, eventsFor(store, "Pod", pod), nowMs);
  return w.toString();
}

function describeReadinessGates(w: DescribeWriter, pod: Pod): void {
  const gates = Array.isArray(pod.spec.readinessGates) ? (pod.spec.readinessGates as { conditionType: string }[]) : [];
  if (gates.length === 0) return;
  w.write(LEVEL_0, "Readiness Gates:\n  Type\tStatus\n");
  for (const g of gates) {
    const c = (pod.status?.conditions ?? []).find((x) => x.type === g.conditionType);
    w.write(LEVEL_1, `${g.conditionType} \t${c ? c.status : "<none>"} \n`);
  }
}
