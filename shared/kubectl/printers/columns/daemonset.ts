import { translateTimestampSince } from "../../../k8s/printers/timestamp.ts";
import { formatLabels, formatLabelSelector, layoutContainerCells, num } from "./helpers.ts";
import { col, type ColumnSet } from "./types.ts";

export const daemonSetColumns: ColumnSet<"DaemonSet"> = {
  columns: [
    col("Name"),
    col("Desired"),
    col("Current"),
    col("Ready"),
    col("Up-to-date"),
    col("Available"),
    col("Node Selector"),
    col("Age"),
    col("Containers", true),
    col("Images", true),
    col("Selector", true),
  ],
  nameColumn: 0,
  row(ds, { nowMs }) {
    const s = ds.status;
    const [names, images] = layoutContainerCells(ds.spec.template.spec.containers);
    return [
      ds.metadata.name,
      num(s?.desiredNumberScheduled),
      num(s?.currentNumberScheduled),
      num(s?.numberReady),
      num(s?.updatedNumberScheduled),
      num(s?.numberAvailable),
      formatLabels(ds.spec.template.spec.nodeSelector),
      translateTimestampSince(ds.metadata.creationTimestamp, nowMs),
      names,
      images,
      formatLabelSelector(ds.spec.selector),
    ];
  },
};
