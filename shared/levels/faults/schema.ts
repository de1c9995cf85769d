/**
 * The fault catalogue: named, declarative breakages a level applies on top of a healthy cluster,
 * that a drill's timeline injects at a simulated time, and that a facilitator injects live.
 *
 * `at: create` rewrites what the cluster is built from (the object was born broken: its manifest
 * has the typo, the image leaks); `at: live` changes the running cluster (a bad change was rolled
 * out: a Deployment gains a new revision, so `kubectl rollout undo` has something to undo).
 */
import { z } from "zod";
import { objectRefSchema } from "../refs.ts";
import { networkFaultSchema } from "./net-adapter.ts";

const at = z.enum(["create", "live"]);
const taintSchema = z.strictObject({ key: z.string().min(1), value: z.string().optional(), effect: z.enum(["NoSchedule", "PreferNoSchedule", "NoExecute"]) });

export const faultSchema = z.discriminatedUnion("kind", [
  /** A JSON merge patch on an object: a selector typo, a probe path, an image tag, a missing key. */
  z.strictObject({ kind: z.literal("patchObject"), at: at.default("create"), target: objectRefSchema, patch: z.record(z.string(), z.unknown()) }),
  /** The object is gone (a ConfigMap never created, a Service deleted by a cleanup script). */
  z.strictObject({ kind: z.literal("deleteObject"), at: at.default("create"), target: objectRefSchema }),
  /** A node's kubelet stops (crashed, machine down) or starts again. */
  z.strictObject({ kind: z.literal("setKubelet"), at: at.default("live"), node: z.string().min(1), running: z.boolean().default(false) }),
  /** An image's memory profile changes (a leak, a bigger heap): applies to containers started from it. */
  z.strictObject({
    kind: z.literal("inflateMemory"),
    at: at.default("create"),
    image: z.string().min(1),
    startBytes: z.number().int().nonnegative().optional(),
    growthBytesPerSec: z.number().nonnegative().optional(),
    /** null: grows without bound (a leak). */
    maxBytes: z.number().int().positive().nullable().optional(),
  }),
  /** Any other change to what an image does (a health path renamed, a slower start-up). */
  z.strictObject({ kind: z.literal("patchImage"), at: at.default("create"), image: z.string().min(1), patch: z.record(z.string(), z.unknown()) }),
  /** A taint on a node (someone reserved it, or a maintenance script forgot to remove it). */
  z.strictObject({ kind: z.literal("taintNode"), at: at.default("create"), node: z.string().min(1), taint: taintSchema }),
  /** `kubectl cordon`: unschedulable. */
  z.strictObject({ kind: z.literal("cordonNode"), at: at.default("create"), node: z.string().min(1) }),
  /** A fault of the network model (shared/net), by name: see net-adapter.ts. */
  z.strictObject({ kind: z.literal("network"), at: at.default("live"), name: z.string().min(1), params: networkFaultSchema.optional() }),
]);

export type FaultInput = z.input<typeof faultSchema>;
export type Fault = z.output<typeof faultSchema>;
export type FaultKind = Fault["kind"];
export const FAULT_KINDS: readonly FaultKind[] = ["patchObject", "deleteObject", "setKubelet", "inflateMemory", "patchImage", "taintNode", "cordonNode", "network"];
