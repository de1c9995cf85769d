/**
 * ObjectMeta, labels, annotations and label selectors (apimachinery/pkg/api/validation/objectmeta.go,
 * apis/meta/v1/validation/validation.go), worded as the API server words them.
 */
import type { FieldError } from "../errors.ts";
import { isValidLabelKey, isValidLabelValue } from "../labels.ts";
import type { ObjectMeta } from "../schema/meta.ts";
import { canonicalJSON } from "../../util/canonical.ts";

export type NameValidator = (name: string) => string[];

export function validateLabels(labels: Record<string, string> | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of Object.keys(labels ?? {}).sort()) {
    for (const msg of isValidLabelKey(k)) errs.push({ field, type: "Invalid", value: k, detail: msg });
    for (const msg of isValidLabelValue(labels![k])) errs.push({ field, type: "Invalid", value: labels![k], detail: msg });
  }
  return errs;
}

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

export function validateAnnotations(annotations: Record<string, string> | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const k of Object.keys(annotations ?? {}).sort()) {
    for (const msg of isValidLabelKey(k.toLowerCase())) errs.push({ field, type: "Invalid", value: k, detail: msg });
    size += k.length + annotations![k].length;
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) {
    errs.push({ field, type: "TooLong", detail: `must have at most ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes` });
  }
  return errs;
}

/** ValidateObjectMeta: the name rule of the kind, generateName, labels, annotations. */
export function validateObjectMeta(meta: ObjectMeta | undefined, nameRule: NameValidator, field = "metadata"): FieldError[] {
  const errs: FieldError[] = [];
  const m = meta ?? {};
  if (m.generateName) {
    for (const msg of nameRule(m.generateName.replace(/-$/, "") || "a")) {
      errs.push({ field: `${field}.generateName`, type: "Invalid", value: m.generateName, detail: msg });
    }
  }
  if (m.name) {
    for (const msg of nameRule(m.name)) errs.push({ field: `${field}.name`, type: "Invalid", value: m.name, detail: msg });
  }
  errs.push(...validateLabels(m.labels, `${field}.labels`));
  errs.push(...validateAnnotations(m.annotations, `${field}.annotations`));
  return errs;
}

/** ValidateLabelSelector: matchLabels as labels, each matchExpression's key and values. */
export function validateLabelSelector(
  sel: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] } | undefined,
  field: string,
): FieldError[] {
  if (!sel) return [];
  const errs: FieldError[] = [];
  (sel.matchExpressions ?? []).forEach((e, i) => {
    const p = `${field}.matchExpressions[${i}]`;
    const values = e.values ?? [];
    if (e.operator === "In" || e.operator === "NotIn") {
      if (values.length === 0) errs.push({ field: `${p}.values`, type: "Required", detail: "must be specified when `operator` is 'In' or 'NotIn'" });
    } else if (e.operator === "Exists" || e.operator === "DoesNotExist") {
      if (values.length > 0) errs.push({ field: `${p}.values`, type: "Forbidden", detail: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'" });
    } else {
      errs.push({ field: `${p}.operator`, type: "Invalid", value: e.operator, detail: "not a valid selector operator" });
    }
    for (const msg of isValidLabelKey(e.key ?? "")) errs.push({ field: `${p}.key`, type: "Invalid", value: e.key, detail: msg });
  });
  errs.push(...validateLabels(sel.matchLabels, `${field}.matchLabels`));
  return errs;
}

/** ValidateNonnegativeField. */
export function nonNegative(value: number | undefined, field: string): FieldError[] {
  return value !== undefined && value < 0 ? [{ field, type: "Invalid", value, detail: "must be greater than or equal to 0" }] : [];
}

/** ValidateImmutableField: compared as canonical JSON. */
export function immutable(newValue: unknown, oldValue: unknown, field: string, shown: unknown = newValue): FieldError[] {
  return canonicalJSON(newValue) === canonicalJSON(oldValue) ? [] : [{ field, type: "Invalid", value: shown, detail: "field is immutable" }];
}
