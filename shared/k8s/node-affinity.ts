import { newRequirement, selectorFromSet, compileSelector, type LabelMatcher, type LabelRequirement, type SelectorOperator } from "./labels.ts";
import type { Node } from "./schema/node.ts";
import type { NodeSelectorTerm, PodSpec } from "./schema/pod.ts";

/** What node matching reads of a node: its labels and its name (the only node field selectable). */
export type NodeLike = Pick<Node, "metadata">;
type NodeMatcher = (node: NodeLike) => boolean;

/** What node matching reads of a pod. */
export type PodSchedulingSpec = Pick<PodSpec, "nodeSelector" | "affinity">;

const NODE_SELECTOR_OPS: Record<string, SelectorOperator> = {
  In: "in",
  NotIn: "notin",
  Exists: "exists",
  DoesNotExist: "!",
  Gt: "gt",
  Lt: "lt",
};

const MATCH_NOTHING: NodeMatcher = () => false;
const MATCH_ALL: NodeMatcher = () => true;

/**
 * One NodeSelectorTerm (component-helpers nodeaffinity.newNodeSelectorTerm): its
 * matchExpressions (ANDed, over labels) and matchFields (ANDed, over `metadata.name`, In/NotIn
 * with exactly one value). A term that does not parse matches nothing, as the lazy-error
 * selector the scheduler uses treats it. Returns null for an empty term (it is skipped).
 */
function compileTerm(term: NodeSelectorTerm): NodeMatcher | null {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return null;
  let labelMatcher: LabelMatcher | null = null;
  if (exprs.length > 0) {
    const reqs: LabelRequirement[] = [];
    for (const e of exprs) {
      const op = NODE_SELECTOR_OPS[e.operator];
      if (!op) return MATCH_NOTHING;
      try {
        reqs.push(newRequirement(e.key, op, e.values ?? [], true));
      } catch {
        return MATCH_NOTHING;
      }
    }
    labelMatcher = compileSelector(reqs);
  }
  const fieldChecks: ((name: string) => boolean)[] = [];
  for (const f of fields) {
    if ((f.operator !== "In" && f.operator !== "NotIn") || (f.values ?? []).length !== 1) return MATCH_NOTHING;
    const want = f.values![0];
    // Only metadata.name is a node field; any other field reads as "" (fields.Set.Get).
    const isName = f.key === "metadata.name";
    fieldChecks.push(f.operator === "In" ? (name) => (isName ? name : "") === want : (name) => (isName ? name : "") !== want);
  }
  return (node) => {
    if (labelMatcher && !labelMatcher(node.metadata.labels)) return false;
    // As the real term.match: field requirements are only checked when the node has a name.
    const name = node.metadata.name ?? "";
    if (name !== "") for (const check of fieldChecks) if (!check(name)) return false;
    return true;
  };
}

/** NodeSelector.Match: terms ORed; no (non-empty) term matches nothing. */
export function compileNodeSelectorTerms(terms: readonly NodeSelectorTerm[]): NodeMatcher {
  const compiled = terms.map(compileTerm).filter((m): m is NodeMatcher => m !== null);
  if (compiled.length === 0) return MATCH_NOTHING;
  if (compiled.length === 1) return compiled[0];
  return (node) => compiled.some((m) => m(node));
}

/**
 * GetRequiredNodeAffinity(pod).Match: the pod's nodeSelector map (every label equal) AND its
 * requiredDuringSchedulingIgnoredDuringExecution terms (ORed). Compile once per pod, then
 * call for each node.
 */
export function compileRequiredNodeAffinity(spec: PodSchedulingSpec): NodeMatcher {
  const selector = spec.nodeSelector && Object.keys(spec.nodeSelector).length > 0 ? compileSelector(selectorFromSet(spec.nodeSelector)) : null;
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const terms = required ? compileNodeSelectorTerms(required.nodeSelectorTerms ?? []) : null;
  if (!selector && !terms) return MATCH_ALL;
  return (node) => (!selector || selector(node.metadata.labels)) && (!terms || terms(node));
}

/** Whether the pod's nodeSelector and required node affinity admit the node. */
export function podMatchesNodeSelectorAndAffinity(spec: PodSchedulingSpec, node: NodeLike): boolean {
  return compileRequiredNodeAffinity(spec)(node);
}

/**
 * PreferredSchedulingTerms.Score: the sum of the weights of the preferred terms the node
 * matches. Terms with weight 0, empty terms and terms that do not parse are skipped.
 */
export function compilePreferredAffinityScore(spec: PodSchedulingSpec): ((node: NodeLike) => number) | null {
  const preferred = spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  const terms: { weight: number; match: NodeMatcher }[] = [];
  for (const p of preferred) {
    if (p.weight === 0) continue;
    const match = compileTerm(p.preference);
    if (match && match !== MATCH_NOTHING) terms.push({ weight: p.weight, match });
  }
  if (terms.length === 0) return null;
  return (node) => {
    let score = 0;
    for (const t of terms) if (t.match(node)) score += t.weight;
    return score;
  };
}

/** The raw NodeAffinity score of one node (before the scheduler normalises it to 0..100). */
export function preferredAffinityScore(spec: PodSchedulingSpec, node: NodeLike): number {
  return compilePreferredAffinityScore(spec)?.(node) ?? 0;
}
