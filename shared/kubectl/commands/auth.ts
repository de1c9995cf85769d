/** `kubectl auth can-i VERB RESOURCE [NAME]` and `auth whoami`, answered by the server's permission hook. */
import type { CommandContext, CommandDef } from "../context.ts";
import { ALL_NAMESPACES } from "../common-flags.ts";
import { resolveResourceType, qualifiedResource } from "../resources.ts";

const VERBS = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "use", "bind", "impersonate", "escalate", "*"];

function runCanI(ctx: CommandContext): number {
  const [verb, resourceArg, nameArg] = ctx.args;
  if (!verb || !resourceArg) return ctx.usageError("you must specify two arguments: verb resource or verb resource/resourceName.");
  let typed = resourceArg;
  let name = nameArg;
  if (resourceArg.includes("/") && !resourceArg.startsWith("/")) [typed, name] = resourceArg.split("/", 2);
  const t = typed === "*" ? undefined : resolveResourceType(typed);
  if (!t && typed !== "*") ctx.warn(`Warning: the server doesn't have a resource type '${typed}'`);
  if (!VERBS.includes(verb)) ctx.warn(`Warning: verb '${verb}' is not a known verb`);
  const allowed = ctx.options.permissions?.({
    user: ctx.options.as,
    verb,
    resource: t ? qualifiedResource(t) : typed,
    namespace: ctx.allNamespaces ? undefined : ctx.namespace,
    ...(name ? { name } : {}),
  }) ?? true;
  if (ctx.flags.bool("quiet")) return allowed ? 0 : 1;
  ctx.print(allowed ? "yes" : "no");
  return allowed ? 0 : 1;
}

export const authCommand: CommandDef = {
  name: "auth",
  group: "Troubleshooting and Debugging Commands",
  short: "Inspect authorization",
  use: "kubectl auth [flags] [options]",
  flags: [],
  subcommands: [
    {
      name: "can-i",
      group: "",
      short: "Check whether an action is allowed",
      use: "kubectl auth can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL] [options]",
      examples: `  # Check to see if I can create pods in any namespace
  kubectl auth can-i create pods --all-namespaces

  # Check to see if I can list deployments in my current namespace
  kubectl auth can-i list deployments.apps`,
      flags: [ALL_NAMESPACES, { name: "quiet", short: "q", type: "bool", default: false, usage: "If true, suppress output and just return the exit code." }],
      run: runCanI,
    },
    {
      name: "whoami",
      group: "",
      short: "Experimental: Check self subject attributes",
      use: "kubectl auth whoami [options]",
      flags: [],
      run(ctx) {
        const user = ctx.options.as ?? "kubernetes-admin";
        ctx.print(`ATTRIBUTE   VALUE\nUsername    ${user}\nGroups      [${ctx.options.as ? "players" : "kubeadm:cluster-admins"} system:authenticated]`);
        return 0;
      },
    },
  ],
};
