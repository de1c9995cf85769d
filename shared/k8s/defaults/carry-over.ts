/**
 * On update, the fields the server (or a controller) filled in and the new manifest leaves out
 * are kept from the stored object. This is what the Service registry does for ClusterIPs and
 * NodePorts (patchAllocatedValues), what the Priority plugin does for priority on update, and
 * what `kubectl apply`'s three-way merge does for fields the user never wrote (the scheduler's
 * nodeName, a Job's generated selector). Without it, re-applying an unchanged manifest would be
 * rejected as a change of immutable fields.
 *
 * Simplification: our apply replaces the spec with the manifest; fields the user did write
 * before and removes now are dropped, anything else listed here is kept.
 */
import type { Kind, KindMap } from "../kinds.ts";
import type { Container, Pod } from "../schema/pod.ts";
import type { Service } from "../schema/service.ts";
import type { Job } from "../schema/workloads.ts";
import { JOB_CONTROLLER_UID_LABEL, JOB_NAME_LABEL, LEGACY_JOB_CONTROLLER_UID_LABEL, LEGACY_JOB_NAME_LABEL } from "./workloads.ts";

function keep<T extends object>(next: T, old: T, fields: (keyof T)[]): T {
  const out = { ...next };
  for (const f of fields) if (out[f] === undefined && old[f] !== undefined) out[f] = old[f];
  return out;
}

function carryPod(pod: Pod, old: Pod): Pod {
  const spec = keep(pod.spec, old.spec, [
    "nodeName",
    "priority",
    "priorityClassName",
    "preemptionPolicy",
    "serviceAccountName",
    "serviceAccount",
    "tolerations",
    "enableServiceLinks",
    "securityContext",
  ]);
  // Containers merge by name (their strategic-merge key): defaulted fields stay as stored, so
  // changing an image from `nginx` to `nginx:2` does not also change imagePullPolicy.
  const byName = (list: Container[] | undefined, name: string) => list?.find((c) => c.name === name);
  const carryContainers = (list: Container[] | undefined, oldList: Container[] | undefined) =>
    list?.map((c) => {
      const prev = byName(oldList, c.name);
      return prev ? keep(c, prev, ["imagePullPolicy", "terminationMessagePath", "terminationMessagePolicy"]) : c;
    });
  spec.containers = carryContainers(spec.containers, old.spec.containers)!;
  if (spec.initContainers) spec.initContainers = carryContainers(spec.initContainers, old.spec.initContainers);
  return { ...pod, spec };
}

function carryService(svc: Service, old: Service): Service {
  const spec = keep(svc.spec, old.spec, ["clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy", "healthCheckNodePort"]);
  if (spec.clusterIP && !svc.spec.clusterIPs && old.spec.clusterIPs && spec.clusterIP !== old.spec.clusterIP) {
    // The user changed clusterIP only: clusterIPs follows it, so validation reports the change.
    spec.clusterIPs = [spec.clusterIP];
  }
  const needsNodePorts = (s: Service) => s.spec.type === "NodePort" || s.spec.type === "LoadBalancer";
  if (needsNodePorts(svc) && needsNodePorts(old) && spec.ports) {
    spec.ports = spec.ports.map((p) => {
      if (p.nodePort) return p;
      const prev = (old.spec.ports ?? []).find((o) => o.port === p.port && (o.protocol ?? "TCP") === (p.protocol ?? "TCP"));
      return prev?.nodePort ? { ...p, nodePort: prev.nodePort } : p;
    });
  }
  return { ...svc, spec };
}

const JOB_GENERATED_LABELS = [JOB_CONTROLLER_UID_LABEL, JOB_NAME_LABEL, LEGACY_JOB_CONTROLLER_UID_LABEL, LEGACY_JOB_NAME_LABEL];

function carryJob(job: Job, old: Job): Job {
  if (job.spec.manualSelector || old.spec.manualSelector) return job;
  const oldLabels = old.spec.template.metadata?.labels ?? {};
  const labels = { ...(job.spec.template.metadata?.labels ?? {}) };
  for (const k of JOB_GENERATED_LABELS) if (!(k in labels) && k in oldLabels) labels[k] = oldLabels[k];
  const template = { ...job.spec.template, metadata: { ...(job.spec.template.metadata ?? {}), labels } };
  const metadata = job.metadata.labels ? job.metadata : { ...job.metadata, labels: old.metadata.labels };
  return { ...job, metadata, spec: { ...job.spec, selector: job.spec.selector ?? old.spec.selector, template } };
}

export function carryOverServerFields<K extends Kind>(kind: K, obj: KindMap[K], old: KindMap[K]): KindMap[K] {
  const metadata = keep(obj.metadata, old.metadata, ["ownerReferences", "finalizers"]);
  const o = { ...obj, metadata } as KindMap[K];
  switch (kind) {
    case "Pod":
      return carryPod(o as Pod, old as Pod) as KindMap[K];
    case "Service":
      return carryService(o as Service, old as Service) as KindMap[K];
    case "Job":
      return carryJob(o as Job, old as Job) as KindMap[K];
    case "Namespace": {
      const ns = o as KindMap["Namespace"];
      return { ...ns, spec: ns.spec ?? (old as KindMap["Namespace"]).spec } as KindMap[K];
    }
    default:
      return o;
  }
}
