import type { Stored } from "../../../k8s/kinds.ts";
import { canonicalizeQuantity, parseQuantityBytes, parseQuantityMillis } from "../../../k8s/quantity.ts";
import type { Node } from "../../../k8s/schema/node.ts";
import type { Pod } from "../../../k8s/schema/pod.ts";
import { translateTimestampSince } from "../../../k8s/printers/timestamp.ts";
import type { Store } from "../../../sim/store.ts";
import { findNodeRoles } from "../columns/node.ts";
import { printAnnotationsMultiline, printLabelsMultiline, printTaintsMultiline } from "./common.ts";
import { describeEvents, eventsFor } from "./events.ts";
import { addAmounts, formatAmount, percent, podResource, type Amount } from "./resources.ts";
import { describeTime, formatRFC1123Z } from "./time.ts";
import { DescribeWriter, LEVEL_0, LEVEL_1 } from "./writer.ts";

/** describeNode. */
export function describeNode(store: Store, node: Stored<Node>, nowMs: number): string {
  const w = new DescribeWriter();
  const status = node.status ?? {};
  const name = node.metadata.name;
  w.write(LEVEL_0, `Name:\t${name}\n`);
  w.write(LEVEL_0, `Roles:\t${findNodeRoles(node).join(",") || "<none>"}\n`);
  printLabelsMultiline(w, "Labels", node.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", node.metadata.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${describeTime(node.metadata.creationTimestamp)}\n`);
  printTaintsMultiline(w, "Taints", node.spec?.taints);
  w.write(LEVEL_0, `Unschedulable:\t${node.spec?.unschedulable === true}\n`);
  describeLease(w, store, name);
  const conditions = status.conditions ?? [];
  if (conditions.length > 0) {
    w.write(LEVEL_0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
    w.write(LEVEL_1, "----\t------\t-----------------\t------------------\t------\t-------\n");
    for (const c of conditions) {
      w.write(LEVEL_1, `${c.type} \t${c.status} \t${describeTime(c.lastHeartbeatTime)} \t${describeTime(c.lastTransitionTime)} \t${c.reason ?? ""} \t${c.message ?? ""}\n`);
    }
  }
  w.write(LEVEL_0, "Addresses:\n");
  for (const a of status.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
  for (const [title, list] of [["Capacity", status.capacity], ["Allocatable", status.allocatable]] as const) {
    const names = Object.keys(list ?? {}).sort();
    if (names.length === 0) continue;
    w.write(LEVEL_0, `${title}:\n`);
    for (const r of names) w.write(LEVEL_0, `  ${r}:\t${canonicalizeQuantity(list![r])}\n`);
  }
  const info = status.nodeInfo ?? {};
  w.write(LEVEL_0, "System Info:\n");
  const sys: [string, string][] = [
    ["Machine ID", "machineID"],
    ["System UUID", "systemUUID"],
    ["Boot ID", "bootID"],
    ["Kernel Version", "kernelVersion"],
    ["OS Image", "osImage"],
    ["Operating System", "operatingSystem"],
    ["Architecture", "architecture"],
    ["Container Runtime Version", "containerRuntimeVersion"],
    ["Kubelet Version", "kubeletVersion"],
    ["Kube-Proxy Version", "kubeProxyVersion"],
  ];
  for (const [label, key] of sys) w.write(LEVEL_0, `  ${label}:\t${info[key] ?? ""}\n`);
  if (node.spec?.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if (node.spec?.podCIDRs && node.spec.podCIDRs.length > 0) w.write(LEVEL_0, `PodCIDRs:\t${node.spec.podCIDRs.join(",")}\n`);
  if (node.spec?.providerID) w.write(LEVEL_0, `ProviderID:\t${node.spec.providerID}\n`);
  describeNodeResource(w, store, node, nowMs);
  describeEvents(w, eventsFor(store, "Node", node), nowMs);
  return w.toString();
}

/**
 * Simplification: the simulator keeps no Lease objects; the node's lease in kube-node-lease is
 * what the kubelet renews with every heartbeat, so it is rebuilt from the kubelet's last one.
 */
function describeLease(w: DescribeWriter, store: Store, name: string): void {
  const renewMs = store.state.nodes[name]?.lastHeartbeatMs ?? 0;
  w.write(LEVEL_0, "Lease:\n");
  w.write(LEVEL_1, `HolderIdentity:\t${name}\n`);
  w.write(LEVEL_1, "AcquireTime:\t<unset>\n");
  w.write(LEVEL_1, `RenewTime:\t${renewMs > 0 ? formatRFC1123Z(renewMs) : "<unset>"}\n`);
}

/** describeNodeResource: the non-terminated pods bound to the node and what they request of it. */
function describeNodeResource(w: DescribeWriter, store: Store, node: Stored<Node>, nowMs: number): void {
  const pods = [...store.podKeysOnNode(node.metadata.name)]
    .sort()
    .map((k) => store.get("Pod", k))
    .filter((p): p is Stored<Pod> => !!p && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed");
  const status = node.status ?? {};
  const allocatable = Object.keys(status.allocatable ?? {}).length > 0 ? status.allocatable! : status.capacity ?? {};
  const allocCpu = allocatable.cpu !== undefined ? parseQuantityMillis(allocatable.cpu) : 0;
  const allocMem = allocatable.memory !== undefined ? parseQuantityBytes(allocatable.memory) : 0;
  const allocDisk = allocatable["ephemeral-storage"] !== undefined ? parseQuantityBytes(allocatable["ephemeral-storage"]) : 0;
  const whole: Record<string, number> = { cpu: allocCpu, memory: allocMem, "ephemeral-storage": allocDisk };
  const cell = (r: string, a: Amount) => `${formatAmount(r, a)} (${percent(a.value, whole[r])}%)`;

  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
  w.write(LEVEL_1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
  const totals: Record<string, { req: Amount; lim: Amount }> = {};
  for (const r of ["cpu", "memory", "ephemeral-storage"]) totals[r] = { req: { value: 0, binary: false }, lim: { value: 0, binary: false } };
  for (const pod of pods) {
    const row: string[] = [];
    for (const r of ["cpu", "memory", "ephemeral-storage"]) {
      const req = podResource(pod, "requests", r);
      const lim = podResource(pod, "limits", r);
      totals[r] = { req: addAmounts(totals[r].req, req), lim: addAmounts(totals[r].lim, lim) };
      if (r !== "ephemeral-storage") row.push(cell(r, req), cell(r, lim));
    }
    w.write(LEVEL_1, `${pod.metadata.namespace ?? ""}\t${pod.metadata.name}\t\t${row.join("\t")}\t${translateTimestampSince(pod.metadata.creationTimestamp, nowMs)}\n`);
  }
  w.write(LEVEL_0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n");
  w.write(LEVEL_1, "Resource\tRequests\tLimits\n");
  w.write(LEVEL_1, "--------\t--------\t------\n");
  for (const r of ["cpu", "memory", "ephemeral-storage"]) {
    w.write(LEVEL_1, `${r}\t${cell(r, totals[r].req)}\t${cell(r, totals[r].lim)}\n`);
  }
}
