/** `kubectl scale --replicas=N (TYPE NAME | TYPE/NAME)`: Deployments, ReplicaSets (and Jobs' parallelism is not scale). */
import type { CommandContext, CommandDef } from "../context.ts";
import { ALL, SELECTOR } from "../common-flags.ts";
import { findTargets, refOf, writeBack } from "../writes.ts";

function runScale(ctx: CommandContext): number {
  const f = ctx.flags;
  if (!f.has("replicas")) return ctx.fail(`required flag(s) "replicas" not set`);
  const replicas = f.int("replicas") ?? -1;
  if (replicas < 0) return ctx.fail("The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0");
  const found = findTargets(ctx, ctx.args, { selector: f.str("selector"), all: f.bool("all") });
  if (!found.ok) return ctx.fail(found.error);
  if (found.value.targets.length === 0 && found.value.errors.length === 0) return ctx.fail("no objects passed to scale");
  let code = 0;
  for (const t of found.value.targets) {
    const kind = t.object.kind;
    if (kind !== "Deployment" && kind !== "ReplicaSet") {
      ctx.warn(`error: no scaler has been implemented for {"${t.type.group}" "${kind}"}`);
      code = 1;
      continue;
    }
    const o = t.object as unknown as { spec: { replicas?: number }; status?: { replicas?: number } };
    const current = f.int("current-replicas") ?? -1;
    if (current >= 0 && (o.spec.replicas ?? 1) !== current) {
      ctx.warn(`error: Expected replicas to be ${current}, was ${o.spec.replicas ?? 1}`);
      code = 1;
      continue;
    }
    const w = writeBack(ctx, t.object, { ...t.object, spec: { ...o.spec, replicas } });
    if (!w.ok) {
      ctx.warn(w.error);
      code = 1;
      continue;
    }
    ctx.print(`${refOf(t)} scaled`);
  }
  for (const e of found.value.errors) ctx.warn(e);
  return found.value.errors.length ? 1 : code;
}

export const scaleCommand: CommandDef = {
  name: "scale",
  group: "Deploy Commands",
  short: "Set a new size for a deployment, replica set, or replication controller",
  use: "kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]",
  examples: `  # Scale a replica set named 'foo' to 3
  kubectl scale --replicas=3 rs/foo

  # If the deployment named mysql's current size is 2, scale mysql to 3
  kubectl scale --current-replicas=2 --replicas=3 deployment/mysql`,
  flags: [
    { name: "replicas", type: "int", default: 0, usage: "The new desired number of replicas. Required." },
    { name: "current-replicas", type: "int", default: -1, usage: "Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition." },
    { name: "resource-version", type: "string", usage: "Precondition for resource version. Requires that the current resource version match this value in order to scale." },
    { name: "timeout", type: "string", default: "0s", usage: "The length of time to wait before giving up on a scale operation." },
    SELECTOR,
    ALL,
  ],
  run: runScale,
};
