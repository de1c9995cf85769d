/**
 * `kubectl exec POD [-c C] [-i] [-t] -- CMD...`: runs the command in the container's process
 * model (shell builtins, files, the app's HTTP endpoints) or in a registered exec tool.
 * Simplification: files written by exec are not kept between commands.
 */
import { execIn } from "../../sim/apps/process.ts";
import type { CommandContext, CommandDef } from "../context.ts";
import { defaultContainer, podForObject } from "../pod-select.ts";
import { execToolFor } from "../exec-tools.ts";

function runExec(ctx: CommandContext): number {
  const f = ctx.flags;
  if (ctx.args.length === 0) return ctx.usageError("expected 'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]'.\nPOD or TYPE/NAME is a required argument for the exec command");
  if (ctx.dashAt < 0 && ctx.args.length > 1) {
    return ctx.fail("exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead");
  }
  if (ctx.dashAt > 1) return ctx.fail("exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead");
  const command = ctx.args.slice(1);
  if (command.length === 0) return ctx.usageError("you must specify at least one command for the container");
  const found = podForObject(ctx.cluster, ctx.namespace, ctx.args[0]);
  if (!found.ok) return ctx.fail(found.error);
  const pod = found.value.pod;
  const phase = pod.status?.phase;
  if (phase === "Succeeded" || phase === "Failed") return ctx.fail(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  let container = f.str("container");
  if (!container) {
    const d = defaultContainer(pod);
    if (d.note) ctx.warn(d.note);
    container = d.name;
  } else if (![...pod.spec.containers, ...(pod.spec.initContainers ?? [])].some((c) => c.name === container)) {
    return ctx.fail(`container ${container} not found in pod ${pod.metadata.name}`);
  }
  const rt = ctx.cluster.state.pods[pod.metadata.uid];
  const crt = rt?.containers.find((c) => c.name === container) ?? rt?.initContainers.find((c) => c.name === container);
  const inst = crt?.current;
  if (!pod.spec.nodeName || !rt) return ctx.fail(`unable to upgrade connection: pod does not exist`);
  if (!inst || inst.exited || (inst.end && inst.end.atMs <= ctx.nowMs)) return ctx.fail(`unable to upgrade connection: container not found ("${container}")`);
  const tool = execToolFor(command[0]);
  const toolResult = tool?.(ctx.cluster, pod, container, command);
  if (toolResult) {
    ctx.write(toolResult.output);
    if (toolResult.exitCode !== 0) ctx.warn(`command terminated with exit code ${toolResult.exitCode}`);
    return toolResult.exitCode;
  }
  const r = execIn(inst.plan, Math.max(0, ctx.nowMs - inst.startedMs), command);
  if (r.error) return ctx.fail(`Internal error occurred: error executing command in container: ${r.error}`);
  ctx.write(r.output);
  if (r.durationMs === Infinity) ctx.warn("(Crashloop: the command does not return; it was stopped)");
  if (r.exitCode !== 0) {
    ctx.warn(`command terminated with exit code ${r.exitCode}`);
    return r.exitCode;
  }
  return 0;
}

export const execCommand: CommandDef = {
  name: "exec",
  group: "Troubleshooting and Debugging Commands",
  short: "Execute a command in a container",
  use: "kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]",
  examples: `  # Get output from running the 'date' command from pod mypod, using the first container by default
  kubectl exec mypod -- date

  # Get output from running the 'date' command in ruby-container from pod mypod
  kubectl exec mypod -c ruby-container -- date

  # Get output from running 'date' command from the first pod of the deployment mydeployment, using the first container by default
  kubectl exec deploy/mydeployment -- date`,
  flags: [
    { name: "container", short: "c", type: "string", usage: "Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen" },
    { name: "stdin", short: "i", type: "bool", default: false, usage: "Pass stdin to the container" },
    { name: "tty", short: "t", type: "bool", default: false, usage: "Stdin is a TTY" },
    { name: "quiet", short: "q", type: "bool", default: false, usage: "Only print output from the remote session" },
  ],
  run: runExec,
};
