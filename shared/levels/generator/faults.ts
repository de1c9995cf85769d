/**
 * Fault templates for generated incidents: each breaks one service the way real changes do,
 * and knows its symptom's goals, its hints, its debrief line and its reference fix (kubectl).
 */
import type { FaultInput } from "../faults/schema.ts";
import type { GoalInput } from "../goals/schema.ts";
import type { ServiceSpec } from "./topology.ts";
import type { seededRandom } from "./topology.ts";

export type GeneratedCategory = "selectors" | "probes" | "scheduling" | "config" | "rollout";
export const GENERATED_CATEGORIES: readonly GeneratedCategory[] = ["selectors", "probes", "scheduling", "config", "rollout"];

export interface InjectedFault {
  category: GeneratedCategory;
  faults: FaultInput[];
  goals: GoalInput[];
  solution: { line: string; stdin?: string }[];
  hint: string;
  whatWentWrong: string;
  /** Needs the service to have a ConfigMap. */
  live: boolean;
}

function typo(word: string, rnd: ReturnType<typeof seededRandom>): string {
  const i = 1 + rnd.int(word.length - 2);
  return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
}

export function canInject(cat: GeneratedCategory, s: ServiceSpec): boolean {
  if (cat === "config") return !!s.configKey;
  if (cat === "selectors") return s.name.length >= 4 && typoDiffers(s.name);
  return true;
}

function typoDiffers(name: string): boolean {
  return new Set(name.slice(1, -1)).size > 1;
}

const goalsFor = (s: ServiceSpec): GoalInput[] => [
  { id: `${s.name}-available`, kind: "deploymentAvailable", name: s.name },
  { id: `${s.name}-endpoints`, kind: "serviceHasReadyEndpoints", service: s.name, min: s.replicas },
];

/** `container`: the service's container as its manifest declares it (faults on lists restate it whole, as merge patches replace lists). */
export function injectFault(cat: GeneratedCategory, s: ServiceSpec, rnd: ReturnType<typeof seededRandom>, container: Record<string, unknown>): InjectedFault {
  const target = { kind: "Deployment" as const, name: s.name };
  switch (cat) {
    case "selectors": {
      let bad = typo(s.name, rnd);
      for (let i = 0; bad === s.name && i < 5; i++) bad = typo(s.name, rnd);
      return {
        category: cat,
        live: false,
        faults: [{ kind: "patchObject", target: { kind: "Service", name: s.name }, patch: { spec: { selector: { app: bad } } } }],
        goals: [{ id: `${s.name}-endpoints`, kind: "serviceHasReadyEndpoints", service: s.name, min: s.replicas }],
        solution: [{ line: `kubectl patch svc ${s.name} -p '{"spec":{"selector":{"app":"${s.name}"}}}'` }],
        hint: `Service ${s.name} has no endpoints: compare its selector with the pods' labels.`,
        whatWentWrong: `The ${s.name} Service selected app=${bad}, a label no pod carries.`,
      };
    }
    case "probes": {
      const bad = s.readyPath === "/healthz" ? "/health" : "/healthz";
      return {
        category: cat,
        live: false,
        faults: [{ kind: "patchObject", target, patch: { spec: { template: { spec: { containers: [{ ...container, readinessProbe: { httpGet: { path: bad, port: "http" }, periodSeconds: 5 } }] } } } } }],
        goals: goalsFor(s),
        solution: [{ line: `kubectl patch deployment ${s.name} --type json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/readinessProbe/httpGet/path","value":"${s.readyPath}"}]'` }],
        hint: `${s.name}'s pods run but are not Ready: what does its readiness probe ask for?`,
        whatWentWrong: `${s.name}'s readiness probe asked for ${bad}; the app serves ${s.readyPath}.`,
      };
    }
    case "scheduling":
      return {
        category: cat,
        live: false,
        faults: [{ kind: "patchObject", target, patch: { spec: { template: { spec: { nodeSelector: { disktype: "sdd" } } } } } }],
        goals: goalsFor(s),
        solution: [{ line: `kubectl patch deployment ${s.name} --type json -p '[{"op":"remove","path":"/spec/template/spec/nodeSelector"}]'` }],
        hint: `${s.name}'s pods are Pending: read the scheduler's FailedScheduling event.`,
        whatWentWrong: `${s.name} asked for nodes labelled disktype=sdd; no such node exists.`,
      };
    case "config":
      return {
        category: cat,
        live: false,
        faults: [{ kind: "patchObject", target: { kind: "ConfigMap", name: `${s.name}-config` }, patch: { data: { [s.configKey!]: null } } }],
        goals: goalsFor(s),
        solution: [{ line: `kubectl patch configmap ${s.name}-config -p '{"data":{"${s.configKey}":"http://${s.name}-upstream:8080"}}'` }],
        hint: `${s.name}'s containers cannot be created: which ConfigMap key does it need?`,
        whatWentWrong: `The key ${s.configKey} was missing from ConfigMap ${s.name}-config (CreateContainerConfigError).`,
      };
    case "rollout":
      return {
        category: cat,
        live: true,
        faults: [{ kind: "patchObject", at: "live", target, patch: { spec: { template: { spec: { containers: [{ ...container, image: `${s.image}:${s.version}.0` }] } } } } }],
        goals: [...goalsFor(s), { id: `${s.name}-no-pull-errors`, kind: "noPodsWithStatus", selector: `app=${s.name}`, statuses: ["ErrImagePull", "ImagePullBackOff"] }],
        solution: [{ line: `kubectl rollout undo deployment ${s.name}` }],
        hint: `${s.name}'s rollout is stuck: look at the image of its newest pods.`,
        whatWentWrong: `${s.name} was rolled out with an image tag that does not exist; the rollout stalled.`,
      };
  }
}
