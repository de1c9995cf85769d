/**
 * Deployment, ReplicaSet, DaemonSet (pkg/apis/apps/validation/validation.go) and Job
 * (pkg/apis/batch/validation/validation.go) specs and updates.
 */
import type { FieldError } from "../errors.ts";
import { labelSelectorAsRequirements, matchesSelector, type LabelRequirement } from "../labels.ts";
import type { LabelSelectorObject } from "../schema/meta.ts";
import type { PodTemplateSpec } from "../schema/pod.ts";
import type { DaemonSet, Deployment, Job, ReplicaSet } from "../schema/workloads.ts";
import { isValidPercent } from "./content.ts";
import { goLabelSelector, goLiteral } from "./go-literal.ts";
import { immutable, nonNegative, validateLabelSelector } from "./meta.ts";
import { validatePodTemplateSpec } from "./pod.ts";

const supported = (...vs: string[]) => `supported values: ${vs.map((v) => JSON.stringify(v)).join(", ")}`;

/** %#v of a template's labels: a nil map prints as `map[string]string(nil)`. */
const templateLabels = (t: PodTemplateSpec | undefined) => t?.metadata?.labels ?? goLiteral("map[string]string(nil)");

/** LabelSelectorAsSelector, or undefined when it is invalid. */
function selectorOf(sel: LabelSelectorObject | undefined): LabelRequirement[] | "nothing" | undefined {
  try {
    return labelSelectorAsRequirements(sel);
  } catch {
    return undefined;
  }
}

/** The selector block shared by Deployment and ReplicaSet (both say "for deployment"). */
function validateSelector(sel: LabelSelectorObject | undefined, owner: string): FieldError[] {
  if (!sel) return [{ field: "spec.selector", type: "Required" }];
  const errs = validateLabelSelector(sel, "spec.selector");
  if (Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0) {
    errs.push({ field: "spec.selector", type: "Invalid", value: goLabelSelector(sel), detail: `empty selector is invalid for ${owner}` });
  }
  return errs;
}

function selectorMatchesTemplate(sel: LabelSelectorObject | undefined, t: PodTemplateSpec | undefined): FieldError[] {
  const reqs = selectorOf(sel);
  if (reqs === undefined || reqs === "nothing" || reqs.length === 0) return [];
  return matchesSelector(reqs, t?.metadata?.labels ?? {})
    ? []
    : [{ field: "spec.template.metadata.labels", type: "Invalid", value: templateLabels(t), detail: "`selector` does not match template `labels`" }];
}

/** ValidatePodTemplateSpecForReplicaSet (also used for DaemonSets with their own wording). */
function validateTemplateForReplicaSet(sel: LabelSelectorObject | undefined, t: PodTemplateSpec | undefined, owner: string): FieldError[] {
  if (selectorOf(sel) === undefined) return [{ field: "spec.selector", type: "Invalid", value: goLabelSelector(sel), detail: "invalid label selector" }];
  if (!t) return [{ field: "spec.template", type: "Required" }];
  const errs = [...selectorMatchesTemplate(sel, t), ...validatePodTemplateSpec(t, "spec.template")];
  const rp = t.spec?.restartPolicy;
  if (rp !== undefined && rp !== "Always") {
    errs.push({ field: "spec.template.spec.restartPolicy", type: "NotSupported", value: rp, detail: supported("Always") });
  }
  if (t.spec?.activeDeadlineSeconds !== undefined) {
    errs.push(
      owner === "DaemonSet"
        ? { field: "spec.template.spec.activeDeadlineSeconds", type: "Invalid", value: t.spec.activeDeadlineSeconds, detail: "activeDeadlineSeconds in DaemonSet is not Supported" }
        : { field: "spec.template.spec.activeDeadlineSeconds", type: "Forbidden", detail: "activeDeadlineSeconds in ReplicaSet is not Supported" },
    );
  }
  return errs;
}

/** %#v of an intstr.IntOrString. */
function goIntOrString(v: number | string | undefined) {
  if (typeof v === "string") return goLiteral(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(v)}}`);
  return goLiteral(`intstr.IntOrString{Type:0, IntVal:${v ?? 0}, StrVal:""}`);
}

function intOrPercentValue(v: number | string | undefined): number {
  if (typeof v === "number") return v;
  if (typeof v === "string" && /^[0-9]+%$/.test(v)) return Number(v.slice(0, -1));
  return 0;
}

/** ValidatePositiveIntOrPercent, the 0/0 rule and IsNotMoreThan100Percent, for rolling updates. */
export function validateRollingUpdate(ru: { maxUnavailable?: number | string; maxSurge?: number | string }, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of ["maxUnavailable", "maxSurge"] as const) {
    const v = ru[f];
    if (typeof v === "string") for (const detail of isValidPercent(v)) errs.push({ field: `${field}.${f}`, type: "Invalid", value: goIntOrString(v), detail });
    else errs.push(...nonNegative(v, `${field}.${f}`));
  }
  if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
    errs.push({ field: `${field}.maxUnavailable`, type: "Invalid", value: goIntOrString(ru.maxUnavailable), detail: "may not be 0 when `maxSurge` is 0" });
  }
  if (typeof ru.maxUnavailable === "string" && isValidPercent(ru.maxUnavailable).length === 0 && intOrPercentValue(ru.maxUnavailable) > 100) {
    errs.push({ field: `${field}.maxUnavailable`, type: "Invalid", value: goIntOrString(ru.maxUnavailable), detail: "must not be greater than 100%" });
  }
  return errs;
}

export function validateDeployment(d: Deployment): FieldError[] {
  const spec = d.spec ?? ({} as Deployment["spec"]);
  const errs = [...nonNegative(spec.replicas, "spec.replicas"), ...validateSelector(spec.selector, "deployment")];
  errs.push(...validateTemplateForReplicaSet(spec.selector, spec.template, "Deployment"));
  const st = spec.strategy;
  if (st?.type === "Recreate" && st.rollingUpdate) {
    errs.push({ field: "spec.strategy.rollingUpdate", type: "Forbidden", detail: "may not be specified when strategy `type` is 'Recreate'" });
  } else if (st?.rollingUpdate) {
    errs.push(...validateRollingUpdate(st.rollingUpdate, "spec.strategy.rollingUpdate"));
  }
  errs.push(...nonNegative(spec.minReadySeconds, "spec.minReadySeconds"), ...nonNegative(spec.revisionHistoryLimit, "spec.revisionHistoryLimit"));
  if (spec.progressDeadlineSeconds !== undefined) {
    errs.push(...nonNegative(spec.progressDeadlineSeconds, "spec.progressDeadlineSeconds"));
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      errs.push({ field: "spec.progressDeadlineSeconds", type: "Invalid", value: spec.progressDeadlineSeconds, detail: "must be greater than minReadySeconds" });
    }
  }
  return errs;
}

export function validateReplicaSet(rs: ReplicaSet): FieldError[] {
  const spec = rs.spec ?? ({} as ReplicaSet["spec"]);
  return [
    ...nonNegative(spec.replicas, "spec.replicas"),
    ...nonNegative(spec.minReadySeconds, "spec.minReadySeconds"),
    ...validateSelector(spec.selector, "deployment"),
    ...validateTemplateForReplicaSet(spec.selector, spec.template, "ReplicaSet"),
  ];
}

export function validateDaemonSet(ds: DaemonSet): FieldError[] {
  const spec = ds.spec ?? ({} as DaemonSet["spec"]);
  const errs = validateSelector(spec.selector, "daemonset");
  errs.push(...validateTemplateForReplicaSet(spec.selector, spec.template, "DaemonSet"));
  errs.push(...nonNegative(spec.minReadySeconds, "spec.minReadySeconds"), ...nonNegative(spec.revisionHistoryLimit, "spec.revisionHistoryLimit"));
  const us = spec.updateStrategy;
  if (us?.type === "RollingUpdate" && us.rollingUpdate) errs.push(...validateRollingUpdate(us.rollingUpdate, "spec.updateStrategy.rollingUpdate"));
  return errs;
}

export function validateJob(job: Job): FieldError[] {
  const spec = job.spec ?? ({} as Job["spec"]);
  const errs: FieldError[] = [];
  if (!spec.selector) errs.push({ field: "spec.selector", type: "Required" });
  else errs.push(...validateLabelSelector(spec.selector, "spec.selector"), ...selectorMatchesTemplate(spec.selector, spec.template));
  for (const f of ["parallelism", "completions", "activeDeadlineSeconds", "backoffLimit", "ttlSecondsAfterFinished"] as const) {
    errs.push(...nonNegative(spec[f] ?? undefined, `spec.${f}`));
  }
  if (spec.completionMode === "Indexed" && (spec.completions === undefined || spec.completions === null)) {
    errs.push({ field: "spec.completions", type: "Required", detail: "when completion mode is Indexed" });
  }
  errs.push(...validatePodTemplateSpec(spec.template, "spec.template"));
  const rp = spec.template?.spec?.restartPolicy;
  if (rp !== undefined && rp !== "OnFailure" && rp !== "Never") {
    errs.push({ field: "spec.template.spec.restartPolicy", type: "NotSupported", value: rp, detail: supported("OnFailure", "Never") });
  }
  return errs;
}

/** apps/v1 selectors never change after create. */
export function validateSelectorUpdate(sel: LabelSelectorObject | undefined, old: LabelSelectorObject | undefined): FieldError[] {
  return immutable(sel, old, "spec.selector", goLabelSelector(sel));
}

/**
 * ValidateJobSpecUpdate. Simplification: the real error prints the whole template with %#v;
 * we print `core.PodTemplateSpec{...}`.
 */
export function validateJobUpdate(job: Job, old: Job): FieldError[] {
  return [
    ...validateSelectorUpdate(job.spec.selector, old.spec.selector),
    ...immutable(job.spec.completions ?? null, old.spec.completions ?? null, "spec.completions"),
    ...immutable(job.spec.completionMode, old.spec.completionMode, "spec.completionMode"),
    ...immutable(job.spec.template, old.spec.template, "spec.template", goLiteral("core.PodTemplateSpec{...}")),
  ];
}
