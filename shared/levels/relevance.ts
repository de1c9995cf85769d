/**
 * Which objects a level is about (diagnosis credit: did the player look at them before changing
 * anything?) and which ones work and must keep working (collateral damage). Both default from
 * the faults and goals; a level may list them explicitly.
 */
import { KINDS } from "../k8s/kinds.ts";
import type { Kind } from "../k8s/kinds.ts";
import { normalizeImageRef } from "../sim/apps/profile.ts";
import { refKey, type LevelObjectRef } from "./refs.ts";
import type { Fault } from "./faults/schema.ts";
import type { Goal } from "./goals/schema.ts";
import type { Level } from "./schema.ts";

const uniq = (refs: LevelObjectRef[]) => {
  const seen = new Set<string>();
  return refs.filter((r) => (seen.has(refKey(r)) ? false : (seen.add(refKey(r)), true)));
};

function metaOf(m: Record<string, unknown>): { name: string; namespace?: string } {
  return (m.metadata ?? {}) as { name: string; namespace?: string };
}

function refOfManifest(m: Record<string, unknown>): LevelObjectRef {
  const meta = metaOf(m);
  return { kind: m.kind as Kind, name: meta.name, ...(KINDS[m.kind as Kind].namespaced ? { namespace: meta.namespace ?? "default" } : {}) };
}

/** Workloads whose pod template runs `image`. */
function workloadsUsing(level: Level, image: string): LevelObjectRef[] {
  const want = normalizeImageRef(image);
  return level.cluster.manifests
    .filter((m) => m.kind === "Deployment" || m.kind === "DaemonSet" || m.kind === "Job")
    .filter((m) => containersOf(m).some((c) => normalizeImageRef(c) === want))
    .map(refOfManifest);
}

function containersOf(m: Record<string, unknown>): string[] {
  const spec = (m.spec as { template?: { spec?: { containers?: { image?: string }[] } } } | undefined)?.template?.spec;
  return (spec?.containers ?? []).map((c) => c.image ?? "");
}

export function faultSubjects(level: Level, f: Fault): LevelObjectRef[] {
  switch (f.kind) {
    case "patchObject":
    case "deleteObject":
      return [f.target];
    case "setKubelet":
    case "taintNode":
    case "cordonNode":
      return [{ kind: "Node", name: f.node }];
    case "inflateMemory":
    case "patchImage":
      return workloadsUsing(level, f.image);
    case "network": {
      const node = (f.params as { node?: unknown } | undefined)?.node;
      return typeof node === "string" ? [{ kind: "Node", name: node }] : [];
    }
  }
}

export function goalSubjects(g: Goal): LevelObjectRef[] {
  const ns = "namespace" in g && g.namespace ? { namespace: g.namespace } : {};
  switch (g.kind) {
    case "serviceHasReadyEndpoints":
      return [{ kind: "Service", name: g.service, ...ns }];
    case "deploymentAvailable":
      return [{ kind: "Deployment", name: g.name, ...ns }];
    case "daemonSetReady":
      return [{ kind: "DaemonSet", name: g.name, ...ns }];
    case "nodeCondition":
      return [{ kind: "Node", name: g.node }];
    case "ingressServesPath":
      return [{ kind: "Ingress", name: g.ingress, ...ns }];
    case "objectUnchanged":
      return [];
    default:
      return [];
  }
}

export function relevantObjects(level: Level): LevelObjectRef[] {
  if (level.relevant) return level.relevant;
  return uniq([...level.faults.flatMap((f) => faultSubjects(level, f)), ...level.goals.flatMap(goalSubjects)]);
}

const WATCHED_KINDS = new Set<Kind>(["Namespace", "Deployment", "DaemonSet", "Service", "ConfigMap", "Secret", "Ingress"]);

/** Objects the level marks as healthy: explicit, or every watched manifest no fault (or timeline fault) touches. */
export function healthyObjects(level: Level): LevelObjectRef[] {
  if (level.healthy) return level.healthy;
  const touched = new Set([...level.faults, ...level.timeline.map((t) => t.fault)].flatMap((f) => faultSubjects(level, f)).map(refKey));
  return uniq(
    level.cluster.manifests
      .filter((m) => WATCHED_KINDS.has(m.kind as Kind))
      .map(refOfManifest)
      .filter((r) => !touched.has(refKey(r))),
  );
}
