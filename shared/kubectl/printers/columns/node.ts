import type { Node } from "../../../k8s/schema/node.ts";
import { translateTimestampSince } from "../../../k8s/printers/timestamp.ts";
import { col, type ColumnSet } from "./types.ts";

const LABEL_NODE_ROLE_PREFIX = "node-role.kubernetes.io/";
const NODE_LABEL_ROLE = "kubernetes.io/role";

/** findNodeRoles: `node-role.kubernetes.io/<role>` keys and `kubernetes.io/role=<role>` values, sorted. */
export function findNodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith(LABEL_NODE_ROLE_PREFIX)) {
      const role = k.slice(LABEL_NODE_ROLE_PREFIX.length);
      if (role.length > 0) roles.add(role);
    } else if (k === NODE_LABEL_ROLE && v !== "") {
      roles.add(v);
    }
  }
  return [...roles].sort();
}

/** STATUS: Ready/NotReady from the Ready condition (Unknown without one), then SchedulingDisabled. */
export function nodeStatus(node: Node): string {
  const ready = (node.status?.conditions ?? []).filter((c) => c.type === "Ready").pop();
  const status = [ready ? (ready.status === "True" ? "Ready" : "NotReady") : "Unknown"];
  if (node.spec?.unschedulable) status.push("SchedulingDisabled");
  return status.join(",");
}

function address(node: Node, type: string): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? "<none>";
}

export const nodeColumns: ColumnSet<"Node"> = {
  columns: [
    col("Name"),
    col("Status"),
    col("Roles"),
    col("Age"),
    col("Version"),
    col("Internal-IP", true),
    col("External-IP", true),
    col("OS-Image", true),
    col("Kernel-Version", true),
    col("Container-Runtime", true),
  ],
  nameColumn: 0,
  row(node, { nowMs }) {
    const info = node.status?.nodeInfo ?? {};
    const roles = findNodeRoles(node).join(",");
    return [
      node.metadata.name,
      nodeStatus(node),
      roles || "<none>",
      translateTimestampSince(node.metadata.creationTimestamp, nowMs),
      info.kubeletVersion ?? "",
      address(node, "InternalIP"),
      address(node, "ExternalIP"),
      info.osImage || "<unknown>",
      info.kernelVersion || "<unknown>",
      info.containerRuntimeVersion || "<unknown>",
    ];
  },
};
