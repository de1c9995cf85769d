import type { Taint } from "./schema/node.ts";
import type { Toleration } from "./schema/pod.ts";
import { isValidLabelKey, isValidLabelValue } from "./labels.ts";
import { err, ok, type Result } from "../util/result.ts";

export type TaintEffect = Taint["effect"];
export const TAINT_EFFECTS: readonly TaintEffect[] = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

/**
 * A toleration as matching sees it. The operator is a plain string so that the comparison
 * operators newer API versions add (`Gt`, `Lt`) and unknown values can be passed through.
 */
export type TolerationLike = Omit<Toleration, "operator" | "effect"> & { operator?: string; effect?: string };

/** Well-known taints the node controllers and the kubelet set (k8s.io/api/core/v1 well_known_taints.go). */
export const TAINT_NODE_NOT_READY = "node.kubernetes.io/not-ready";
export const TAINT_NODE_UNREACHABLE = "node.kubernetes.io/unreachable";
export const TAINT_NODE_UNSCHEDULABLE = "node.kubernetes.io/unschedulable";
export const TAINT_NODE_MEMORY_PRESSURE = "node.kubernetes.io/memory-pressure";
export const TAINT_NODE_DISK_PRESSURE = "node.kubernetes.io/disk-pressure";
export const TAINT_NODE_PID_PRESSURE = "node.kubernetes.io/pid-pressure";
export const TAINT_NODE_NETWORK_UNAVAILABLE = "node.kubernetes.io/network-unavailable";

/**
 * Toleration.ToleratesTaint (staging/src/k8s.io/api/core/v1/toleration.go):
 * an empty effect matches every effect; an empty key (with Exists) matches every key;
 * the empty operator means Equal; Exists matches any value; Gt/Lt compare int64 values.
 */
export function toleratesTaint(toleration: TolerationLike, taint: Pick<Taint, "key" | "value" | "effect">): boolean {
  const effect = toleration.effect ?? "";
  if (effect !== "" && effect !== taint.effect) return false;
  const key = toleration.key ?? "";
  if (key !== "" && key !== taint.key) return false;
  switch (toleration.operator ?? "") {
    case "":
    case "Equal":
      return (toleration.value ?? "") === (taint.value ?? "");
    case "Exists":
      return true;
    case "Gt":
    case "Lt":
      return compareNumericValues(toleration.value ?? "", taint.value ?? "", toleration.operator as "Gt" | "Lt");
    default:
      return false;
  }
}

function compareNumericValues(tolerationValue: string, taintValue: string, op: "Gt" | "Lt"): boolean {
  const t = parseInt64(tolerationValue);
  const v = parseInt64(taintValue);
  if (t === null || v === null) return false;
  return op === "Lt" ? v < t : v > t;
}

/** strconv.ParseInt(s, 10, 64), null when Go would return an error. */
function parseInt64(s: string): bigint | null {
  if (!/^[+-]?[0-9]+$/.test(s)) return null;
  const n = BigInt(s);
  return n >= -(2n ** 63n) && n < 2n ** 63n ? n : null;
}

/** TolerationsTolerateTaint: some toleration of the list tolerates the taint. */
export function tolerationsTolerateTaint(tolerations: readonly TolerationLike[] | undefined, taint: Taint): boolean {
  for (const t of tolerations ?? []) if (toleratesTaint(t, taint)) return true;
  return false;
}

/**
 * FindMatchingUntoleratedTaint (component-helpers/scheduling/corev1/helpers.go): the first
 * taint, in the node's order, that passes `inclusionFilter` and no toleration tolerates.
 */
export function findUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly TolerationLike[] | undefined,
  inclusionFilter?: (taint: Taint) => boolean,
): Taint | undefined {
  for (const taint of taints ?? []) {
    if (inclusionFilter && !inclusionFilter(taint)) continue;
    if (!tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}

/** The inclusion filter the scheduler's TaintToleration Filter uses: NoSchedule and NoExecute. */
export function isSchedulingTaint(taint: Taint): boolean {
  return taint.effect === "NoSchedule" || taint.effect === "NoExecute";
}

/** Taint.ToString: `key=value:Effect`, `key:Effect`, `key=value:` or `key`. */
export function formatTaint(taint: { key: string; value?: string; effect?: string }): string {
  const value = taint.value ?? "";
  const effect = taint.effect ?? "";
  if (effect === "") return value === "" ? taint.key : `${taint.key}=${value}:`;
  return value === "" ? `${taint.key}:${effect}` : `${taint.key}=${value}:${effect}`;
}

/** A taint as `kubectl taint` reads one: the effect is optional in the `<key>` (removal) form. */
export interface TaintSpec {
  key: string;
  value: string;
  effect: TaintEffect | "";
}

/**
 * kubectl taint's parseTaint (staging/src/k8s.io/kubectl/pkg/cmd/taint/utils.go): one of
 * `<key>=<value>:<effect>`, `<key>:<effect>` or `<key>`, with kubectl's error messages.
 */
export function parseTaint(st: string): Result<TaintSpec, string> {
  const parts = st.split(":");
  let key: string;
  let value = "";
  let effect: TaintEffect | "" = "";
  if (parts.length === 1) {
    key = parts[0];
  } else if (parts.length === 2) {
    if (!(TAINT_EFFECTS as readonly string[]).includes(parts[1])) {
      return err(`invalid taint effect: ${parts[1]}, unsupported taint effect`);
    }
    effect = parts[1] as TaintEffect;
    const kv = parts[0].split("=");
    if (kv.length > 2) return err(`invalid taint spec: ${st}`);
    key = kv[0];
    if (kv.length === 2) {
      value = kv[1];
      const errs = isValidLabelValue(value);
      if (errs.length > 0) return err(`invalid taint spec: ${st}, ${errs.join("; ")}`);
    }
  } else {
    return err(`invalid taint spec: ${st}`);
  }
  const keyErrs = isValidLabelKey(key);
  if (keyErrs.length > 0) return err(`invalid taint spec: ${st}, ${keyErrs.join("; ")}`);
  return ok({ key, value, effect });
}

/**
 * kubectl taint's parseTaints: specs ending in `-` remove (by key, or by key and effect),
 * the others add and need an effect; adding the same key and effect twice is an error.
 */
export function parseTaints(specs: readonly string[]): Result<{ toAdd: Taint[]; toRemove: { key: string; effect?: TaintEffect }[] }, string> {
  const toAdd: Taint[] = [];
  const toRemove: { key: string; effect?: TaintEffect }[] = [];
  const seen = new Set<string>();
  for (const spec of specs) {
    if (spec.endsWith("-")) {
      const r = parseTaint(spec.slice(0, -1));
      if (!r.ok) return r;
      toRemove.push(r.value.effect ? { key: r.value.key, effect: r.value.effect } : { key: r.value.key });
      continue;
    }
    const r = parseTaint(spec);
    if (!r.ok) return r;
    const { key, value, effect } = r.value;
    if (effect === "") return err(`invalid taint spec: ${spec}`);
    // Go prints the Taint struct with %v: {Key Value Effect TimeAdded}.
    if (seen.has(`${effect}\0${key}`)) return err(`duplicated taints with the same key and effect: {${key} ${value} ${effect} <nil>}`);
    seen.add(`${effect}\0${key}`);
    toAdd.push(value === "" ? { key, effect } : { key, value, effect });
  }
  return ok({ toAdd, toRemove });
}

export type TaintOperation = "modified" | "tainted" | "untainted";

/**
 * kubectl taint's reorganizeTaints: the node's new taint list (new taints first, then old
 * ones not replaced, minus removed ones), the verb kubectl prints (`node/x tainted`), and the
 * `taint "k:E" not found` errors for removals that matched nothing.
 */
export function reorganizeTaints(
  oldTaints: readonly Taint[] | undefined,
  overwrite: boolean,
  toAdd: readonly Taint[],
  toRemove: readonly { key: string; effect?: TaintEffect }[],
): { operation: TaintOperation; taints: Taint[]; errors: string[] } {
  let taints = [...toAdd];
  for (const old of oldTaints ?? []) {
    if (!taints.some((t) => t.key === old.key && t.effect === old.effect)) taints.push(old);
  }
  const added = (oldTaints?.length ?? 0) !== taints.length;
  const errors: string[] = [];
  let removed = false;
  for (const r of toRemove) {
    const before = taints.length;
    taints = taints.filter((t) => !(t.key === r.key && (r.effect === undefined || t.effect === r.effect)));
    removed = taints.length !== before;
    if (!removed) errors.push(`taint "${formatTaint(r)}" not found`);
  }
  const operation: TaintOperation = (added && removed) || overwrite ? "modified" : added ? "tainted" : "untainted";
  return { operation, taints, errors };
}
