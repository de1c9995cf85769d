import { normalizePath, err, type Io, type Sim } from "./sim.ts";

/** `test` / `[ ... ]`: file tests, string tests, integer comparisons, `!`, `-a`/`-o`. */
export function testExpression(sim: Sim, args: string[], io: Io): number {
  const r = evaluate(sim, args);
  if (r === undefined) {
    err(sim, io, `sh: ${args.join(" ")}: unknown operand\n`);
    return 2;
  }
  return r ? 0 : 1;
}

function evaluate(sim: Sim, args: string[]): boolean | undefined {
  const or = args.indexOf("-o");
  if (or > 0) {
    const l = evaluate(sim, args.slice(0, or));
    const r = evaluate(sim, args.slice(or + 1));
    return l === undefined || r === undefined ? undefined : l || r;
  }
  const and = args.indexOf("-a", 1);
  if (and > 0 && args.length > 3) {
    const l = evaluate(sim, args.slice(0, and));
    const r = evaluate(sim, args.slice(and + 1));
    return l === undefined || r === undefined ? undefined : l && r;
  }
  if (args[0] === "!") {
    const r = evaluate(sim, args.slice(1));
    return r === undefined ? undefined : !r;
  }
  if (args.length === 0) return false;
  if (args.length === 1) return args[0] !== "";
  if (args.length === 2) {
    const [op, operand] = args;
    const path = normalizePath(operand);
    const isDir = [...sim.files.keys()].some((k) => k.startsWith(path + "/")) || ["/", "/tmp", "/etc", "/var", "/usr", "/root"].includes(path);
    switch (op) {
      case "-z":
        return operand === "";
      case "-n":
        return operand !== "";
      case "-f":
      case "-r":
      case "-w":
        return sim.files.has(path);
      case "-x":
        return false;
      case "-s":
        return (sim.files.get(path) ?? "") !== "";
      case "-e":
        return sim.files.has(path) || isDir;
      case "-d":
        return isDir;
      default:
        return undefined;
    }
  }
  if (args.length === 3) {
    const [a, op, b] = args;
    const x = Number.parseInt(a, 10);
    const y = Number.parseInt(b, 10);
    switch (op) {
      case "=":
      case "==":
        return a === b;
      case "!=":
        return a !== b;
      case "-eq":
        return x === y;
      case "-ne":
        return x !== y;
      case "-lt":
        return x < y;
      case "-le":
        return x <= y;
      case "-gt":
        return x > y;
      case "-ge":
        return x >= y;
      default:
        return undefined;
    }
  }
  return undefined;
}
