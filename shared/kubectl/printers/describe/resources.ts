import { formatCpuMillis, formatQuantity, parseQuantityBytes, parseQuantityExact, parseQuantityMillis } from "../../../k8s/quantity.ts";
import type { Pod } from "../../../k8s/schema/pod.ts";

/** A summed quantity: an integer amount plus the format of the first non-zero term (Quantity.Add keeps it). */
export interface Amount {
  value: number;
  binary: boolean;
}

const ZERO: Amount = { value: 0, binary: false };

/** resourcehelper.PodRequests / PodLimits for one resource: max(sum of containers, largest init container). */
export function podResource(pod: Pod, which: "requests" | "limits", resource: string): Amount {
  const read = (c: Pod["spec"]["containers"][number]): Amount => {
    const lim = c.resources?.limits ?? {};
    // API defaulting copies limits into missing requests.
    const list = which === "limits" ? lim : { ...lim, ...(c.resources?.requests ?? {}) };
    const q = list[resource];
    if (q === undefined) return ZERO;
    const value = resource === "cpu" ? parseQuantityMillis(q) : parseQuantityBytes(q);
    return { value, binary: parseQuantityExact(q).format === "BinarySI" };
  };
  let sum = ZERO;
  for (const c of pod.spec.containers) sum = addAmounts(sum, read(c));
  for (const c of pod.spec.initContainers ?? []) {
    const a = read(c);
    if (a.value > sum.value) sum = a;
  }
  return sum;
}

export function addAmounts(a: Amount, b: Amount): Amount {
  if (a.value === 0) return { value: b.value, binary: b.binary };
  return { value: a.value + b.value, binary: a.binary };
}

/** Quantity.String() of the sum: millicores for cpu, bytes (binary suffixes when the first term had one). */
export function formatAmount(resource: string, a: Amount): string {
  if (resource === "cpu") return formatCpuMillis(a.value);
  if (a.binary && Math.abs(a.value) >= 1024) return formatQuantity(a.value, "BinarySI");
  return formatQuantity(a.value, "DecimalSI");
}

/** int64(float64(part) / float64(whole) * 100), 0 when the whole is 0. */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.trunc((part / whole) * 100);
}
