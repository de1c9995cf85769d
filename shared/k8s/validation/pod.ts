/**
 * PodSpec, pod templates and pod updates (pkg/apis/core/validation/validation.go: ValidatePodSpec,
 * validateTolerations, ValidatePodTemplateSpec, ValidatePodUpdate).
 */
import { canonicalJSON } from "../../util/canonical.ts";
import type { FieldError } from "../errors.ts";
import { isValidLabelKey, isValidLabelValue } from "../labels.ts";
import type { Pod, PodSpec, PodTemplateSpec, Toleration } from "../schema/pod.ts";
import { validateContainers } from "./container.ts";
import { inclusiveRangeError, isDNS1123Label, isDNS1123Subdomain } from "./content.ts";
import { goToleration } from "./go-literal.ts";
import { validateLabels, validateObjectMeta, nonNegative } from "./meta.ts";

const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];
const MAX_INT32 = 2147483647;

export function validateTolerations(tolerations: Toleration[] | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  (tolerations ?? []).forEach((t, i) => {
    const p = `${field}[${i}]`;
    const key = t.key ?? "";
    const op = t.operator ?? "";
    const effect = t.effect ?? "";
    if (key) for (const detail of isValidLabelKey(key)) errs.push({ field: `${p}.key`, type: "Invalid", value: key, detail });
    if (!key && op !== "Exists") {
      errs.push({ field: `${p}.operator`, type: "Invalid", value: op, detail: 'operator must be Exists when `key` is empty, which means "match all values and all keys"' });
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && effect !== "NoExecute") {
      errs.push({ field: `${p}.effect`, type: "Invalid", value: effect, detail: "effect must be 'NoExecute' when `tolerationSeconds` is set" });
    }
    if (op === "Equal" || op === "") {
      const msgs = isValidLabelValue(t.value ?? "");
      if (msgs.length) errs.push({ field: `${p}.operator`, type: "Invalid", value: t.value ?? "", detail: msgs.join(";") });
    } else if (op === "Exists") {
      if (t.value) errs.push({ field: `${p}.operator`, type: "Invalid", value: goToleration(t), detail: "value must be empty when `operator` is 'Exists'" });
    }
    if (effect && !TAINT_EFFECTS.includes(effect)) {
      errs.push({ field: `${p}.effect`, type: "NotSupported", value: effect, detail: `supported values: ${TAINT_EFFECTS.map((e) => JSON.stringify(e)).join(", ")}` });
    }
  });
  return errs;
}

/** ValidatePodSpec (the parts the simulator's schema carries). */
export function validatePodSpec(spec: PodSpec | undefined, field: string): FieldError[] {
  if (!spec) return [{ field, type: "Required" }];
  const errs: FieldError[] = [];
  const volumeNames = new Set<string>();
  (spec.volumes ?? []).forEach((v, i) => {
    const p = `${field}.volumes[${i}].name`;
    if (!v.name) errs.push({ field: p, type: "Required" });
    else {
      for (const detail of isDNS1123Label(v.name)) errs.push({ field: p, type: "Invalid", value: v.name, detail });
      if (volumeNames.has(v.name)) errs.push({ field: p, type: "Duplicate", value: v.name });
      volumeNames.add(v.name);
    }
  });
  const names = new Set<string>();
  errs.push(...validateContainers(spec.containers, `${field}.containers`, names, false));
  errs.push(...validateContainers(spec.initContainers, `${field}.initContainers`, names, true));
  errs.push(...validateLabels(spec.nodeSelector, `${field}.nodeSelector`));
  if (spec.serviceAccountName) {
    for (const detail of isDNS1123Subdomain(spec.serviceAccountName)) {
      errs.push({ field: `${field}.serviceAccountName`, type: "Invalid", value: spec.serviceAccountName, detail });
    }
  }
  if (spec.nodeName) {
    for (const detail of isDNS1123Subdomain(spec.nodeName)) errs.push({ field: `${field}.nodeName`, type: "Invalid", value: spec.nodeName, detail });
  }
  if (spec.activeDeadlineSeconds !== undefined && (spec.activeDeadlineSeconds <= 0 || spec.activeDeadlineSeconds > MAX_INT32)) {
    errs.push({ field: `${field}.activeDeadlineSeconds`, type: "Invalid", value: spec.activeDeadlineSeconds, detail: inclusiveRangeError(1, MAX_INT32) });
  }
  errs.push(...validateTolerations(spec.tolerations, `${field}.tolerations`));
  if (spec.hostname) for (const detail of isDNS1123Label(spec.hostname)) errs.push({ field: `${field}.hostname`, type: "Invalid", value: spec.hostname, detail });
  if (spec.subdomain) for (const detail of isDNS1123Label(spec.subdomain)) errs.push({ field: `${field}.subdomain`, type: "Invalid", value: spec.subdomain, detail });
  return errs;
}

/** ValidatePodTemplateSpec: template labels and annotations, then the spec. */
export function validatePodTemplateSpec(t: PodTemplateSpec | undefined, field: string): FieldError[] {
  if (!t) return [{ field, type: "Required" }];
  const meta = { labels: t.metadata?.labels, annotations: t.metadata?.annotations };
  return [...validateObjectMeta(meta, () => [], `${field}.metadata`), ...validatePodSpec(t.spec, `${field}.spec`)];
}

export function validatePod(pod: Pod): FieldError[] {
  return [...validatePodSpec(pod.spec, "spec"), ...nonNegative(pod.spec?.terminationGracePeriodSeconds, "spec.terminationGracePeriodSeconds")];
}

export const POD_UPDATABLE_FIELDS = [
  "`spec.containers[*].image`",
  "`spec.initContainers[*].image`",
  "`spec.activeDeadlineSeconds`",
  "`spec.tolerations` (only additions to existing tolerations)",
  "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
];

/**
 * validateOnlyAddedTolerations: every old toleration must still be there; a NoExecute one may
 * only shorten its tolerationSeconds.
 */
function validateOnlyAddedTolerations(next: Toleration[] = [], old: Toleration[] = [], field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const o of old) {
    const found = next.some((n) => {
      const same = (n.key ?? "") === (o.key ?? "") && (n.operator ?? "") === (o.operator ?? "") && (n.value ?? "") === (o.value ?? "") && (n.effect ?? "") === (o.effect ?? "");
      if (!same) return false;
      if ((o.effect ?? "") !== "NoExecute") return (n.tolerationSeconds ?? null) === (o.tolerationSeconds ?? null);
      if (o.tolerationSeconds === undefined || o.tolerationSeconds === null) return true;
      return n.tolerationSeconds !== undefined && n.tolerationSeconds !== null && n.tolerationSeconds <= o.tolerationSeconds;
    });
    if (!found) errs.push({ field, type: "Forbidden", detail: "existing toleration can not be modified except its tolerationSeconds" });
  }
  return errs;
}

/**
 * ValidatePodUpdate: besides labels and annotations, only images, activeDeadlineSeconds (set or
 * shortened), added tolerations and a negative grace period raised to 1 may change.
 * Simplification: the real message ends with a cmp.Diff of the two PodSpecs; we leave it out.
 */
export function validatePodUpdate(pod: Pod, old: Pod): FieldError[] {
  const errs: FieldError[] = [];
  const ads = pod.spec.activeDeadlineSeconds;
  const oldAds = old.spec.activeDeadlineSeconds;
  if (ads !== undefined) {
    if (oldAds !== undefined && ads > oldAds) {
      errs.push({ field: "spec.activeDeadlineSeconds", type: "Invalid", value: ads, detail: "must be less than or equal to previous value" });
    }
  } else if (oldAds !== undefined) {
    errs.push({ field: "spec.activeDeadlineSeconds", type: "Invalid", value: null, detail: "must not update from a positive integer to nil value" });
  }
  errs.push(...validateOnlyAddedTolerations(pod.spec.tolerations, old.spec.tolerations, "spec.tolerations"));
  const oldGrace = old.spec.terminationGracePeriodSeconds;
  const munged: PodSpec = {
    ...pod.spec,
    containers: (pod.spec.containers ?? []).map((c, i) => ({ ...c, image: old.spec.containers[i]?.image ?? c.image })),
    ...(pod.spec.initContainers
      ? { initContainers: pod.spec.initContainers.map((c, i) => ({ ...c, image: old.spec.initContainers?.[i]?.image ?? c.image })) }
      : {}),
    activeDeadlineSeconds: oldAds,
    tolerations: old.spec.tolerations,
    terminationGracePeriodSeconds:
      oldGrace !== undefined && oldGrace < 0 && pod.spec.terminationGracePeriodSeconds === 1 ? oldGrace : pod.spec.terminationGracePeriodSeconds,
  };
  if (canonicalJSON(munged) !== canonicalJSON(old.spec)) {
    errs.push({ field: "spec", type: "Forbidden", detail: `pod updates may not change fields other than ${POD_UPDATABLE_FIELDS.join(",")}` });
  }
  return errs;
}
