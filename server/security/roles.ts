/**
 * What each drill role may run, enforced by the game session like RBAC would be (the session
 * answers a refused verb with the API server's Forbidden message). `undefined` = everything.
 */
import type { Role } from "../../shared/protocol/names.ts";

/** Verbs that only look (kubectl's read paths). */
export const READ_VERBS = ["get", "describe", "logs", "events", "top", "explain", "api-resources", "api-versions", "version", "cluster-info", "auth can-i", "auth whoami", "diff", "wait", "rollout status", "rollout history", "trace"] as const;

/** Mitigations an incident commander may take without waiting for an operator. */
const COMMANDER_VERBS = ["scale", "rollout undo", "rollout pause", "rollout resume", "cordon", "uncordon"] as const;

export function allowedVerbs(role: Role | string): readonly string[] | undefined {
  switch (role) {
    case "facilitator":
    case "operator":
      return undefined;
    case "incident-commander":
      return [...READ_VERBS, ...COMMANDER_VERBS];
    case "communications":
    case "observer":
      return READ_VERBS;
    default:
      return [];
  }
}
