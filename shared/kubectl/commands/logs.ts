/** `kubectl logs POD|TYPE/NAME [-c C] [-p] [--tail N] [-l sel] [--all-containers] [--prefix]`. */
import type { Stored } from "../../k8s/kinds.ts";
import type { Pod } from "../../k8s/schema/pod.ts";
import { readContainerLogs } from "../../sim/kubelet/logs.ts";
import type { CommandContext, CommandDef } from "../context.ts";
import { SELECTOR } from "../common-flags.ts";
import { defaultContainer, podForObject, podsMatching } from "../pod-select.ts";

function containerLogs(ctx: CommandContext, pod: Stored<Pod>, container: string, tail: number | undefined, prefix: boolean): string | { error: string } {
  const r = readContainerLogs(ctx.cluster.state, pod, container, { previous: ctx.flags.bool("previous"), tailLines: tail, nowMs: ctx.nowMs });
  if (typeof r !== "string") return { error: `Error from server (BadRequest): ${r.error}` };
  if (!prefix) return r;
  return r.split("\n").filter((l, i, a) => i < a.length - 1 || l !== "").map((l) => `[pod/${pod.metadata.name}/${container}] ${l}\n`).join("");
}

function logsOfPod(ctx: CommandContext, pod: Stored<Pod>, tail: number | undefined, prefix: boolean): number {
  const f = ctx.flags;
  let containers: string[];
  if (f.bool("all-containers")) containers = [...(pod.spec.initContainers ?? []), ...pod.spec.containers].map((c) => c.name);
  else if (f.str("container")) containers = [f.str("container")];
  else {
    const d = defaultContainer(pod);
    if (d.note) ctx.warn(d.note);
    containers = [d.name];
  }
  for (const c of containers) {
    const r = containerLogs(ctx, pod, c, tail, prefix);
    if (typeof r !== "string") return ctx.fail(r.error);
    ctx.write(r);
  }
  return 0;
}

function runLogs(ctx: CommandContext): number {
  const f = ctx.flags;
  const selector = f.str("selector");
  const tailFlag = f.int("tail") ?? -1;
  if (ctx.args.length === 0 && !selector) {
    return ctx.usageError(`expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command`);
  }
  if (selector) {
    if (ctx.args.length > 0) return ctx.fail("only a selector (-l) or a POD name is allowed");
    // With a selector kubectl shows the last 10 lines of each pod unless --tail says otherwise.
    const tail = f.has("tail") ? (tailFlag < 0 ? undefined : tailFlag) : 10;
    const pods = podsMatching(ctx.cluster, ctx.namespace, selector);
    if (pods.length === 0) {
      ctx.warn(`No resources found in ${ctx.namespace} namespace.`);
      return 0;
    }
    for (const pod of pods) {
      const code = logsOfPod(ctx, pod, tail, f.bool("prefix"));
      if (code !== 0) return code;
    }
    return 0;
  }
  if (ctx.args.length > 2) return ctx.usageError(`expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.`);
  const found = podForObject(ctx.cluster, ctx.namespace, ctx.args[0]);
  if (!found.ok) return ctx.fail(found.error);
  if (found.value.note) ctx.warn(found.value.note);
  if (ctx.args.length === 2) {
    if (f.str("container")) return ctx.fail("only one of -c or an inline [CONTAINER] arg is allowed");
    return (() => {
      const r = containerLogs(ctx, found.value.pod, ctx.args[1], tailFlag < 0 ? undefined : tailFlag, f.bool("prefix"));
      if (typeof r !== "string") return ctx.fail(r.error);
      ctx.write(r);
      return 0;
    })();
  }
  return logsOfPod(ctx, found.value.pod, tailFlag < 0 ? undefined : tailFlag, f.bool("prefix"));
}

export const logsCommand: CommandDef = {
  name: "logs",
  group: "Troubleshooting and Debugging Commands",
  short: "Print the logs for a container in a pod",
  use: "kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]",
  examples: `  # Return snapshot logs from pod nginx with only one container
  kubectl logs nginx

  # Return snapshot logs from pod nginx, prefixing each line with the source pod and container name
  kubectl logs nginx --prefix

  # Return snapshot logs from all containers in pods defined by label app=nginx
  kubectl logs -l app=nginx --all-containers=true

  # Return snapshot of previous terminated ruby container logs from pod web-1
  kubectl logs -p -c ruby web-1

  # Display only the most recent 20 lines of output in pod nginx
  kubectl logs --tail=20 nginx

  # Return snapshot logs from first container of a job named hello
  kubectl logs job/hello`,
  flags: [
    { name: "container", short: "c", type: "string", usage: "Print the logs of this container" },
    { name: "previous", short: "p", type: "bool", default: false, usage: "If true, print the logs for the previous instance of the container in a pod if it exists." },
    { name: "tail", type: "int", default: -1, usage: "Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided." },
    SELECTOR,
    { name: "all-containers", type: "bool", default: false, usage: "Get all containers' logs in the pod(s)." },
    { name: "prefix", type: "bool", default: false, usage: "Prefix each log line with the log source (pod name and container name)" },
    { name: "follow", short: "f", type: "bool", default: false, usage: "Specify if the logs should be streamed. (Crashloop prints what is there now.)" },
    { name: "timestamps", type: "bool", default: false, usage: "Include timestamps on each line in the log output (not simulated)" },
    { name: "since", type: "string", usage: "Only return logs newer than a relative duration like 5s, 2m, or 3h. (not simulated)" },
  ],
  run: runLogs,
};
