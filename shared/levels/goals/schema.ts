/**
 * The goal vocabulary: what "fixed" means for a level, as small declarative conditions over the
 * cluster that shared code evaluates (goals/evaluate.ts). Every goal may carry an `id` (default
 * `g<index>`) and a `text` for the checklist (default: generated from the goal, see text.ts).
 */
import { z } from "zod";
import { objectRefSchema, selectorStringSchema } from "../refs.ts";

const common = { id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "expected a short id such as web-endpoints").optional(), text: z.string().optional() };
const ns = z.string().min(1).optional();

/** Where traffic starts: a pod chosen by selector, or a node's host network. */
const endpointFromSchema = z.union([
  z.strictObject({ namespace: ns, selector: selectorStringSchema }),
  z.strictObject({ node: z.string().min(1) }),
]);
/** Where it goes: a Service (by name) or pods (by selector). */
const endpointToSchema = z.union([
  z.strictObject({ namespace: ns, service: z.string().min(1) }),
  z.strictObject({ namespace: ns, selector: selectorStringSchema }),
]);

export const goalSchema = z.discriminatedUnion("kind", [
  z.strictObject({ ...common, kind: z.literal("serviceHasReadyEndpoints"), namespace: ns, service: z.string().min(1), min: z.number().int().positive().default(1) }),
  z.strictObject({ ...common, kind: z.literal("deploymentAvailable"), namespace: ns, name: z.string().min(1) }),
  z.strictObject({ ...common, kind: z.literal("daemonSetReady"), namespace: ns, name: z.string().min(1) }),
  z.strictObject({ ...common, kind: z.literal("podsRunning"), namespace: ns, selector: selectorStringSchema, min: z.number().int().positive().default(1), ready: z.boolean().default(true) }),
  z.strictObject({ ...common, kind: z.literal("noPodsWithStatus"), namespace: ns, selector: selectorStringSchema.optional(), statuses: z.array(z.string().min(1)).min(1) }),
  z.strictObject({ ...common, kind: z.literal("noRecentRestarts"), namespace: ns, selector: selectorStringSchema, withinSeconds: z.number().int().positive().default(60) }),
  z.strictObject({ ...common, kind: z.literal("nodeCondition"), node: z.string().min(1), type: z.string().min(1), status: z.enum(["True", "False", "Unknown"]) }),
  z.strictObject({ ...common, kind: z.literal("podsSpreadAcrossNodes"), namespace: ns, selector: selectorStringSchema, minNodes: z.number().int().min(2) }),
  z.strictObject({ ...common, kind: z.literal("objectUnchanged"), target: objectRefSchema, fields: z.array(z.string().min(1)).default(["spec"]) }),
  z.strictObject({ ...common, kind: z.literal("ingressServesPath"), namespace: ns, ingress: z.string().min(1), host: z.string().optional(), path: z.string().startsWith("/") }),
  z.strictObject({
    ...common,
    kind: z.literal("networkPolicyAllows"),
    from: z.strictObject({ namespace: ns, selector: selectorStringSchema }),
    to: z.strictObject({ namespace: ns, selector: selectorStringSchema }),
    port: z.number().int().min(1).max(65535),
  }),
  z.strictObject({ ...common, kind: z.literal("connectivity"), from: endpointFromSchema, to: endpointToSchema, port: z.number().int().min(1).max(65535) }),
  z.strictObject({ ...common, kind: z.literal("dnsResolves"), from: endpointFromSchema, name: z.string().min(1) }),
  z.strictObject({ ...common, kind: z.literal("requestSuccessRate"), entry: z.string().min(1), min: z.number().gt(0).max(1), windowSeconds: z.number().int().positive().default(60) }),
  z.strictObject({ ...common, kind: z.literal("sloBudgetRemaining"), slo: z.string().min(1).optional(), min: z.number().min(0).max(1) }),
]);

export type GoalInput = z.input<typeof goalSchema>;
export type Goal = z.output<typeof goalSchema> & { id: string };
export type GoalKind = Goal["kind"];
export type GoalOf<K extends GoalKind> = Extract<Goal, { kind: K }>;

/** What one evaluation says. `unavailable`: the model the goal needs (traffic, traces) is not in this build. */
export interface GoalEvaluation {
  holding: boolean;
  detail: string;
  unavailable?: boolean;
}
