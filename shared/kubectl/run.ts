/**
 * `runKubectl`: what happens when a player presses Enter. The line is split like a shell
 * would (tokenize.ts), `kubectl`/`k` is optional, the command is found like cobra finds it
 * (global flags may come before the verb), flags are parsed like pflag, the command runs
 * against the cluster's API, and the output goes through the pipeline's filters.
 * It never throws: an unexpected failure becomes an `error: ...` line with exit code 1.
 */
import type { Cluster } from "../sim/cluster.ts";
import { CommandContext, type CommandDef, type KubectlOptions, type KubectlResult } from "./context.ts";
import { FlagReader, parseFlags } from "./flags.ts";
import { GLOBAL_FLAGS } from "./common-flags.ts";
import { commandHelp, rootHelp, unknownCommand } from "./help.ts";
import { runFilter } from "./pipeline.ts";
import { COMMANDS } from "./registry.ts";
import { tokenize } from "./tokenize.ts";

/** Global flags that take a value, so `kubectl -n shop get` finds `get` as the verb. */
const VALUE_FLAGS = new Set(GLOBAL_FLAGS.filter((f) => f.type !== "bool").flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]));

interface Found {
  cmd: CommandDef;
  path: string;
  /** argv without the verb words. */
  rest: string[];
}

function findCommand(argv: string[]): Found | { error: string } | { help: true } {
  const words: number[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") break;
    if (a.startsWith("-")) {
      if (VALUE_FLAGS.has(a)) i++;
      continue;
    }
    words.push(i);
    if (words.length === 2) break;
  }
  if (words.length === 0) return { help: true };
  const verb = argv[words[0]];
  const cmd = COMMANDS.find((c) => c.name === verb || c.aliases?.includes(verb));
  if (!cmd) return { error: unknownCommand(verb, "kubectl", COMMANDS) };
  let rest = argv.filter((_, i) => i !== words[0]);
  if (cmd.subcommands?.length && words.length === 2) {
    const subName = argv[words[1]];
    const sub = cmd.subcommands.find((s) => s.name === subName || s.aliases?.includes(subName));
    if (sub) return { cmd: sub, path: `kubectl ${cmd.name} ${sub.name}`, rest: argv.filter((_, i) => i !== words[0] && i !== words[1]) };
    if (!cmd.run) return { error: unknownSubcommand(cmd, subName) };
  }
  if (cmd.subcommands?.length && !cmd.run) rest = rest.filter((a) => a !== "");
  return { cmd, path: `kubectl ${cmd.name}`, rest };
}

/** A parent command (rollout, set) given an unknown subcommand. */
function unknownSubcommand(cmd: CommandDef, typed: string): string {
  return unknownCommand(typed, `kubectl ${cmd.name}`, cmd.subcommands ?? []);
}

function execute(cluster: Cluster, argv: string[], options: KubectlOptions): KubectlResult {
  if (argv[0] === "kubectl" || argv[0] === "k") argv = argv.slice(1);
  if (argv[0] === "help") {
    if (argv.length === 1) return { stdout: rootHelp(COMMANDS), stderr: "", exitCode: 0 };
    argv = [...argv.slice(1), "--help"];
  }
  const found = findCommand(argv);
  if ("help" in found) {
    const hasFlags = argv.some((a) => a !== "-h" && a !== "--help");
    if (!hasFlags) return { stdout: rootHelp(COMMANDS), stderr: "", exitCode: 0 };
    const parsed = parseFlags(argv, GLOBAL_FLAGS);
    if (!parsed.ok) return { stdout: "", stderr: `error: ${parsed.error}\nSee 'kubectl --help' for usage.\n`, exitCode: 1 };
    return { stdout: rootHelp(COMMANDS), stderr: "", exitCode: 0 };
  }
  if ("error" in found) return { stdout: "", stderr: found.error + "\n", exitCode: 1 };
  const { cmd, path, rest } = found;
  const specs = [...GLOBAL_FLAGS, ...cmd.flags];
  const parsed = parseFlags(rest, specs);
  if (!parsed.ok) return { stdout: "", stderr: `error: ${parsed.error}\nSee '${path} --help' for usage.\n`, exitCode: 1 };
  const flags = new FlagReader(parsed.value, specs);
  if (flags.bool("help") || !cmd.run) {
    if (!cmd.run && !flags.bool("help") && parsed.value.args.length === 0) {
      return { stdout: commandHelp(cmd, path), stderr: "", exitCode: 0 };
    }
    return { stdout: commandHelp(cmd, path), stderr: "", exitCode: 0 };
  }
  const ns = flags.str("namespace");
  const ctx = new CommandContext(cluster, path, parsed.value.args, parsed.value.dashAt, flags, ns || "default", ns !== "", options);
  const exitCode = cmd.run(ctx);
  return { stdout: ctx.out.join(""), stderr: ctx.err.join(""), exitCode };
}

/** Run one terminal line (`kubectl get pods -n shop | grep web`). */
export function runKubectl(cluster: Cluster, line: string, options: KubectlOptions = {}): KubectlResult {
  try {
    const tokens = tokenize(line);
    if (!tokens.ok) return { stdout: "", stderr: `bash: ${tokens.error}\n`, exitCode: 2 };
    const [first, ...filters] = tokens.stages;
    if (first.length === 0) return { stdout: "", stderr: "", exitCode: 0 };
    let result = execute(cluster, first, options);
    let stderr = result.stderr;
    for (const stage of filters) {
      const r = runFilter(stage, result.stdout);
      stderr += r.stderr;
      result = { stdout: r.stdout, stderr, exitCode: r.exitCode };
    }
    return { ...result, stderr };
  } catch (e) {
    // A bug of ours, never the player's fault: still answered as kubectl would, and marked so tests find it.
    return { stdout: "", stderr: `error: internal error: ${e instanceof Error ? e.message : String(e)}\n`, exitCode: 1 };
  }
}
