/**
 * Applying catalogue faults: at creation (rewriting the nodes, images and manifests a cluster is
 * built from) or live (through the Cluster API, as a bad change or a failure would happen).
 */
import type { Cluster } from "../../sim/cluster.ts";
import type { NodeInit } from "../../sim/node-builder.ts";
import type { AppProfileInput } from "../../sim/apps/profile.ts";
import { appProfileSchema, normalizeImageRef } from "../../sim/apps/profile.ts";
import { KINDS } from "../../k8s/kinds.ts";
import type { Taint } from "../../k8s/schema/node.ts";
import type { Result } from "../../util/result.ts";
import { assertNever, err, ok } from "../../util/result.ts";
import { formatRef, refNamespace, type LevelObjectRef } from "../refs.ts";
import { mergePatch } from "./merge-patch.ts";
import { applyNetworkFault, describeNetworkFault } from "./net-adapter.ts";
import type { Fault } from "./schema.ts";

/** What a cluster is built from, before createCluster. */
export interface ClusterBlueprint {
  nodes: NodeInit[];
  images: Record<string, AppProfileInput>;
  manifests: Record<string, unknown>[];
}

export function describeFault(f: Fault): string {
  switch (f.kind) {
    case "patchObject":
      return `patch ${formatRef(f.target)} with ${JSON.stringify(f.patch)}`;
    case "deleteObject":
      return `delete ${formatRef(f.target)}`;
    case "setKubelet":
      return `${f.running ? "start" : "stop"} the kubelet of ${f.node}`;
    case "inflateMemory":
      return `change the memory use of image ${f.image}`;
    case "patchImage":
      return `change what image ${f.image} does: ${JSON.stringify(f.patch)}`;
    case "taintNode":
      return `taint ${f.node} with ${f.taint.key}${f.taint.value ? `=${f.taint.value}` : ""}:${f.taint.effect}`;
    case "cordonNode":
      return `cordon ${f.node}`;
    case "network":
      return describeNetworkFault(f.name, f.params);
    default:
      return assertNever(f, "fault");
  }
}

/** Does this manifest describe `ref`? (kind, name and namespace, defaulting like kubectl apply). */
export function manifestIs(m: Record<string, unknown>, ref: LevelObjectRef): boolean {
  const meta = (m.metadata ?? {}) as { name?: string; namespace?: string };
  if (m.kind !== ref.kind || meta.name !== ref.name) return false;
  return !KINDS[ref.kind].namespaced || (meta.namespace ?? "default") === refNamespace(ref);
}

function imageKey(images: Record<string, AppProfileInput>, image: string): string | undefined {
  const want = normalizeImageRef(image);
  return Object.keys(images).find((k) => normalizeImageRef(k) === want);
}

function memoryPatch(f: Extract<Fault, { kind: "inflateMemory" }>): Record<string, unknown> {
  return {
    memory: {
      ...(f.startBytes !== undefined ? { startBytes: f.startBytes } : {}),
      ...(f.growthBytesPerSec !== undefined ? { growthBytesPerSec: f.growthBytesPerSec } : {}),
      ...(f.maxBytes !== undefined ? { maxBytes: f.maxBytes } : {}),
    },
  };
}

/** Rewrite the blueprint for an `at: create` fault. */
export function applyFaultToBlueprint(bp: ClusterBlueprint, f: Fault): Result<ClusterBlueprint, string> {
  const node = (name: string) => bp.nodes.find((n) => n.name === name);
  switch (f.kind) {
    case "patchObject":
    case "deleteObject": {
      const i = bp.manifests.findIndex((m) => manifestIs(m, f.target));
      if (i < 0) return err(`${f.kind}: no manifest for ${formatRef(f.target)}`);
      const manifests = [...bp.manifests];
      if (f.kind === "deleteObject") manifests.splice(i, 1);
      else manifests[i] = mergePatch(manifests[i], f.patch) as Record<string, unknown>;
      return ok({ ...bp, manifests });
    }
    case "inflateMemory":
    case "patchImage": {
      const key = imageKey(bp.images, f.image);
      if (!key) return err(`${f.kind}: image ${f.image} is not among the level's images`);
      const patch = f.kind === "patchImage" ? f.patch : memoryPatch(f);
      return ok({ ...bp, images: { ...bp.images, [key]: mergePatch(bp.images[key], patch) as AppProfileInput } });
    }
    case "taintNode":
    case "cordonNode": {
      const n = node(f.node);
      if (!n) return err(`${f.kind}: no node named ${f.node}`);
      const changed: NodeInit = f.kind === "cordonNode" ? { ...n, unschedulable: true } : { ...n, taints: [...(n.taints ?? []), f.taint as Taint] };
      return ok({ ...bp, nodes: bp.nodes.map((x) => (x === n ? changed : x)) });
    }
    case "setKubelet":
    case "network":
      return err(`${f.kind} faults happen to a running cluster: use at: live`);
    default:
      return assertNever(f, "fault");
  }
}

/** Apply a fault to the running cluster (at: live, timeline entries, a facilitator's injection). */
export function applyFaultLive(cluster: Cluster, f: Fault): Result<string, string> {
  const done = (r: Result<unknown, string>): Result<string, string> => (r.ok ? ok(describeFault(f)) : r);
  switch (f.kind) {
    case "patchObject": {
      const obj = cluster.get(f.target.kind, refNamespace(f.target), f.target.name);
      if (!obj) return err(`${formatRef(f.target)} not found`);
      const r = cluster.update(mergePatch(JSON.parse(JSON.stringify(obj)), f.patch));
      return done(r.ok ? ok(undefined) : err(r.error.message));
    }
    case "deleteObject": {
      const r = cluster.delete({ kind: f.target.kind, namespace: refNamespace(f.target), name: f.target.name });
      return done(r.ok ? ok(undefined) : err(r.error.message));
    }
    case "setKubelet":
      if (!cluster.state.nodes[f.node]) return err(`no node named ${f.node}`);
      cluster.setKubeletRunning(f.node, f.running);
      return done(ok(undefined));
    case "inflateMemory":
    case "patchImage": {
      const key = Object.keys(cluster.state.images).find((k) => k === normalizeImageRef(f.image));
      if (!key) return err(`image ${f.image} is not in the registry`);
      const patch = f.kind === "patchImage" ? f.patch : memoryPatch(f);
      const parsed = appProfileSchema.safeParse(mergePatch(cluster.state.images[key], patch));
      if (!parsed.success) return err(`image ${f.image}: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
      cluster.registerImage(key, parsed.data);
      return done(ok(undefined));
    }
    case "taintNode":
    case "cordonNode": {
      const n = cluster.get("Node", undefined, f.node);
      if (!n) return err(`no node named ${f.node}`);
      const spec = f.kind === "cordonNode" ? { ...n.spec, unschedulable: true } : { ...n.spec, taints: [...(n.spec?.taints ?? []), f.taint as Taint] };
      const r = cluster.update({ ...n, spec });
      return done(r.ok ? ok(undefined) : err(r.error.message));
    }
    case "network":
      return done(applyNetworkFault(cluster, f.name, f.params));
    default:
      return assertNever(f, "fault");
  }
}
