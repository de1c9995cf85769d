import { evalArith, linearToString } from "./arith.ts";
import { runCommand } from "./commands.ts";
import type { Word } from "./lex.ts";
import { runLoop } from "./loop.ts";
import { parseScript, type Redirect, type ShellNode } from "./parse.ts";
import { MAX_STEPS, normalizePath, type Io, type Sim, type Sink } from "./sim.ts";

/** Run a script text in `sim` (as `sh -c script`); the status is left in sim.status. */
export function runScript(sim: Sim, script: string, io: Io): number {
  const parsed = parseScript(script);
  if (!parsed.ok) {
    sim.events.push({ at: sim.t, log: parsed.error });
    sim.status = 2;
    return 2;
  }
  return runNode(sim, parsed.node, io);
}

/** True once the run cannot continue: exited, blocked forever, periodic, or out of budget. */
export function stopped(sim: Sim): boolean {
  return sim.end !== undefined || sim.aborted;
}

export function runNode(sim: Sim, node: ShellNode, io: Io): number {
  if (stopped(sim)) return sim.status;
  if (++sim.steps > MAX_STEPS) {
    /** Simplification: a script that runs more commands than the budget without sleeping is treated as running forever. */
    sim.end = { kind: "forever" };
    sim.busy = true;
    return sim.status;
  }
  let status: number;
  switch (node.t) {
    case "simple":
      status = runSimple(sim, node, io);
      break;
    case "list":
      status = 0;
      for (const item of node.items) {
        status = runNode(sim, item, io);
        if (stopped(sim)) break;
        if (sim.errexit && status !== 0 && item.t !== "and" && item.t !== "or" && item.t !== "not") {
          sim.end = { kind: "exit", code: status };
          break;
        }
      }
      break;
    case "and":
      status = runNode(sim, node.left, io);
      if (status === 0 && !stopped(sim)) status = runNode(sim, node.right, io);
      break;
    case "or":
      status = runNode(sim, node.left, io);
      if (status !== 0 && !stopped(sim)) status = runNode(sim, node.right, io);
      break;
    case "not":
      status = runNode(sim, node.node, io) === 0 ? 1 : 0;
      break;
    case "pipe": {
      /** Simplification: stages run one after the other, each reading the previous one's whole output. */
      let stdin: string | undefined = io.stdin;
      status = 0;
      node.stages.forEach((stage, i) => {
        const last = i === node.stages.length - 1;
        const buf: string[] = [];
        status = runNode(sim, stage, { out: last ? io.out : { to: "capture", buf }, err: io.err, stdin });
        stdin = buf.join("");
      });
      break;
    }
    case "if":
      status = runNode(sim, node.cond, io) === 0 ? runNode(sim, node.then, io) : node.else ? runNode(sim, node.else, io) : 0;
      break;
    case "group":
      status = runNode(sim, node.body, io);
      break;
    case "for": {
      status = 0;
      const items = node.items ? expandWords(sim, node.items) : sim.args.slice(1);
      for (const item of items) {
        sim.vars.set(node.name, item);
        status = runNode(sim, node.body, io);
        if (stopped(sim)) break;
      }
      break;
    }
    case "while":
      status = runLoop(sim, node, io);
      break;
  }
  sim.status = status;
  return status;
}

function runSimple(sim: Sim, node: Extract<ShellNode, { t: "simple" }>, io: Io): number {
  const argv = expandWords(sim, node.words);
  const values = node.assigns.map((a) => [a.name, expandWord(sim, a.value).join(" ")] as const);
  if (argv.length === 0) {
    for (const [name, value] of values) sim.vars.set(name, value);
    return sim.status;
  }
  const cmdIo = redirect(sim, node.redirects, io);
  if (!cmdIo) return 1;
  /** Simplification: `VAR=x cmd` sets VAR for the rest of the script, not only for cmd. */
  for (const [name, value] of values) sim.vars.set(name, value);
  return runCommand(sim, argv, cmdIo);
}

function redirect(sim: Sim, redirects: Redirect[], io: Io): Io | undefined {
  const next: Io = { ...io };
  for (const r of redirects) {
    if (r.mode === "dup") {
      const target = r.dupTo === 2 ? next.err : next.out;
      if (r.fd === 2) next.err = target;
      else next.out = target;
      continue;
    }
    const path = expandWord(sim, r.target ?? []).join(" ");
    if (r.mode === "<") {
      const content = sim.files.get(normalizePath(path));
      if (content === undefined) {
        sim.events.push({ at: sim.t, log: `sh: can't open '${path}': No such file or directory` });
        return undefined;
      }
      next.stdin = content;
      continue;
    }
    const sink: Sink =
      path === "/dev/null"
        ? { to: "null" }
        : path === "/dev/stdout"
          ? io.out
          : path === "/dev/stderr"
            ? io.err
            : { to: "file", path: normalizePath(path), append: r.mode === ">>" };
    if (sink.to === "file" && !sink.append) sim.files.set(sink.path, "");
    if (r.fd === 2) next.err = sink;
    else if (r.fd === -1) next.out = next.err = sink;
    else next.out = sink;
  }
  return next;
}

export function expandWords(sim: Sim, words: Word[]): string[] {
  return words.flatMap((w) => expandWord(sim, w));
}

/** One word ⇒ fields: quoted parts stay whole, unquoted expansions split on blanks, empty unquoted results vanish. */
export function expandWord(sim: Sim, word: Word): string[] {
  const fields: string[] = [];
  let cur: string | null = null;
  for (const part of word) {
    let text: string;
    if ("lit" in part) text = part.lit;
    else if ("param" in part) {
      text = param(sim, part.param);
      if (text === "" && part.fallback) text = expandWord(sim, part.fallback).join(" ");
    } else if ("sub" in part) text = substitute(sim, part.sub);
    else {
      const r = evalArith(part.arith, (name) => param(sim, name));
      if (!r.ok) {
        if (r.symbolic) sim.aborted = true;
        else sim.events.push({ at: sim.t, log: r.error });
        text = "0";
      } else text = linearToString(r.value);
    }
    if ("lit" in part || part.q) {
      cur = (cur ?? "") + text;
      continue;
    }
    const pieces = text.split(/[ \t\n]+/);
    pieces.forEach((piece, i) => {
      if (i > 0 && cur !== null) {
        fields.push(cur);
        cur = null;
      }
      if (piece !== "") cur = (cur ?? "") + piece;
    });
  }
  if (cur !== null) fields.push(cur);
  return fields;
}

function param(sim: Sim, name: string): string {
  if (name === "?") return String(sim.status);
  if (name === "$") return "1";
  if (name === "#") return String(Math.max(0, sim.args.length - 1));
  if (name === "@" || name === "*") return sim.args.slice(1).join(" ");
  if (/^\d$/.test(name)) return sim.args[Number(name)] ?? "";
  return sim.vars.get(name) ?? "";
}

/** `$(cmd)`: run it capturing stdout; trailing newlines dropped, as the shell does. */
function substitute(sim: Sim, script: string): string {
  const buf: string[] = [];
  const saved = sim.status;
  runScript(sim, script, { out: { to: "capture", buf }, err: { to: "out" } });
  if (sim.end?.kind === "exit") sim.end = undefined; // `exit` inside $(...) leaves only the subshell
  sim.status = saved;
  return buf.join("").replace(/\n+$/, "");
}
