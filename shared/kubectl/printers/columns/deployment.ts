import { translateTimestampSince } from "../../../k8s/printers/timestamp.ts";
import { layoutContainerCells, num, selectorString } from "./helpers.ts";
import { col, type ColumnSet } from "./types.ts";

/** printDeployment: READY is readyReplicas/spec.replicas. */
export const deploymentColumns: ColumnSet<"Deployment"> = {
  columns: [
    col("Name"),
    col("Ready"),
    col("Up-to-date"),
    col("Available"),
    col("Age"),
    col("Containers", true),
    col("Images", true),
    col("Selector", true),
  ],
  nameColumn: 0,
  row(d, { nowMs }) {
    const s = d.status ?? {};
    const [names, images] = layoutContainerCells(d.spec.template.spec.containers);
    return [
      d.metadata.name,
      `${num(s.readyReplicas)}/${num(d.spec.replicas)}`,
      num(s.updatedReplicas),
      num(s.availableReplicas),
      translateTimestampSince(d.metadata.creationTimestamp, nowMs),
      names,
      images,
      selectorString(d.spec.selector),
    ];
  },
};
