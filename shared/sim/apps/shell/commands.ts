import { DATE_MARKER, hasMarker } from "./markers.ts";
import { NET_COMMANDS } from "./net-commands.ts";
import { runScript, stopped } from "./run.ts";
import { err, normalizePath, out, setFile, type Io, type Sim } from "./sim.ts";
import { testExpression } from "./test-expr.ts";

export type Command = (sim: Sim, args: string[], io: Io) => number;

/** Commands whose arguments only become output, so a loop counter marker may flow through them. */
const OUTPUT_ONLY = new Set(["echo", "printf", ":", "true"]);
/** Utilities only one family of images has (busybox applets vs a Debian base image). */
const ONLY_IN: Record<string, "busybox" | "debian"> = { wget: "busybox", nslookup: "busybox", curl: "debian", bash: "debian" };

/** Run one simple command. Unknown names fail the way the image's shell reports them (exit 127). */
export function runCommand(sim: Sim, argv: string[], io: Io): number {
  const base = argv[0].slice(argv[0].lastIndexOf("/") + 1);
  if (sim.symbolic && !OUTPUT_ONLY.has(base) && argv.some(hasMarker)) {
    sim.aborted = true;
    return 0;
  }
  const cmd = COMMANDS[base] ?? NET_COMMANDS[base];
  if (!cmd || (ONLY_IN[base] && ONLY_IN[base] !== sim.world.toolset)) {
    err(sim, io, sim.world.toolset === "debian" ? `sh: 1: ${argv[0]}: not found\n` : `sh: ${argv[0]}: not found\n`);
    return 127;
  }
  return cmd(sim, argv.slice(1), io);
}

/** Whether `name` is something the simulated image can execute (for container start and exec). */
export function isExecutable(name: string, toolset: "busybox" | "debian"): boolean {
  const base = name.slice(name.lastIndexOf("/") + 1);
  return (base in COMMANDS || base in NET_COMMANDS) && (!ONLY_IN[base] || ONLY_IN[base] === toolset);
}

const ok: Command = () => 0;
const cantOpen = (sim: Sim, path: string) =>
  sim.world.toolset === "debian" ? `${path}: No such file or directory` : `can't open '${path}': No such file or directory`;

/** busybox `sleep`: seconds with optional s/m/h/d suffix and fractions; `infinity` never returns. */
export function parseSleepMs(arg: string): number | undefined {
  if (arg === "inf" || arg === "infinity") return Infinity;
  const m = /^(\d+\.?\d*|\.\d+)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  const unit = { "": 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2]] ?? 1000;
  return Math.round(Number(m[1]) * unit);
}

const COMMANDS: Record<string, Command> = {
  ":": ok,
  true: ok,
  false: () => 1,
  cd: ok,
  mkdir: ok,
  chmod: ok,
  sync: ok,
  trap: ok,
  wait: ok,
  kill: ok,
  read: () => 1,
  pwd: (sim, _a, io) => (out(sim, io, "/\n"), 0),
  whoami: (sim, _a, io) => (out(sim, io, "root\n"), 0),
  id: (sim, _a, io) => (out(sim, io, "uid=0(root) gid=0(root) groups=0(root)\n"), 0),
  hostname: (sim, _a, io) => (out(sim, io, sim.world.hostname + "\n"), 0),
  date: (sim, _a, io) => (out(sim, io, DATE_MARKER + "\n"), 0),
  sleep(sim, args, io) {
    if (args.length === 0) return err(sim, io, "sleep: missing operand\n"), 1;
    let ms = 0;
    for (const a of args) {
      const v = parseSleepMs(a);
      if (v === undefined) return err(sim, io, `sleep: invalid number '${a}'\n`), 1;
      ms += v;
    }
    if (ms === Infinity) sim.end = { kind: "forever" };
    else sim.t += ms;
    return 0;
  },
  echo(sim, args, io) {
    let newline = true;
    let escapes = false;
    while (args[0] === "-n" || args[0] === "-e" || args[0] === "-ne" || args[0] === "-en") {
      const flag = args.shift() as string;
      if (flag.includes("n")) newline = false;
      if (flag.includes("e")) escapes = true;
    }
    const text = args.join(" ");
    out(sim, io, (escapes ? unescape(text) : text) + (newline ? "\n" : ""));
    return 0;
  },
  printf(sim, args, io) {
    if (args.length === 0) return err(sim, io, "printf: usage: printf FORMAT [ARG]...\n"), 2;
    let i = 1;
    const text = unescape(args[0]).replace(/%[sdb%]/g, (m) => (m === "%%" ? "%" : (args[i++] ?? (m === "%d" ? "0" : ""))));
    out(sim, io, text);
    return 0;
  },
  cat(sim, args, io) {
    const files = args.filter((a) => !a.startsWith("-") || a === "-");
    if (files.length === 0) return out(sim, io, io.stdin ?? ""), 0;
    let status = 0;
    for (const f of files) {
      const content = f === "-" ? (io.stdin ?? "") : sim.files.get(normalizePath(f));
      if (content === undefined) {
        err(sim, io, `cat: ${cantOpen(sim, f)}\n`);
        status = 1;
      } else out(sim, io, content);
    }
    return status;
  },
  touch(sim, args) {
    for (const f of args.filter((a) => !a.startsWith("-"))) if (!sim.files.has(normalizePath(f))) setFile(sim, normalizePath(f), "");
    return 0;
  },
  rm(sim, args, io) {
    const flags = args.filter((a) => a.startsWith("-")).join("");
    let status = 0;
    for (const f of args.filter((a) => !a.startsWith("-"))) {
      const path = normalizePath(f);
      const under = [...sim.files.keys()].filter((k) => flags.includes("r") && k.startsWith(path + "/"));
      if (!sim.files.has(path) && under.length === 0) {
        if (!flags.includes("f")) {
          err(sim, io, `rm: can't remove '${f}': No such file or directory\n`);
          status = 1;
        }
        continue;
      }
      for (const k of [path, ...under.sort()]) if (sim.files.has(k)) setFile(sim, k, null);
    }
    return status;
  },
  ls(sim, args, io) {
    const paths = args.filter((a) => !a.startsWith("-"));
    let status = 0;
    for (const p of paths.length ? paths : ["/"]) {
      const path = normalizePath(p);
      if (sim.files.has(path)) {
        out(sim, io, p + "\n");
        continue;
      }
      const prefix = path === "/" ? "/" : path + "/";
      const names = new Set(path === "/" ? ["bin", "dev", "etc", "home", "proc", "root", "sys", "tmp", "usr", "var"] : []);
      for (const k of sim.files.keys()) if (k.startsWith(prefix)) names.add(k.slice(prefix.length).split("/")[0]);
      if (names.size === 0 && !["/tmp", "/etc", "/var", "/usr", "/root", "/home"].includes(path)) {
        err(sim, io, `ls: ${p}: No such file or directory\n`);
        status = 1;
      } else out(sim, io, [...names].sort().map((n) => n + "\n").join(""));
    }
    return status;
  },
  env: (sim, _a, io) => (out(sim, io, sim.exported.map((k) => `${k}=${sim.vars.get(k) ?? ""}\n`).join("")), 0),
  printenv(sim, args, io) {
    if (args.length === 0) return COMMANDS.env(sim, args, io);
    const v = sim.exported.includes(args[0]) ? sim.vars.get(args[0]) : undefined;
    return v === undefined ? 1 : (out(sim, io, v + "\n"), 0);
  },
  export(sim, args) {
    for (const a of args) {
      const eq = a.indexOf("=");
      const name = eq >= 0 ? a.slice(0, eq) : a;
      if (eq >= 0) sim.vars.set(name, a.slice(eq + 1));
      if (!sim.exported.includes(name)) sim.exported.push(name);
    }
    return 0;
  },
  unset(sim, args) {
    for (const a of args) sim.vars.delete(a);
    return 0;
  },
  set(sim, args) {
    for (const a of args) if (/^[-+][a-z]*e/.test(a)) sim.errexit = a.startsWith("-");
    return 0;
  },
  exit(sim, args) {
    const code = args[0] === undefined ? sim.status : Number.parseInt(args[0], 10) & 255;
    sim.end = { kind: "exit", code: Number.isNaN(code) ? 2 : code };
    return sim.end.code;
  },
  test: (sim, args, io) => testExpression(sim, args, io),
  "[": (sim, args, io) => (args[args.length - 1] !== "]" ? (err(sim, io, "sh: missing ]\n"), 2) : testExpression(sim, args.slice(0, -1), io)),
  tail(sim, args, io) {
    if (args.some((a) => a === "-f" || a === "-F" || /^-[a-zA-Z]*f/.test(a))) {
      sim.end = { kind: "forever" };
      return 0;
    }
    const n = args.includes("-n") ? Number(args[args.indexOf("-n") + 1]) : 10;
    const file = args.filter((a, i) => !a.startsWith("-") && args[i - 1] !== "-n")[0];
    const content = file === undefined ? (io.stdin ?? "") : sim.files.get(normalizePath(file));
    if (content === undefined) return err(sim, io, `tail: can't open '${file}': No such file or directory\n`), 1;
    const lines = content.replace(/\n$/, "").split("\n");
    out(sim, io, content === "" ? "" : lines.slice(-n).join("\n") + "\n");
    return 0;
  },
  grep(sim, args, io) {
    const flags = args.filter((a) => a.startsWith("-")).join("");
    const [pattern, file] = args.filter((a) => !a.startsWith("-"));
    const content = file === undefined ? (io.stdin ?? "") : sim.files.get(normalizePath(file));
    if (content === undefined) return err(sim, io, `grep: ${file}: No such file or directory\n`), 2;
    const lines = content.split("\n").filter((l) => l !== "" && l.includes(pattern ?? "") !== flags.includes("v"));
    if (!flags.includes("q")) out(sim, io, lines.map((l) => l + "\n").join(""));
    return lines.length > 0 ? 0 : 1;
  },
  seq(sim, args, io) {
    const n = args.map(Number);
    const [first, step, last] = n.length === 1 ? [1, 1, n[0]] : n.length === 2 ? [n[0], 1, n[1]] : [n[0], n[1], n[2]];
    const lines: string[] = [];
    for (let v = first; step > 0 ? v <= last : v >= last; v += step) if (lines.push(String(v)) > 10_000 || step === 0) break;
    out(sim, io, lines.map((l) => l + "\n").join(""));
    return 0;
  },
  ps(sim, _a, io) {
    out(sim, io, `PID   USER     TIME  COMMAND\n    1 root      0:00 ${sim.world.pid1.join(" ")}\n   ${7 + (sim.steps % 90)} root      0:00 ps\n`);
    return 0;
  },
  exec(sim, args, io) {
    if (args.length === 0) return 0;
    const status = runCommand(sim, args, io);
    if (!stopped(sim)) sim.end = { kind: "exit", code: status };
    return status;
  },
  sh: (sim, args, io) => nestedShell(sim, args, io),
  ash: (sim, args, io) => nestedShell(sim, args, io),
  bash: (sim, args, io) => nestedShell(sim, args, io),
};

/** `sh -c 'script' [$0 [$1...]]`, `sh file`, or bare `sh` (no stdin in a container: exits 0 at once). */
export function nestedShell(sim: Sim, args: string[], io: Io): number {
  const savedArgs = sim.args;
  let i = 0;
  let script: string | undefined;
  while (args[i]?.startsWith("-") && args[i] !== "-") {
    if (args[i].includes("e")) sim.errexit = true;
    if (args[i].includes("c")) script = args[++i] ?? "";
    i++;
    if (script !== undefined) break;
  }
  if (script === undefined && args[i] !== undefined) {
    const content = sim.files.get(normalizePath(args[i]));
    if (content === undefined) return err(sim, io, `sh: can't open '${args[i]}': No such file or directory\n`), 2;
    script = content;
    sim.args = args.slice(i);
  } else sim.args = script === undefined ? ["sh"] : args.slice(i).length ? args.slice(i) : ["sh"];
  const status = script === undefined ? (io.stdin ? runScript(sim, io.stdin, io) : 0) : runScript(sim, script, io);
  sim.args = savedArgs;
  if (sim.end?.kind === "exit") {
    const code = sim.end.code;
    sim.end = undefined; // `exit` leaves the nested shell only
    return code;
  }
  return status;
}

function unescape(s: string): string {
  return s.replace(/\\([ntr\\]|c)/g, (_m, c: string) => ({ n: "\n", t: "\t", r: "\r", "\\": "\\", c: "" })[c] ?? c);
}
