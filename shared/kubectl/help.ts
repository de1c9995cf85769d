/**
 * `kubectl help`, `kubectl <verb> --help`, and cobra's unknown-command suggestions
 * (Levenshtein distance ≤ 2, or a prefix match, like cobra's SuggestionsFor).
 */
import type { CommandDef } from "./context.ts";
import type { FlagSpec } from "./flags.ts";
import { GLOBAL_FLAGS } from "./common-flags.ts";

/** The `kubectl help` groups, in kubectl's order; Crashloop's own verbs come last. */
export const HELP_GROUPS = [
  "Basic Commands (Beginner)",
  "Basic Commands (Intermediate)",
  "Deploy Commands",
  "Cluster Management Commands",
  "Troubleshooting and Debugging Commands",
  "Advanced Commands",
  "Settings Commands",
  "Other Commands",
  "Crashloop Extras (not part of real kubectl)",
];

export function rootHelp(commands: readonly CommandDef[]): string {
  const lines = ["kubectl controls the Kubernetes cluster manager.", "", " Find more information at: https://kubernetes.io/docs/reference/kubectl/", ""];
  for (const g of HELP_GROUPS) {
    const cmds = commands.filter((c) => c.group === g);
    if (cmds.length === 0) continue;
    lines.push(`${g}:`);
    for (const c of cmds) lines.push(`  ${c.name.padEnd(15)} ${c.short}`);
    lines.push("");
  }
  lines.push("Usage:", "  kubectl [flags] [options]", "", 'Use "kubectl <command> --help" for more information about a given command.');
  return lines.join("\n") + "\n";
}

function flagLine(f: FlagSpec): string {
  const def = f.type === "bool" ? String(f.default ?? false) : f.type === "stringArray" ? "[]" : f.type === "int" ? String(f.default ?? 0) : `'${f.default ?? ""}'`;
  return `    ${f.short ? `-${f.short}, ` : ""}--${f.name}=${def}:\n\t${f.usage}\n`;
}

export function commandHelp(cmd: CommandDef, path: string): string {
  const parts = [`${cmd.short}.\n`];
  if (cmd.aliases?.length) parts.push(`Aliases:\n${[cmd.name, ...cmd.aliases].join(", ")}\n`);
  if (cmd.examples) parts.push(`Examples:\n${cmd.examples}\n`);
  if (cmd.subcommands?.length) {
    parts.push(`Available Commands:\n${cmd.subcommands.map((s) => `  ${s.name.padEnd(14)} ${s.short}`).join("\n")}\n`);
  }
  const flags = [...cmd.flags].sort((a, b) => (a.name < b.name ? -1 : 1));
  if (flags.length) parts.push(`Options:\n${flags.map(flagLine).join("\n")}`);
  parts.push(`Usage:\n  ${cmd.use}\n`);
  if (cmd.subcommands?.length) parts.push(`Use "${path} <command> --help" for more information about a given command.`);
  parts.push(`Use "kubectl options" for a list of global command-line options (applies to all commands).\n`);
  return parts.join("\n");
}

/** `kubectl options`: the global flags. */
export function optionsHelp(): string {
  return `The following options can be passed to any command:\n\n${GLOBAL_FLAGS.map(flagLine).join("\n")}`;
}

export function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** cobra's SuggestionsFor: names within distance 2 (case-insensitive) or having the typed prefix. */
export function suggestCommands(typed: string, commands: readonly CommandDef[]): string[] {
  const t = typed.toLowerCase();
  const out: string[] = [];
  for (const c of commands) {
    const close = levenshtein(t, c.name.toLowerCase()) <= 2 || (t.length > 0 && c.name.toLowerCase().startsWith(t));
    if (close && !out.includes(c.name)) out.push(c.name);
  }
  return out.sort();
}

/** `error: unknown command "gett" for "kubectl"` with cobra's suggestion block. */
export function unknownCommand(typed: string, parentPath: string, commands: readonly CommandDef[]): string {
  const suggestions = suggestCommands(typed, commands);
  let msg = `error: unknown command "${typed}" for "${parentPath}"`;
  if (suggestions.length) msg += `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}`).join("\n")}`;
  return `${msg}\n\nRun '${parentPath} --help' for usage.`;
}
