/**
 * A level: an incident on a simulated cluster. The YAML schema (validated with zod; types are
 * inferred from it) — see levels/README.md for the authoring guide.
 */
import { z } from "zod";
import { clusterSchema } from "./cluster-schema.ts";
import { faultSchema } from "./faults/schema.ts";
import { goalSchema, type Goal } from "./goals/schema.ts";
import { objectRefSchema } from "./refs.ts";

export const CATEGORIES = [
  "overlay-network",
  "selectors",
  "probes",
  "eviction",
  "scheduling",
  "config",
  "dns",
  "network-policy",
  "ingress",
  "rollout",
  "nodes",
  "workloads",
] as const;
export type Category = (typeof CATEGORIES)[number];

export const kubectlStepSchema = z.strictObject({
  line: z.string().min(1),
  /** YAML fed to `apply -f -` (or the edited text of `kubectl edit`). */
  stdin: z.string().optional(),
  /** Simulated seconds to wait after this step before the next (a rollout to progress). */
  waitSeconds: z.number().nonnegative().optional(),
});
export type KubectlStep = z.infer<typeof kubectlStepSchema>;

export const levelSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "expected a lower-case id such as selectors-service-typo"),
    title: z.string().min(3),
    category: z.enum(CATEGORIES),
    difficulty: z.number().int().min(1).max(5),
    parTimeSeconds: z.number().int().positive(),
    tags: z.array(z.string()).default([]),
    briefing: z.string().min(20, "expected an incident briefing"),
    learningGoals: z.array(z.string().min(3)).min(1),
    debrief: z.strictObject({
      whatWentWrong: z.string().min(10),
      why: z.string().min(10),
      prevention: z.string().min(10),
      commands: z.array(z.string().min(1)).min(1),
    }),
    cluster: clusterSchema,
    /** How long the cluster runs before the player arrives: healthy first, then with the live faults. */
    settle: z.strictObject({ healthySeconds: z.number().nonnegative().default(0), seconds: z.number().nonnegative().default(60) }).default({ healthySeconds: 0, seconds: 60 }),
    /** Goals must hold continuously this long (simulated seconds) to count. */
    stableWindowSeconds: z.number().int().positive().default(30),
    faults: z.array(faultSchema).default([]),
    timeline: z.array(z.strictObject({ atSeconds: z.number().nonnegative(), fault: faultSchema, note: z.string().optional() })).default([]),
    goals: z.array(goalSchema).min(1, "expected at least one goal"),
    /** Objects that work and must keep working (collateral damage); default: every workload, Service and config object no fault touches. */
    healthy: z.array(objectRefSchema).optional(),
    /** Objects a good diagnosis looks at before changing anything; default: fault targets and goal subjects. */
    relevant: z.array(objectRefSchema).optional(),
    hints: z.array(z.strictObject({ text: z.string().min(5), cost: z.number().int().nonnegative() })).default([]),
    solution: z.array(kubectlStepSchema).min(1, "expected the reference solution's kubectl steps"),
    /** Tempting fixes that must NOT solve the level (checked by tests). */
    wrongFixes: z.array(z.strictObject({ name: z.string().min(1), steps: z.array(kubectlStepSchema).min(1) })).default([]),
  })
  .superRefine((lv, ctx) => {
    const seen = new Map<string, number>();
    lv.goals.forEach((g, i) => {
      const id = g.id ?? `g${i + 1}`;
      if (seen.has(id)) ctx.addIssue({ code: "custom", path: ["goals", i, "id"], message: `duplicate goal id "${id}" (also goals[${seen.get(id)}])` });
      seen.set(id, i);
    });
  })
  .transform((lv) => ({ ...lv, goals: lv.goals.map((g, i): Goal => ({ ...g, id: g.id ?? `g${i + 1}` })) }));

export type LevelInput = z.input<typeof levelSchema>;
export type Level = z.output<typeof levelSchema>;
