import { translateTimestampSince } from "../../../k8s/printers/timestamp.ts";
import { formatLabelSelector, layoutContainerCells, num } from "./helpers.ts";
import { col, type ColumnSet } from "./types.ts";

export const replicaSetColumns: ColumnSet<"ReplicaSet"> = {
  columns: [
    col("Name"),
    col("Desired"),
    col("Current"),
    col("Ready"),
    col("Age"),
    col("Containers", true),
    col("Images", true),
    col("Selector", true),
  ],
  nameColumn: 0,
  row(rs, { nowMs }) {
    const [names, images] = layoutContainerCells(rs.spec.template?.spec.containers ?? []);
    return [
      rs.metadata.name,
      num(rs.spec.replicas),
      num(rs.status?.replicas),
      num(rs.status?.readyReplicas),
      translateTimestampSince(rs.metadata.creationTimestamp, nowMs),
      names,
      images,
      formatLabelSelector(rs.spec.selector),
    ];
  },
};
