import { canonicalizeQuantity, parseQuantity } from "../../../k8s/quantity.ts";
import type { PodSpec } from "../../../k8s/schema/pod.ts";
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, type DescribeWriter } from "./writer.ts";

type Volume = NonNullable<PodSpec["volumes"]>[number];

/** describeVolumes: each volume's source in describe.go's words; `<none>` without volumes. */
export function describeVolumes(w: DescribeWriter, volumes: readonly Volume[] | undefined, space: string): void {
  if (!volumes || volumes.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(LEVEL_1, `${space ? " " : ""}${v.name}:\n`);
    describeVolumeSource(w, v);
  }
}

function describeVolumeSource(w: DescribeWriter, v: Volume): void {
  if (v.hostPath) {
    w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type || "<none>"}\n`);
  } else if (v.emptyDir) {
    const size = v.emptyDir.sizeLimit;
    const sizeLimit = size !== undefined && parseQuantity(size) > 0 ? canonicalizeQuantity(size) : "<unset>";
    w.write(LEVEL_2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ""}\n    SizeLimit:\t${sizeLimit}\n`);
  } else if (v.secret) {
    w.write(LEVEL_2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName}\n    Optional:\t${v.secret.optional === true}\n`);
  } else if (v.configMap) {
    w.write(LEVEL_2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name}\n    Optional:\t${v.configMap.optional === true}\n`);
  } else if (v.persistentVolumeClaim) {
    const c = v.persistentVolumeClaim as { claimName?: string; readOnly?: boolean };
    w.write(LEVEL_2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${c.claimName ?? ""}\n    ReadOnly:\t${c.readOnly === true}\n`);
  } else if (v.projected) {
    describeProjected(w, v.projected as { sources?: Record<string, Record<string, unknown> | undefined>[] });
  } else if (v.downwardAPI) {
    w.write(LEVEL_2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n");
    const items = (v.downwardAPI as { items?: { path: string; fieldRef?: { fieldPath: string }; resourceFieldRef?: { resource: string } }[] }).items ?? [];
    for (const it of items) {
      if (it.fieldRef) w.write(LEVEL_3, `${it.fieldRef.fieldPath} -> ${it.path}\n`);
      if (it.resourceFieldRef) w.write(LEVEL_3, `${it.resourceFieldRef.resource} -> ${it.path}\n`);
    }
  } else {
    w.write(LEVEL_1, "<unknown>\n");
  }
}

/** printProjectedVolumeSource (the kube-api-access-* volume's shape). */
function describeProjected(w: DescribeWriter, p: { sources?: Record<string, Record<string, unknown> | undefined>[] }): void {
  w.write(LEVEL_2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n");
  for (const s of p.sources ?? []) {
    if (s.secret) w.write(LEVEL_2, `SecretName:\t${String(s.secret.name ?? "")}\n    Optional:\t${s.secret.optional === true}\n`);
    else if (s.downwardAPI) w.write(LEVEL_2, "DownwardAPI:\ttrue\n");
    else if (s.configMap) w.write(LEVEL_2, `ConfigMapName:\t${String(s.configMap.name ?? "")}\n    Optional:\t${s.configMap.optional === true}\n`);
    else if (s.serviceAccountToken) w.write(LEVEL_2, `TokenExpirationSeconds:\t${String(s.serviceAccountToken.expirationSeconds ?? 3607)}\n`);
  }
}
