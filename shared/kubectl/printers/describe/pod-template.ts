import type { PodTemplateSpec } from "../../../k8s/schema/pod.ts";
import { printAnnotationsMultiline, printLabelsMultiline, printTolerationsMultiline } from "./common.ts";
import { describeContainers } from "./containers.ts";
import { describeVolumes } from "./volumes.ts";
import { LEVEL_0, LEVEL_1, type DescribeWriter } from "./writer.ts";

/** DescribePodTemplate: the `Pod Template:` section of Deployment, ReplicaSet, DaemonSet and Job. */
export function describePodTemplate(w: DescribeWriter, template: PodTemplateSpec | undefined): void {
  w.write(LEVEL_0, "Pod Template:\n");
  if (!template) {
    w.write(LEVEL_1, "<unset>");
    return;
  }
  const meta = template.metadata ?? {};
  printLabelsMultiline(w, "  Labels", meta.labels);
  if (Object.keys(meta.annotations ?? {}).length > 0) printAnnotationsMultiline(w, "  Annotations", meta.annotations);
  const spec = template.spec;
  if (spec.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec.initContainers && spec.initContainers.length > 0) describeContainers(w, "Init Containers", spec.initContainers, undefined, undefined, "  ");
  describeContainers(w, "Containers", spec.containers, undefined, undefined, "  ");
  describeVolumes(w, spec.volumes, "  ");
  if (spec.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, "  Node-Selectors", spec.nodeSelector);
  printTolerationsMultiline(w, "  Tolerations", spec.tolerations);
}
