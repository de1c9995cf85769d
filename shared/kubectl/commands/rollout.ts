/**
 * `kubectl rollout restart|status|undo|history|pause|resume` for Deployments (DaemonSets:
 * restart). `status` prints the current line and returns (as with --watch=false): the
 * cluster only moves when it ticks, so waiting inside one command would never end.
 */
import { formatTimestamp } from "../../k8s/time.ts";
import type { Stored } from "../../k8s/kinds.ts";
import type { Deployment } from "../../k8s/schema/workloads.ts";
import { rollbackTemplate, rolloutHistory, rolloutStatus } from "../../sim/controllers/workloads/rollout.ts";
import type { CommandContext, CommandDef } from "../context.ts";
import { SELECTOR } from "../common-flags.ts";
import { findTargets, refOf, writeBack, type Target } from "../writes.ts";
import { tabwrite } from "../printers/tabwriter.ts";

const RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

function targets(ctx: CommandContext, verb: string): Target[] | number {
  if (ctx.args.length === 0 && !ctx.flags.str("selector")) {
    return ctx.usageError(`required resource not specified`);
  }
  const found = findTargets(ctx, ctx.args, { selector: ctx.flags.str("selector") });
  if (!found.ok) return ctx.fail(found.error);
  for (const e of found.value.errors) ctx.warn(e);
  if (found.value.errors.length) return 1;
  for (const t of found.value.targets) {
    const ok = t.object.kind === "Deployment" || ((verb === "restart" || verb === "status") && t.object.kind === "DaemonSet");
    if (!ok) return ctx.fail(`no ${verb === "history" ? "history viewer" : verb === "undo" ? "rollbacker" : verb === "status" ? "status viewer" : "restarter"} has been implemented for "${t.object.kind}"`);
  }
  return found.value.targets;
}

function runRestart(ctx: CommandContext): number {
  const ts = targets(ctx, "restart");
  if (typeof ts === "number") return ts;
  for (const t of ts) {
    const o = t.object as unknown as { spec: { paused?: boolean; template: { metadata?: { annotations?: Record<string, string> } } } };
    if (o.spec.paused) return ctx.fail(`can't restart paused deployment (run rollout resume first)`);
    const tmpl = o.spec.template;
    const annotations = { ...(tmpl.metadata?.annotations ?? {}), [RESTARTED_AT]: formatTimestamp(ctx.nowMs) };
    const w = writeBack(ctx, t.object, { ...t.object, spec: { ...o.spec, template: { ...tmpl, metadata: { ...(tmpl.metadata ?? {}), annotations } } } });
    if (!w.ok) return ctx.fail(w.error);
    ctx.print(`${refOf(t)} restarted`);
  }
  return 0;
}

function runStatus(ctx: CommandContext): number {
  const ts = targets(ctx, "status");
  if (typeof ts === "number") return ts;
  for (const t of ts) {
    if (t.object.kind === "DaemonSet") {
      const ds = t.object as unknown as { metadata: { name: string; generation?: number }; status?: { observedGeneration?: number; desiredNumberScheduled?: number; updatedNumberScheduled?: number; numberAvailable?: number } };
      const s = ds.status ?? {};
      const name = ds.metadata.name;
      if ((ds.metadata.generation ?? 0) > (s.observedGeneration ?? 0)) ctx.print("Waiting for daemon set spec update to be observed...");
      else if ((s.updatedNumberScheduled ?? 0) < (s.desiredNumberScheduled ?? 0)) ctx.print(`Waiting for daemon set "${name}" rollout to finish: ${s.updatedNumberScheduled ?? 0} out of ${s.desiredNumberScheduled ?? 0} new pods have been updated...`);
      else if ((s.numberAvailable ?? 0) < (s.desiredNumberScheduled ?? 0)) ctx.print(`Waiting for daemon set "${name}" rollout to finish: ${s.numberAvailable ?? 0} of ${s.desiredNumberScheduled ?? 0} updated pods are available...`);
      else ctx.print(`daemon set "${name}" successfully rolled out`);
      continue;
    }
    const st = rolloutStatus(t.object as Stored<Deployment>);
    if (st.error) return ctx.fail(st.error);
    ctx.print(st.message);
  }
  return 0;
}

function runHistory(ctx: CommandContext): number {
  const ts = targets(ctx, "history");
  if (typeof ts === "number") return ts;
  for (const t of ts) {
    const history = rolloutHistory(ctx.cluster.store, t.object as Stored<Deployment>);
    const revision = ctx.flags.int("revision") ?? 0;
    if (revision > 0) {
      const h = history.find((x) => x.revision === revision);
      if (!h) return ctx.fail(`unable to find the specified revision`);
      const c = h.template.spec.containers.map((x) => `   ${x.name}:\n    Image:\t${x.image}\n`).join("");
      ctx.write(`${refOf(t)} with revision #${revision}\nPod Template:\n  Labels:\t${Object.entries(h.template.metadata?.labels ?? {}).map(([k, v]) => `${k}=${v}`).join("\n\t") || "<none>"}\n  Containers:\n${c}\n`);
      continue;
    }
    const rows = ["REVISION\tCHANGE-CAUSE\n", ...history.map((h) => `${h.revision}\t${h.changeCause || "<none>"}\n`)].join("");
    ctx.write(`${refOf(t)} \n${tabwrite(rows, { minWidth: 0, padding: 2 })}\n`);
  }
  return 0;
}

function runUndo(ctx: CommandContext): number {
  const ts = targets(ctx, "undo");
  if (typeof ts === "number") return ts;
  for (const t of ts) {
    const d = t.object as Stored<Deployment>;
    const r = rollbackTemplate(ctx.cluster.store, d, ctx.flags.int("to-revision") ?? 0);
    if (!r.ok) return ctx.fail(r.error);
    if (r.value.skipped) {
      ctx.print(`${refOf(t)} ${r.value.skipped}`);
      continue;
    }
    const w = writeBack(ctx, d, { ...d, metadata: { ...d.metadata, annotations: r.value.annotations }, spec: { ...d.spec, template: r.value.template } });
    if (!w.ok) return ctx.fail(w.error);
    ctx.print(`${refOf(t)} rolled back`);
  }
  return 0;
}

function runPause(ctx: CommandContext, paused: boolean): number {
  const ts = targets(ctx, "restart");
  if (typeof ts === "number") return ts;
  for (const t of ts) {
    const d = t.object as Stored<Deployment>;
    if (!!d.spec.paused === paused) {
      ctx.print(`${refOf(t)} already ${paused ? "paused" : "resumed"}`);
      continue;
    }
    const w = writeBack(ctx, d, { ...d, spec: { ...d.spec, paused } });
    if (!w.ok) return ctx.fail(w.error);
    ctx.print(`${refOf(t)} ${paused ? "paused" : "resumed"}`);
  }
  return 0;
}

const sub = (name: string, short: string, use: string, run: (ctx: CommandContext) => number, extra: CommandDef["flags"] = []): CommandDef => ({
  name,
  group: "",
  short,
  use,
  flags: [SELECTOR, ...extra],
  run,
});

export const rolloutCommand: CommandDef = {
  name: "rollout",
  group: "Deploy Commands",
  short: "Manage the rollout of a resource",
  use: "kubectl rollout SUBCOMMAND [options]",
  examples: `  # Rollback to the previous deployment
  kubectl rollout undo deployment/abc

  # Check the rollout status of a daemonset
  kubectl rollout status daemonset/foo

  # Restart a deployment
  kubectl rollout restart deployment/abc`,
  flags: [],
  subcommands: [
    sub("history", "View rollout history", "kubectl rollout history (TYPE NAME | TYPE/NAME) [flags] [options]", runHistory, [
      { name: "revision", type: "int", default: 0, usage: "See the details, including podTemplate of the revision specified" },
    ]),
    sub("pause", "Mark the provided resource as paused", "kubectl rollout pause RESOURCE [options]", (c) => runPause(c, true)),
    sub("restart", "Restart a resource", "kubectl rollout restart RESOURCE [options]", runRestart),
    sub("resume", "Resume a paused resource", "kubectl rollout resume RESOURCE [options]", (c) => runPause(c, false)),
    sub("status", "Show the status of the rollout", "kubectl rollout status (TYPE NAME | TYPE/NAME) [flags] [options]", runStatus, [
      { name: "watch", short: "w", type: "bool", default: true, usage: "Watch the status of the rollout until it's done. (Crashloop prints the current status once.)" },
      { name: "timeout", type: "string", default: "0s", usage: "The length of time to wait before ending watch, zero means never." },
    ]),
    sub("undo", "Undo a previous rollout", "kubectl rollout undo (TYPE NAME | TYPE/NAME) [flags] [options]", runUndo, [
      { name: "to-revision", type: "int", default: 0, usage: "The revision to rollback to. Default to 0 (last revision)." },
    ]),
  ],
};
