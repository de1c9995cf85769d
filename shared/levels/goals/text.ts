/** The checklist line a player reads for a goal (the level may override it with `text`). */
import { assertNever } from "../../util/result.ts";
import { formatRef } from "../refs.ts";
import type { Goal } from "./schema.ts";

const inNs = (ns: string | undefined) => (ns && ns !== "default" ? ` in ${ns}` : "");

export function goalText(goal: Goal): string {
  if (goal.text) return goal.text;
  switch (goal.kind) {
    case "serviceHasReadyEndpoints":
      return `Service ${goal.service}${inNs(goal.namespace)} has ${goal.min > 1 ? `at least ${goal.min} ready endpoints` : "ready endpoints"}`;
    case "deploymentAvailable":
      return `Deployment ${goal.name}${inNs(goal.namespace)} is fully rolled out and available`;
    case "daemonSetReady":
      return `DaemonSet ${goal.name}${inNs(goal.namespace)} is ready on every node`;
    case "podsRunning":
      return `At least ${goal.min} pod(s) ${goal.selector}${inNs(goal.namespace)} ${goal.ready ? "running and ready" : "running"}`;
    case "noPodsWithStatus":
      return `No pod${goal.selector ? ` ${goal.selector}` : ""}${inNs(goal.namespace)} is ${goal.statuses.join(" or ")}`;
    case "noRecentRestarts":
      return `Pods ${goal.selector}${inNs(goal.namespace)} stop restarting (none for ${goal.withinSeconds}s)`;
    case "nodeCondition":
      return `Node ${goal.node} reports ${goal.type}=${goal.status}`;
    case "podsSpreadAcrossNodes":
      return `Ready pods ${goal.selector}${inNs(goal.namespace)} run on at least ${goal.minNodes} nodes`;
    case "objectUnchanged":
      return `Leave ${formatRef(goal.target)} as it is (it works)`;
    case "ingressServesPath":
      return `Ingress ${goal.ingress} serves ${goal.host ?? ""}${goal.path}`;
    case "networkPolicyAllows":
      return `NetworkPolicies allow pods ${goal.from.selector}${inNs(goal.from.namespace)} to reach pods ${goal.to.selector}${inNs(goal.to.namespace)} on port ${goal.port}`;
    case "connectivity": {
      const from = "node" in goal.from ? `node ${goal.from.node}` : `pods ${goal.from.selector}`;
      const to = "service" in goal.to ? `service ${goal.to.service}` : `pods ${goal.to.selector}`;
      return `${from} can reach ${to} on port ${goal.port}`;
    }
    case "dnsResolves":
      return `${goal.name} resolves from ${"node" in goal.from ? `node ${goal.from.node}` : `pods ${goal.from.selector}`}`;
    case "requestSuccessRate":
      return `${(goal.min * 100).toFixed(goal.min >= 0.999 ? 1 : 0)}% of requests to ${goal.entry} succeed over ${goal.windowSeconds}s`;
    case "sloBudgetRemaining":
      return `At least ${Math.round(goal.min * 100)}% of the error budget${goal.slo ? ` of ${goal.slo}` : ""} remains`;
    default:
      return assertNever(goal, "goal");
  }
}
