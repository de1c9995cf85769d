/** ConfigMaps, Secrets, PriorityClasses and Node taints (pkg/apis/core/validation, scheduling/validation). */
import type { FieldError } from "../errors.ts";
import { isValidLabelKey, isValidLabelValue } from "../labels.ts";
import type { ConfigMap, PriorityClass, Secret } from "../schema/misc.ts";
import type { Node } from "../schema/node.ts";
import { regexError } from "./content.ts";

/** IsConfigMapKey. */
export function isConfigMapKey(key: string): string[] {
  const errs: string[] = [];
  if (key.length > 253) errs.push("must be no more than 253 characters");
  if (!/^[-._a-zA-Z0-9]+$/.test(key)) {
    errs.push(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", "[-._a-zA-Z0-9]+", "key.name", "KEY_NAME", "key-name"));
  }
  if (key === ".") errs.push("must not be '.'");
  else if (key === "..") errs.push("must not be '..'");
  else if (key.startsWith("..")) errs.push("must not start with '..'");
  return errs;
}

function validateKeys(maps: [string, Record<string, string> | undefined][]): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  for (const [name, m] of maps) {
    for (const key of Object.keys(m ?? {}).sort()) {
      for (const detail of isConfigMapKey(key)) errs.push({ field: `${name}[${key}]`, type: "Invalid", value: key, detail });
      if (seen.has(key)) errs.push({ field: `${name}[${key}]`, type: "Invalid", value: key, detail: "duplicate of key present in data" });
      seen.add(key);
    }
  }
  return errs;
}

export function validateConfigMap(cm: ConfigMap): FieldError[] {
  return validateKeys([["data", cm.data], ["binaryData", cm.binaryData]]);
}

export function validateSecret(s: Secret): FieldError[] {
  const errs = validateKeys([["data", s.data]]);
  for (const key of Object.keys(s.data ?? {}).sort()) {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s.data![key]) || s.data![key].length % 4 !== 0) {
      errs.push({ field: `data[${key}]`, type: "Invalid", value: "<secret contents redacted>", detail: "illegal base64 data" });
    }
  }
  return errs;
}

/** Highest value a PriorityClass not named system-* may have (scheduling.HighestUserDefinablePriority). */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;

export function validatePriorityClass(pc: PriorityClass): FieldError[] {
  const errs: FieldError[] = [];
  const name = pc.metadata.name ?? "";
  if (name.startsWith("system-")) {
    if (name !== "system-cluster-critical" && name !== "system-node-critical") {
      errs.push({ field: "metadata.name", type: "Forbidden", detail: "priority class names with 'system-' prefix are reserved" });
    }
  } else if (pc.value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errs.push({ field: "value", type: "Forbidden", detail: `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}` });
  }
  return errs;
}

/** validateNodeTaints: key and value like labels, effect required, unique by key and effect. */
export function validateNodeTaints(node: Node): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (node.spec?.taints ?? []).forEach((t, i) => {
    const p = `spec.taints[${i}]`;
    for (const detail of isValidLabelKey(t.key ?? "")) errs.push({ field: `${p}.key`, type: "Invalid", value: t.key, detail });
    for (const detail of isValidLabelValue(t.value ?? "")) errs.push({ field: `${p}.value`, type: "Invalid", value: t.value ?? "", detail });
    const k = `${t.effect}\0${t.key}`;
    if (seen.has(k)) errs.push({ field: p, type: "Duplicate", value: `${t.key}:${t.effect}`, detail: "taints must be unique by key and effect pair" });
    seen.add(k);
  });
  return errs;
}
