/**
 * The one place the game runs a kubectl line: shared/kubectl/run.ts (`runKubectl(cluster, line,
 * { stdin, as })`), so the session, the CLI and the tests all go through the command layer a
 * player types into.
 */
import type { Cluster } from "../sim/cluster.ts";
import { runKubectl } from "../kubectl/run.ts";
import type { KubectlOptions } from "../kubectl/context.ts";

export interface KubectlRunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export function runCommandLine(cluster: Cluster, line: string, opts: { stdin?: string; as?: string; permissions?: KubectlOptions["permissions"] } = {}): KubectlRunResult {
  return runKubectl(cluster, line, {
    ...(opts.stdin !== undefined ? { stdin: opts.stdin } : {}),
    ...(opts.as ? { as: opts.as } : {}),
    ...(opts.permissions ? { permissions: opts.permissions } : {}),
  });
}
