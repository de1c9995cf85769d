/**
 * The resource arguments kubectl's resource builder accepts: `TYPE[,TYPE...] [NAME...]` or
 * `TYPE/NAME ...`, with its error texts. Shared by get, describe, delete, label, scale...
 */
import { err, ok, type Result } from "../util/result.ts";
import { ALL_CATEGORY, resolveResourceType, typeOfKind, type ResourceType } from "./resources.ts";

export interface ResourceRequest {
  type: ResourceType;
  /** Empty: every object (a list request). */
  names: string[];
}

export interface ResolvedArgs {
  requests: ResourceRequest[];
  /** TYPE/NAME form was used. */
  slashForm: boolean;
}

/** `error: the server doesn't have a resource type "pdos"` */
export const unknownType = (typed: string): string => `error: the server doesn't have a resource type "${typed}"`;

/** Resolve `args` into per-type requests, in the order typed. `allowAll` expands `all`. */
export function resolveResourceArgs(args: readonly string[], allowAll = true): Result<ResolvedArgs, string> {
  if (args.length === 0) return err("error: Required resource not specified.");
  const slashForm = args.some((a) => a.includes("/"));
  const requests: ResourceRequest[] = [];
  const requestFor = (t: ResourceType) => {
    let r = requests.find((x) => x.type.kind === t.kind);
    if (!r) requests.push((r = { type: t, names: [] }));
    return r;
  };
  if (slashForm) {
    for (const a of args) {
      const i = a.indexOf("/");
      if (i < 0) {
        return err(
          `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
        );
      }
      const typed = a.slice(0, i);
      const name = a.slice(i + 1);
      if (name === "") return err(`error: arguments in resource/name form must have a single resource and name`);
      const t = resolveResourceType(typed);
      if (!t) return err(unknownType(typed));
      requestFor(t).names.push(name);
    }
    return ok({ requests, slashForm });
  }
  const types: ResourceType[] = [];
  for (const typed of args[0].split(",")) {
    if (typed === "") continue;
    if (allowAll && typed.toLowerCase() === "all") {
      types.push(...ALL_CATEGORY.map(typeOfKind));
      continue;
    }
    const t = resolveResourceType(typed);
    if (!t) return err(unknownType(typed));
    types.push(t);
  }
  if (types.length === 0) return err("error: Required resource not specified.");
  for (const t of types) requestFor(t).names.push(...args.slice(1));
  for (const r of requests) r.names = [...new Set(r.names)];
  return ok({ requests, slashForm });
}
