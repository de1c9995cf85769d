/** Flag specs several commands share, worded as kubectl's help prints them. */
import type { FlagSpec } from "./flags.ts";
import type { Stored } from "../k8s/kinds.ts";

export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: "namespace", short: "n", type: "string", usage: "If present, the namespace scope for this CLI request" },
  { name: "context", type: "string", usage: "The name of the kubeconfig context to use" },
  { name: "cluster", type: "string", usage: "The name of the kubeconfig cluster to use" },
  { name: "user", type: "string", usage: "The name of the kubeconfig user to use" },
  { name: "kubeconfig", type: "string", usage: "Path to the kubeconfig file to use for CLI requests." },
  { name: "request-timeout", type: "string", default: "0", usage: "The length of time to wait before giving up on a single server request." },
  { name: "v", short: "v", type: "int", default: 0, usage: "number for the log level verbosity" },
  { name: "help", short: "h", type: "bool", usage: "help for this command" },
];

export const ALL_NAMESPACES: FlagSpec = {
  name: "all-namespaces",
  short: "A",
  type: "bool",
  default: false,
  usage: "If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.",
};
export const SELECTOR: FlagSpec = {
  name: "selector",
  short: "l",
  type: "string",
  usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
};
export const FIELD_SELECTOR: FlagSpec = {
  name: "field-selector",
  type: "string",
  usage: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.",
};
export const OUTPUT: FlagSpec = {
  name: "output",
  short: "o",
  type: "string",
  usage: "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide).",
};
export const FILENAME: FlagSpec = { name: "filename", short: "f", type: "stringArray", usage: "The files that contain the configurations. Only '-' (stdin) is available here." };
export const DRY_RUN: FlagSpec = {
  name: "dry-run",
  type: "string",
  default: "none",
  usage: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it.',
};
export const ALL: FlagSpec = { name: "all", type: "bool", default: false, usage: "Select all resources in the namespace of the specified resource types." };
export const RECORD: FlagSpec = { name: "record", type: "bool", default: false, usage: "Record current kubectl command in the resource annotation. (deprecated)" };

/** printTable wants a Date; only getTime() is read, and shared/ may not construct one. */
export function clockAt(nowMs: number): Date {
  return { getTime: () => nowMs } as unknown as Date;
}

export type { Stored };
