/**
 * The diagnosis part of the score: did the player look at the objects the incident is about
 * before changing things, or restart things at random hoping it goes away?
 */
import type { Kind } from "../k8s/kinds.ts";
import type { LevelObjectRef } from "../levels/refs.ts";
import { isShotgun, parseCommand, type ParsedCommand } from "./commands.ts";

/** Resource words kubectl accepts ⇒ the kinds whose state a listing of them shows. */
const TYPE_SHOWS: Record<string, Kind[]> = {};
const alias = (words: string[], kinds: Kind[]) => words.forEach((w) => (TYPE_SHOWS[w] = kinds));
alias(["pod", "pods", "po"], ["Pod", "Deployment", "DaemonSet", "Job"]);
alias(["deployment", "deployments", "deploy"], ["Deployment"]);
alias(["replicaset", "replicasets", "rs"], ["Deployment"]);
alias(["service", "services", "svc"], ["Service"]);
alias(["endpoints", "ep", "endpointslice", "endpointslices"], ["Service"]);
alias(["node", "nodes", "no"], ["Node"]);
alias(["configmap", "configmaps", "cm"], ["ConfigMap"]);
alias(["secret", "secrets"], ["Secret"]);
alias(["ingress", "ingresses", "ing"], ["Ingress"]);
alias(["networkpolicy", "networkpolicies", "netpol"], ["NetworkPolicy"]);
alias(["daemonset", "daemonsets", "ds"], ["DaemonSet"]);
alias(["job", "jobs"], ["Job"]);
alias(["namespace", "namespaces", "ns"], ["Namespace"]);
alias(["event", "events", "ev"], ["Pod", "Deployment", "DaemonSet", "Node", "Service"]);
alias(["all"], ["Pod", "Deployment", "DaemonSet", "Service", "Job"]);

/** Does this inspecting command show the object? By name, `kind/name`, a pod of it, or a listing of its kind. */
export function inspects(cmd: ParsedCommand, ref: LevelObjectRef): boolean {
  if (cmd.cls !== "inspect") return false;
  const podLike = ref.kind === "Deployment" || ref.kind === "DaemonSet" || ref.kind === "Job";
  const namesIt = (word: string) => word === ref.name || (podLike && word.startsWith(ref.name + "-"));
  if (cmd.verb === "logs") return cmd.args.some((a) => namesIt(a.split("/").pop() ?? a));
  if (cmd.verb === "events") return (TYPE_SHOWS.events ?? []).includes(ref.kind);
  const [type, ...names] = cmd.args;
  if (!type) return false;
  for (const part of type.split(",")) {
    const [t, name] = part.split("/", 2);
    const shows = TYPE_SHOWS[t.toLowerCase()] ?? [];
    if (name !== undefined) {
      if (shows.includes(ref.kind) && namesIt(name)) return true;
      continue;
    }
    if (!shows.includes(ref.kind)) continue;
    if (names.length === 0 || names.some(namesIt)) return true;
  }
  return cmd.args.slice(1).some((a) => a.includes("/") && namesIt(a.split("/")[1]));
}

export interface DiagnosisSummary {
  relevant: number;
  inspectedFirst: number;
  /** Names of the relevant objects looked at before the first change. */
  looked: string[];
  shotgun: number;
  mutations: number;
}

export function summarizeDiagnosis(lines: readonly string[], relevant: readonly LevelObjectRef[]): DiagnosisSummary {
  const cmds = lines.map(parseCommand);
  const firstChange = cmds.findIndex((c) => c.cls === "mutate");
  const before = firstChange < 0 ? cmds : cmds.slice(0, firstChange);
  const looked = relevant.filter((r) => before.some((c) => inspects(c, r)));
  return {
    relevant: relevant.length,
    inspectedFirst: looked.length,
    looked: looked.map((r) => `${r.kind.toLowerCase()}/${r.name}`),
    shotgun: cmds.filter(isShotgun).length,
    mutations: cmds.filter((c) => c.cls === "mutate").length,
  };
}
