/**
 * What a logged kubectl line did, for diagnosis credit and roles: its verb (`rollout restart`
 * counts as `rollout restart`), whether it only looks (get, describe, logs, events, top...) or
 * changes the cluster, and which objects it names.
 */
import { tokenize } from "../kubectl/tokenize.ts";

export type CommandClass = "inspect" | "mutate" | "other";

const INSPECT = new Set(["get", "describe", "logs", "events", "top", "explain", "trace", "api-resources", "version", "cluster-info", "auth", "diff", "wait"]);
const MUTATE = new Set(["apply", "create", "replace", "patch", "edit", "delete", "scale", "set", "label", "annotate", "taint", "cordon", "uncordon", "drain", "expose", "run", "autoscale"]);
/** Global flags that take a value (so their value is not mistaken for the verb). */
const VALUE_FLAGS = new Set(["-n", "--namespace", "--context", "--cluster", "--user", "-s", "--server", "--kubeconfig", "--as", "--request-timeout"]);

export interface ParsedCommand {
  /** `get`, `rollout restart`, `rollout undo`... ('' when none). */
  verb: string;
  cls: CommandClass;
  /** Positional arguments after the verb (types, names, `kind/name`). */
  args: string[];
  /** Value of -l/--selector when given. */
  selector?: string;
  namespace?: string;
  /** Flag names given (`--all`, `-A`). */
  flags: string[];
}

export function parseCommand(line: string): ParsedCommand {
  const t = tokenize(line);
  const argv = t.ok ? (t.stages[0] ?? []) : line.trim().split(/\s+/);
  let words = argv[0] === "kubectl" || argv[0] === "k" ? argv.slice(1) : argv;
  const positional: string[] = [];
  let selector: string | undefined;
  let namespace: string | undefined;
  const flags: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === "--") break;
    if (w.startsWith("-")) {
      const [flag, inline] = w.split("=", 2);
      flags.push(flag);
      const value = inline ?? words[i + 1];
      if (flag === "-l" || flag === "--selector") selector = value;
      if (flag === "-n" || flag === "--namespace") namespace = value;
      if (inline === undefined && (VALUE_FLAGS.has(flag) || flag === "-l" || flag === "--selector" || flag === "-c" || flag === "--container" || flag === "-o" || flag === "--output" || flag === "-p" || flag === "--patch" || flag === "--type" || flag === "-f" || flag === "--filename" || flag === "--replicas" || flag === "--field-selector" || flag === "--to-revision" || flag === "--tail" || flag === "--for")) i++;
      continue;
    }
    positional.push(w);
  }
  words = positional;
  let verb = words[0] ?? "";
  let args = words.slice(1);
  if ((verb === "rollout" || verb === "set" || verb === "auth" || verb === "config") && args.length) {
    verb = `${verb} ${args[0]}`;
    args = args.slice(1);
  }
  const base = verb.split(" ")[0];
  let cls: CommandClass = "other";
  if (INSPECT.has(base) || verb === "rollout status" || verb === "rollout history") cls = "inspect";
  else if (MUTATE.has(base) || verb === "rollout restart" || verb === "rollout undo" || verb === "rollout pause" || verb === "rollout resume") cls = "mutate";
  return { verb, cls, args, flags, ...(selector ? { selector } : {}), ...(namespace ? { namespace } : {}) };
}

/** Shotgun moves: deleting pods or restarting workloads without a reason. */
export function isShotgun(cmd: ParsedCommand): boolean {
  if (cmd.verb === "rollout restart") return true;
  if (cmd.verb !== "delete") return false;
  const [type, ...names] = cmd.args;
  const t = (type ?? "").split("/")[0];
  return ["pod", "pods", "po"].includes(t) && (names.length > 0 || !!cmd.selector || (type ?? "").includes("/") || cmd.flags.includes("--all"));
}
