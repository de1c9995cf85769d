/**
 * Procedural incidents: `generateLevel(seed, { difficulty, categories })` builds a plausible
 * application (2–5 services on 2–3 nodes), breaks one service (two, from difficulty 4, on
 * different services) with catalogue faults, and computes the reference solution from the
 * faults. Same seed ⇒ same level. `verifyGeneratedLevel` proves it solvable by playing it.
 */
import type { Result } from "../../util/result.ts";
import { err, ok } from "../../util/result.ts";
import { autoplay } from "../../game/autoplay.ts";
import { createSession } from "../../game/session.ts";
import { levelSchema, type Level, type LevelInput } from "../schema.ts";
import { GENERATED_CATEGORIES, canInject, injectFault, type GeneratedCategory, type InjectedFault } from "./faults.ts";
import { imageProfile, pickServices, seededRandom, serviceManifests } from "./topology.ts";

export interface GenerateOptions {
  /** 1–5 (default 2): more services, and two faults from 4. */
  difficulty?: number;
  /** Categories to draw faults from (default: all the generator knows). */
  categories?: readonly string[];
}

export function generateLevel(seed: number, opts: GenerateOptions = {}): Level {
  const rnd = seededRandom(seed);
  const difficulty = Math.min(5, Math.max(1, Math.round(opts.difficulty ?? 2)));
  const cats = (opts.categories?.length ? GENERATED_CATEGORIES.filter((c) => opts.categories!.includes(c)) : GENERATED_CATEGORIES) as GeneratedCategory[];
  if (cats.length === 0) throw new Error(`generateLevel: none of ${JSON.stringify(opts.categories)} can be generated (known: ${GENERATED_CATEGORIES.join(", ")})`);
  const services = pickServices(rnd, Math.min(5, 2 + Math.ceil(difficulty / 2)));
  const nodeCount = 2 + rnd.int(2);
  const faultCount = difficulty >= 4 ? 2 : 1;
  const injected: InjectedFault[] = [];
  const broken = new Set<string>();
  for (const s of rnd.shuffle(services)) {
    if (injected.length >= faultCount) break;
    const options = cats.filter((c) => canInject(c, s));
    if (options.length === 0) continue;
    const cat = rnd.pick(options);
    const deployment = serviceManifests(s).find((m) => m.kind === "Deployment") as { spec: { template: { spec: { containers: Record<string, unknown>[] } } } };
    injected.push(injectFault(cat, s, rnd, deployment.spec.template.spec.containers[0]));
    broken.add(s.name);
  }
  if (injected.length === 0) throw new Error(`generateLevel: no service can take a ${cats.join("/")} fault`);
  const healthy = services.find((s) => !broken.has(s.name));
  const live = injected.some((f) => f.live);
  const names = injected.map((f) => f.category).join(" + ");
  const input: LevelInput = {
    id: `generated-${seed}`,
    title: `Generated incident #${seed}: ${[...broken].join(" and ")} ${injected.length > 1 ? "are" : "is"} down`,
    category: injected[0].category,
    difficulty,
    parTimeSeconds: 180 + 120 * injected.length + 30 * difficulty,
    tags: ["generated", ...injected.map((f) => f.category)],
    briefing: `PAGE — generated incident ${seed}\nUsers report errors from ${[...broken].join(" and ")}. ${services.length} services run on ${nodeCount} nodes; a change went out in the last hour. Find what broke and restore service${healthy ? `; ${healthy.name} works and must keep working` : ""}.`,
    learningGoals: [`Diagnose ${names} failures from what kubectl shows.`],
    debrief: {
      whatWentWrong: injected.map((f) => f.whatWentWrong).join(" "),
      why: "Each change was accepted by the API server; the breakage only showed once controllers, the scheduler or the kubelet acted on it.",
      prevention: "Review manifests in CI against the running application (selectors, probes, config keys, images), and gate rollouts on `kubectl rollout status` and ready endpoints.",
      commands: ["kubectl get pods,svc,endpointslices", "kubectl describe pod <pod>", "kubectl get events --sort-by=.lastTimestamp"],
    },
    cluster: {
      nodes: Array.from({ length: nodeCount }, (_, i) => ({ name: `node-${i + 1}`, cpu: "4", memory: "8Gi" })),
      images: Object.fromEntries(services.map((s) => [`${s.image}:${s.version}`, imageProfile(s)])),
      manifests: services.flatMap(serviceManifests),
    },
    settle: live ? { healthySeconds: 30, seconds: 90 } : { healthySeconds: 0, seconds: 60 },
    faults: injected.flatMap((f) => f.faults),
    goals: [
      ...injected.flatMap((f) => f.goals),
      ...(healthy ? [{ id: `${healthy.name}-untouched`, kind: "objectUnchanged" as const, target: { kind: "Deployment" as const, name: healthy.name } }] : []),
    ],
    hints: [
      { text: "Start from what users see: which Services have no ready endpoints, which pods are not Running and Ready?", cost: 10 * difficulty },
      ...injected.map((f) => ({ text: f.hint, cost: 20 * difficulty })),
      { text: `The reference fix: ${injected.flatMap((f) => f.solution.map((s) => s.line)).join(" ; ")}`, cost: 60 * difficulty },
    ],
    solution: injected.flatMap((f) => f.solution),
    wrongFixes: [{ name: "restart everything", steps: [{ line: `kubectl rollout restart deployment ${services.map((s) => s.name).join(" ")}` }] }],
  };
  return levelSchema.parse(input);
}

/** Prove a generated level fair: its goals fail at first, and its reference solution reaches them. */
export function verifyGeneratedLevel(level: Level): Result<{ seconds: number }, string> {
  const s = createSession(level);
  if (s.goals().every((g) => g.holding)) return err("the injected faults cause no symptom");
  const r = autoplay(level, level.solution);
  if (!r.solved) return err(`the reference solution does not resolve it: ${r.session.goals().filter((g) => !g.met).map((g) => `${g.id}: ${g.detail}`).join("; ")}`);
  return ok({ seconds: r.seconds });
}
