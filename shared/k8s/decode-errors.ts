import type { z } from "zod";
import type { FieldError } from "./errors.ts";
import { ERR_QUANTITY_FORMAT, parseQuantityExact } from "./quantity.ts";
import { goStructField } from "./validation/go-types.ts";

/**
 * What the API server's decoder says about a manifest, from zod's issues. Kubernetes decodes in
 * two steps and we keep them apart:
 * - decoding (BadRequest): a value of the wrong JSON type (`json: cannot unmarshal string into Go
 *   struct field DeploymentSpec.spec.replicas of type int32`), an unparsable quantity, and with
 *   strict field validation (kubectl's default) every unknown field
 *   (`strict decoding error: unknown field "spec.replica", unknown field "spec.foo"`);
 * - validation (Invalid): what decodes fine but is missing or not an allowed value; those issues
 *   come back as field errors (`Required value`, `Unsupported value`) for the validators.
 */
export interface DecodeProblems {
  /** The decoder's error text, or undefined when the manifest decodes. */
  decodeError: string | undefined;
  /** Problems the API server reports later, at validation. */
  fieldErrors: FieldError[];
}

type Path = readonly PropertyKey[];

/** Field paths as Kubernetes prints them: `spec.template.spec.containers[0].name`. */
export function formatPath(path: Path): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out === "" ? String(p) : `.${String(p)}`;
  return out;
}

/**
 * sigs.k8s.io/yaml turns YAML into JSON through a Go map, so keys reach the decoder sorted:
 * the "first" decoding error is the first in sorted-key order.
 */
function comparePaths(a: Path, b: Path): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (typeof x === "number" && typeof y === "number") return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}

function valueAt(root: unknown, path: Path): unknown {
  let cur = root;
  for (const p of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p as string];
  }
  return cur;
}

/** encoding/json's name for a JSON value in "cannot unmarshal X into ...". */
function jsonKind(v: unknown, wantInt: boolean): string {
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return wantInt && !Number.isInteger(v) ? `number ${v}` : "number";
  return "object";
}

const QUANTITY_PARENTS = new Set(["limits", "requests", "capacity", "allocatable"]);

/** A quantity field (resources.limits.cpu, emptyDir.sizeLimit): Quantity.UnmarshalJSON parses it while decoding. */
function isQuantityPath(path: Path): boolean {
  const parent = path[path.length - 2];
  return (typeof parent === "string" && QUANTITY_PARENTS.has(parent)) || path[path.length - 1] === "sizeLimit";
}

function quantityError(v: unknown): string | undefined {
  if (typeof v !== "string" && typeof v !== "number") return ERR_QUANTITY_FORMAT;
  try {
    parseQuantityExact(typeof v === "string" ? v.trim() : v);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Every quantity in the manifest, wherever zod let it through as a string or number. */
function findBadQuantities(root: unknown, path: PropertyKey[] = []): { path: Path; message: string }[] {
  const out: { path: Path; message: string }[] = [];
  if (root === null || typeof root !== "object") {
    if (path.length && isQuantityPath(path)) {
      const m = quantityError(root);
      if (m) out.push({ path: [...path], message: m });
    }
    return out;
  }
  if (Array.isArray(root)) root.forEach((v, i) => out.push(...findBadQuantities(v, [...path, i])));
  else for (const k of Object.keys(root).sort()) out.push(...findBadQuantities((root as Record<string, unknown>)[k], [...path, k]));
  return out;
}

/** Classify zod's issues for `kind` the way the API server would report them. */
export function describeDecodeProblems(kind: string, input: unknown, issues: readonly z.core.$ZodIssue[]): DecodeProblems {
  const unknownFields: Path[] = [];
  const typeErrors: { path: Path; message: string }[] = [];
  const fieldErrors: FieldError[] = [];
  for (const issue of issues) {
    const path = issue.path as Path;
    const value = valueAt(input, path);
    if (issue.code === "unrecognized_keys") {
      for (const k of issue.keys) unknownFields.push([...path, k]);
    } else if (issue.code === "invalid_value") {
      if (typeof value === "string") {
        const supported = (issue.values as unknown[]).filter((v) => v !== "").map((v) => JSON.stringify(v));
        fieldErrors.push({ field: formatPath(path), type: "NotSupported", value, detail: `supported values: ${supported.join(", ")}` });
      } else {
        typeErrors.push({ path, message: typeErrorText(kind, path, value, false) });
      }
    } else if (value === undefined) {
      fieldErrors.push({ field: formatPath(path), type: "Required" });
    } else if (issue.code === "invalid_union" && isQuantityPath(path)) {
      // Reported by findBadQuantities below, with Quantity's own message.
    } else {
      const wantInt = issue.code === "invalid_type" && issue.expected === "int";
      typeErrors.push({ path, message: typeErrorText(kind, path, value, wantInt) });
    }
  }
  const badQuantities = findBadQuantities(input);
  let decodeError: string | undefined;
  if (badQuantities.length) {
    // Quantity.UnmarshalJSON's error aborts decoding at once.
    decodeError = badQuantities[0].message;
  } else if (typeErrors.length) {
    // encoding/json keeps going after a type mismatch but reports only the first one.
    typeErrors.sort((a, b) => comparePaths(a.path, b.path));
    decodeError = typeErrors[0].message;
  } else if (unknownFields.length) {
    unknownFields.sort(comparePaths);
    decodeError = `strict decoding error: ${unknownFields.map((p) => `unknown field "${formatPath(p)}"`).join(", ")}`;
  }
  return { decodeError, fieldErrors };
}

function typeErrorText(kind: string, path: Path, value: unknown, wantInt: boolean): string {
  const { struct, field, goType } = goStructField(kind, path);
  return `json: cannot unmarshal ${jsonKind(value, wantInt)} into Go struct field ${struct}.${field} of type ${goType}`;
}

/** `Deployment in version "v1" cannot be handled as a Deployment: <decode error>` (apiserver transformDecodeError). */
export function cannotBeHandled(kind: string, apiVersion: string, decodeError: string): string {
  const version = apiVersion.includes("/") ? apiVersion.split("/")[1] : apiVersion;
  return `${kind} in version "${version}" cannot be handled as a ${kind}: ${decodeError}`;
}

/**
 * Go's JSON decoder treats `null` as "not given" for every optional field (YAML's `replicas:`
 * with nothing after it is null): drop null-valued keys before the schema sees them.
 */
export function dropNulls(v: unknown): unknown {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(dropNulls);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = dropNulls(x);
  return out;
}
