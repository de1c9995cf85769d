/**
 * The API server's validation of one object (and of an update against the stored version),
 * as pkg/apis/<group>/validation do it. Expects a defaulted object (see defaults/index.ts) and
 * tolerates missing required fields, which it reports.
 */
import { canonicalJSON } from "../../util/canonical.ts";
import type { FieldError } from "../errors.ts";
import type { Kind, KindMap } from "../kinds.ts";
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain } from "./content.ts";
import { validateObjectMeta, type NameValidator } from "./meta.ts";
import { validateConfigMap, validateNodeTaints, validatePriorityClass, validateSecret } from "./misc.ts";
import { validatePod, validatePodUpdate } from "./pod.ts";
import { validateService, validateServiceUpdate } from "./service.ts";
import {
  validateDaemonSet,
  validateDeployment,
  validateJob,
  validateJobUpdate,
  validateReplicaSet,
  validateSelectorUpdate,
} from "./workloads.ts";

/** Which name rule each kind's ValidateXName uses. */
export function nameRuleFor(kind: Kind): NameValidator {
  if (kind === "Namespace") return isDNS1123Label;
  if (kind === "Service") return isDNS1035Label;
  return isDNS1123Subdomain;
}

function validateSpec<K extends Kind>(kind: K, obj: KindMap[K]): FieldError[] {
  switch (kind) {
    case "Pod":
      return validatePod(obj as KindMap["Pod"]);
    case "Deployment":
      return validateDeployment(obj as KindMap["Deployment"]);
    case "ReplicaSet":
      return validateReplicaSet(obj as KindMap["ReplicaSet"]);
    case "DaemonSet":
      return validateDaemonSet(obj as KindMap["DaemonSet"]);
    case "Job":
      return validateJob(obj as KindMap["Job"]);
    case "Service":
      return validateService(obj as KindMap["Service"]);
    case "ConfigMap":
      return validateConfigMap(obj as KindMap["ConfigMap"]);
    case "Secret":
      return validateSecret(obj as KindMap["Secret"]);
    case "PriorityClass":
      return validatePriorityClass(obj as KindMap["PriorityClass"]);
    case "Node":
      return validateNodeTaints(obj as KindMap["Node"]);
    default:
      return [];
  }
}

function validateUpdate<K extends Kind>(kind: K, obj: KindMap[K], old: KindMap[K]): FieldError[] {
  switch (kind) {
    case "Pod":
      return validatePodUpdate(obj as KindMap["Pod"], old as KindMap["Pod"]);
    case "Deployment":
    case "ReplicaSet":
    case "DaemonSet": {
      const sel = (o: unknown) => (o as KindMap["Deployment"]).spec?.selector;
      return validateSelectorUpdate(sel(obj), sel(old));
    }
    case "Job":
      return validateJobUpdate(obj as KindMap["Job"], old as KindMap["Job"]);
    case "Service":
      return validateServiceUpdate(obj as KindMap["Service"], old as KindMap["Service"]);
    case "ConfigMap":
    case "Secret":
      return validateImmutableData(obj as KindMap["ConfigMap"], old as KindMap["ConfigMap"]);
    default:
      return [];
  }
}

/** ConfigMaps and Secrets marked immutable keep their data, and stay immutable. */
function validateImmutableData(obj: KindMap["ConfigMap"], old: KindMap["ConfigMap"]): FieldError[] {
  if (!old.immutable) return [];
  const errs: FieldError[] = [];
  if (!obj.immutable) errs.push({ field: "immutable", type: "Forbidden", detail: "field is immutable when `immutable` is set" });
  if (canonicalJSON(obj.data ?? {}) !== canonicalJSON(old.data ?? {})) {
    errs.push({ field: "data", type: "Forbidden", detail: "field is immutable when `immutable` is set" });
  }
  return errs;
}

/**
 * Every validation problem of `obj` (a defaulted object of `kind`); with `old`, the update rules
 * too. Empty when the API server would accept it.
 */
export function validateObject<K extends Kind>(kind: K, obj: KindMap[K], old?: KindMap[K]): FieldError[] {
  const errs = [...validateObjectMeta(obj.metadata, nameRuleFor(kind)), ...validateSpec(kind, obj)];
  if (old) errs.push(...validateUpdate(kind, obj, old));
  return errs;
}
