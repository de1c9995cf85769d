/**
 * The mutating admission plugins a kubeadm API server runs on Pods, after defaulting:
 * ServiceAccount (the `default` account), DefaultTolerationSeconds (300 s for not-ready and
 * unreachable) and Priority (priorityClassName ⇒ priority). Priority needs the PriorityClasses,
 * so it takes a lookup; the others are pure.
 */
import { forbidden, type ApiError } from "../errors.ts";
import type { PriorityClass } from "../schema/misc.ts";
import type { Pod, PodSpec, Toleration } from "../schema/pod.ts";
import { err, ok, type Result } from "../../util/result.ts";

export const DEFAULT_TOLERATION_SECONDS = 300;
const NOT_READY = "node.kubernetes.io/not-ready";
const UNREACHABLE = "node.kubernetes.io/unreachable";

/** The classes every API server creates at start-up (scheduling/v1 SystemPriorityClasses). */
export const SYSTEM_PRIORITY_CLASSES: Record<string, number> = {
  "system-node-critical": 2000001000,
  "system-cluster-critical": 2000000000,
};

/** ServiceAccount plugin: no account named ⇒ `default` (and the deprecated `serviceAccount` mirrors it). */
export function admitServiceAccount(spec: PodSpec): PodSpec {
  const name = spec.serviceAccountName || spec.serviceAccount || "default";
  return { ...spec, serviceAccountName: name, serviceAccount: name };
}

/** DefaultTolerationSeconds: tolerate not-ready and unreachable NoExecute taints for 300 s unless the pod already does. */
export function admitDefaultTolerationSeconds(spec: PodSpec): PodSpec {
  const tolerations = spec.tolerations ?? [];
  const tolerates = (key: string) =>
    tolerations.some((t) => (t.key === key || !t.key) && (t.effect === "NoExecute" || !t.effect));
  const added: Toleration[] = [];
  for (const key of [NOT_READY, UNREACHABLE]) {
    if (!tolerates(key)) added.push({ key, operator: "Exists", effect: "NoExecute", tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
  }
  return added.length ? { ...spec, tolerations: [...tolerations, ...added] } : spec;
}

export interface PriorityClassLookup {
  get(name: string): PriorityClass | undefined;
  /** All classes (to find the globalDefault one). */
  list(): PriorityClass[];
}

/**
 * Priority plugin on create. Without a class name the globalDefault class applies (the lowest
 * value when several claim it), else priority 0; an unknown name is Forbidden.
 */
export function admitPriority(pod: Pod, classes: PriorityClassLookup): Result<Pod, ApiError> {
  const spec = pod.spec;
  const name = pod.metadata.name ?? "";
  let className = spec.priorityClassName ?? "";
  let priority = 0;
  let policy = "PreemptLowerPriority";
  if (!className) {
    const defaults = classes.list().filter((pc) => pc.globalDefault).sort((a, b) => a.value - b.value || ((a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1));
    if (defaults.length) {
      className = defaults[0].metadata.name ?? "";
      priority = defaults[0].value;
      policy = defaults[0].preemptionPolicy ?? policy;
    }
  } else {
    const pc = classes.get(className);
    if (pc) {
      priority = pc.value;
      policy = pc.preemptionPolicy ?? policy;
    } else if (className in SYSTEM_PRIORITY_CLASSES) {
      priority = SYSTEM_PRIORITY_CLASSES[className];
    } else {
      return err(forbidden(`pods "${name}" is forbidden: no PriorityClass with name ${className} was found`));
    }
  }
  if (spec.priority !== undefined && spec.priority !== priority) {
    return err(forbidden(`pods "${name}" is forbidden: the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`));
  }
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== policy) {
    return err(forbidden(`pods "${name}" is forbidden: the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`));
  }
  return ok({
    ...pod,
    spec: { ...spec, ...(className ? { priorityClassName: className } : {}), priority, preemptionPolicy: policy },
  });
}
