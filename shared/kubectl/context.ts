/**
 * What every kubectl command receives and how it answers: the cluster, its parsed arguments
 * and flags, and stdout/stderr buffers. Commands return their exit code; failures are
 * written as kubectl words them (helpers below), never thrown.
 */
import type { Cluster } from "../sim/cluster.ts";
import type { FlagReader, FlagSpec } from "./flags.ts";

/** `kubectl auth can-i` asks this (when roles exist): may `user` do `verb` on `resource`? */
export type PermissionHook = (q: { user?: string; verb: string; resource: string; namespace?: string; name?: string }) => boolean;

export interface KubectlOptions {
  /** Fed to `apply -f -`, `create -f -`, `edit` (the edited text) and `exec -i`. */
  stdin?: string;
  /** The acting player (roles, command log). */
  as?: string;
  /** The server's authorizer; absent ⇒ everything is allowed. */
  permissions?: PermissionHook;
}

export interface KubectlResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export class CommandContext {
  readonly out: string[] = [];
  readonly err: string[] = [];

  constructor(
    readonly cluster: Cluster,
    /** `kubectl rollout restart`: for `See '... --help'` lines. */
    readonly path: string,
    readonly args: string[],
    /** Index in args of `--` (exec's command), or -1. */
    readonly dashAt: number,
    readonly flags: FlagReader,
    /** -n, or `default`. */
    readonly namespace: string,
    readonly namespaceGiven: boolean,
    readonly options: KubectlOptions,
  ) {}

  get nowMs(): number {
    return this.cluster.nowMs;
  }

  get allNamespaces(): boolean {
    return this.flags.bool("all-namespaces");
  }

  /** Append to stdout (newline added when missing). */
  print(text: string): void {
    if (text === "") return;
    this.out.push(text.endsWith("\n") ? text : text + "\n");
  }

  /** Append to stdout exactly as given (`-o jsonpath` prints no trailing newline). */
  write(text: string): void {
    if (text !== "") this.out.push(text);
  }

  /** Append to stderr (newline added when missing). */
  warn(text: string): void {
    if (text === "") return;
    this.err.push(text.endsWith("\n") ? text : text + "\n");
  }

  /** `error: <msg>` on stderr (server errors keep their own form), exit code 1. */
  fail(msg: string): number {
    this.warn(/^(error: |Error from server|The \S+ "[^"]*" is invalid)/.test(msg) ? msg : `error: ${msg}`);
    return 1;
  }

  /** cmdutil.UsageErrorf: `error: <msg>` + `See 'kubectl x -h' for help and examples`. */
  usageError(msg: string): number {
    this.warn(`error: ${msg}\nSee '${this.path} -h' for help and examples`);
    return 1;
  }
}

/** A kubectl command: its help text, flags and what it does. */
export interface CommandDef {
  name: string;
  aliases?: string[];
  /** One line, as `kubectl help` lists it. */
  short: string;
  /** `kubectl scale [--resource-version=version] ... (-f FILENAME | TYPE NAME)` */
  use: string;
  examples?: string;
  /** The `kubectl help` group it is listed under. */
  group: string;
  flags: FlagSpec[];
  subcommands?: CommandDef[];
  run?: (ctx: CommandContext) => number;
}
