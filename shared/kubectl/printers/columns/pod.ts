import { printPodRow, printPodWideExtras } from "../../../k8s/printers/pod-row.ts";
import { col, type ColumnSet } from "./types.ts";

/** printPod: STATUS and RESTARTS come from the shared pod-row printer (one source of truth). */
export const podColumns: ColumnSet<"Pod"> = {
  columns: [
    col("Name"),
    col("Ready"),
    col("Status"),
    col("Restarts"),
    col("Age"),
    col("IP", true),
    col("Node", true),
    col("Nominated Node", true),
    col("Readiness Gates", true),
  ],
  nameColumn: 0,
  row(pod, { now }) {
    const r = printPodRow(pod, now);
    const w = printPodWideExtras(pod);
    return [r.NAME, r.READY, r.STATUS, r.RESTARTS, r.AGE, w.IP, w.NODE, w["NOMINATED NODE"], w["READINESS GATES"]];
  },
};
