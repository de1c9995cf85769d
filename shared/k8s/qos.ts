/**
 * The QoS class of a pod, exactly as pkg/apis/core/v1/helper/qos/qos.go GetPodQOS computes it:
 * - BestEffort: no container (init containers included) sets a cpu or memory request or limit;
 * - Guaranteed: every container sets cpu and memory limits, and the pod's summed requests equal
 *   its summed limits for every resource;
 * - Burstable: anything else.
 * Only cpu and memory count, and zero quantities count as unset. Works on a pod as the user wrote
 * it: SetDefaults_Pod's "requests default to limits" is applied first.
 */
import { parseQuantityExact } from "./quantity.ts";
import type { Container, Pod } from "./schema/pod.ts";

export type QOSClass = "Guaranteed" | "Burstable" | "BestEffort";

const QOS_RESOURCES = ["cpu", "memory"] as const;

/** A quantity as an exact integer number of nano-units (Kubernetes keeps at most nano precision). */
function nanos(q: string | number): bigint {
  const { mantissa, exponent } = parseQuantityExact(q);
  const shift = exponent + 9;
  return shift >= 0 ? mantissa * 10n ** BigInt(shift) : mantissa / 10n ** BigInt(-shift);
}

function effectiveRequests(c: Container): Record<string, string | number> {
  return { ...(c.resources?.limits ?? {}), ...(c.resources?.requests ?? {}) };
}

export function qosClass(pod: Pick<Pod, "spec">): QOSClass {
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let isGuaranteed = true;
  const all = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  for (const c of all) {
    const req = effectiveRequests(c);
    for (const name of QOS_RESOURCES) {
      if (req[name] === undefined) continue;
      const v = nanos(req[name]);
      if (v > 0n) requests.set(name, (requests.get(name) ?? 0n) + v);
    }
    const found = new Set<string>();
    const lim = c.resources?.limits ?? {};
    for (const name of QOS_RESOURCES) {
      if (lim[name] === undefined) continue;
      const v = nanos(lim[name]);
      if (v > 0n) {
        found.add(name);
        limits.set(name, (limits.get(name) ?? 0n) + v);
      }
    }
    if (!found.has("memory") || !found.has("cpu")) isGuaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return "BestEffort";
  if (isGuaranteed) {
    for (const [name, req] of requests) {
      if (limits.get(name) !== req) {
        isGuaranteed = false;
        break;
      }
    }
  }
  return isGuaranteed && requests.size === limits.size ? "Guaranteed" : "Burstable";
}
