/** Every kubectl verb the game answers; `kubectl help` groups them (help.ts HELP_GROUPS). */
import type { CommandDef } from "./context.ts";
import { annotateCommand, labelCommand } from "./commands/label.ts";
import { applyCommand } from "./commands/apply.ts";
import { authCommand } from "./commands/auth.ts";
import { createCommand } from "./commands/create.ts";
import { deleteCommand } from "./commands/delete.ts";
import { describeCommand } from "./commands/describe.ts";
import { editCommand } from "./commands/edit.ts";
import { execCommand } from "./commands/exec.ts";
import { debugCommand } from "./commands/debug.ts";
import { traceCommand } from "./commands/trace.ts";
import { explainCommand } from "./commands/explain.ts";
import { exposeCommand } from "./commands/expose.ts";
import { getCommand } from "./commands/get.ts";
import { logsCommand } from "./commands/logs.ts";
import { apiResourcesCommand, clusterInfoCommand, configCommand, optionsCommand, versionCommand } from "./commands/misc.ts";
import { cordonCommand, drainCommand, taintCommand, uncordonCommand } from "./commands/nodes.ts";
import { patchCommand } from "./commands/patch.ts";
import { rolloutCommand } from "./commands/rollout.ts";
import { scaleCommand } from "./commands/scale.ts";
import { setCommand } from "./commands/set.ts";
import { topCommand } from "./commands/top.ts";

export const COMMANDS: readonly CommandDef[] = [
  createCommand,
  exposeCommand,
  setCommand,
  explainCommand,
  getCommand,
  editCommand,
  deleteCommand,
  rolloutCommand,
  scaleCommand,
  clusterInfoCommand,
  topCommand,
  cordonCommand,
  uncordonCommand,
  drainCommand,
  taintCommand,
  describeCommand,
  logsCommand,
  execCommand,
  debugCommand,
  authCommand,
  applyCommand,
  patchCommand,
  labelCommand,
  annotateCommand,
  apiResourcesCommand,
  configCommand,
  versionCommand,
  optionsCommand,
  traceCommand,
];
