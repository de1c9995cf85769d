import { isExecutable } from "./shell/commands.ts";

/**
 * What the container runtime executes: the image's ENTRYPOINT/CMD overridden by the container's
 * `command`/`args` (after Kubernetes' own `$(VAR)` expansion), and the error runc gives when
 * that executable does not exist.
 */

/** Shells: `command: [sh, -c, ...]` runs the script even in an application image. */
export const SHELLS = new Set(["sh", "ash", "bash", "/bin/sh", "/bin/ash", "/bin/bash", "/usr/bin/sh", "/usr/bin/bash"]);

/**
 * Kubernetes expands `$(VAR)` in command and args from the container's environment before the
 * runtime sees them (third_party/forked/golang/expansion): `$$` is an escaped `$`, an undefined
 * variable is left as written, and an unterminated `$(` is kept.
 */
export function expandKubernetesVars(input: string, env: Record<string, string>): string {
  let result = "";
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== "$" || cursor + 1 >= input.length) continue;
    result += input.slice(checkpoint, cursor);
    const rest = input.slice(cursor + 1);
    if (rest[0] === "$") {
      result += "$";
      cursor += 1;
    } else if (rest[0] === "(") {
      const close = rest.indexOf(")");
      if (close < 0) {
        result += "$(";
        cursor += 1;
      } else {
        const name = rest.slice(1, close);
        result += Object.prototype.hasOwnProperty.call(env, name) ? env[name] : `$(${name})`;
        cursor += close + 1;
      }
    } else {
      result += "$" + rest[0];
      cursor += 1;
    }
    checkpoint = cursor + 1;
  }
  return result + input.slice(checkpoint);
}

/**
 * The argv of PID 1. Shell images (busybox, alpine) have no ENTRYPOINT and CMD `sh`; `command`
 * replaces the ENTRYPOINT and drops the image's CMD, `args` replaces the CMD.
 * Application images: undefined when the profile's own behaviour runs (no command override).
 */
export function resolveArgv(shellImage: boolean, command: string[] | undefined, args: string[] | undefined): string[] | undefined {
  // An empty list is the same as none: containerd falls back to the image's ENTRYPOINT/CMD.
  if (command?.length === 0) command = undefined;
  if (args?.length === 0) args = undefined;
  if (shellImage) return command ? [...command, ...(args ?? [])] : (args ?? ["sh"]);
  if (command && command.length > 0) return [...command, ...(args ?? [])];
  return undefined;
}

/**
 * runc's failure when argv[0] is not in the image, as containerd reports it in the container's
 * terminated state (reason StartError, exit code 128).
 */
export function startErrorFor(argv: string[], toolset: "busybox" | "debian"): string | undefined {
  const exe = argv[0] ?? "";
  if (exe !== "" && (SHELLS.has(exe) && (toolset === "debian" || !exe.includes("bash")) || isExecutable(exe, toolset))) return undefined;
  const cause = exe.includes("/") ? `exec: "${exe}": stat ${exe}: no such file or directory` : `exec: "${exe}": executable file not found in $PATH`;
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${cause}: unknown`;
}

/** Does this argv run through our shell interpreter in an application image (sh -c, sleep, echo...)? */
export function runsAsScript(argv: string[]): boolean {
  return SHELLS.has(argv[0]) || isExecutable(argv[0], "debian");
}
