import type { HttpOutcome } from "../http.ts";

/**
 * The state of one simulated shell run: the clock (ms since the process started), the files,
 * the variables, and what it has written so far. A run is done once, when a container starts
 * (its script becomes a timeline) or when something is exec'd into it (a probe, kubectl exec).
 */
export type SimEvent = { at: number; log: string } | { at: number; path: string; content: string | null };

/** Where a run ended: `exit` at sim.t, `forever` (sleep infinity, tail -f), or a periodic `cycle`. */
export type SimEnd =
  | { kind: "exit"; code: number }
  | { kind: "forever" }
  | { kind: "cycle"; startMs: number; periodMs: number; events: SimEvent[] };

export type Sink = { to: "out" } | { to: "null" } | { to: "file"; path: string; append: boolean } | { to: "capture"; buf: string[] };
export interface Io {
  out: Sink;
  err: Sink;
  /** Output of the previous pipeline stage. */
  stdin?: string;
}

/** What the outside world answers: local HTTP for `wget localhost`, and optionally cluster DNS/HTTP. */
export interface SimWorld {
  /** Which utilities the image has: busybox/alpine images, or a Debian-based application image. */
  toolset: "busybox" | "debian";
  hostname: string;
  /** The argv of PID 1, for `ps`. */
  pid1: string[];
  localHttp?: (port: number, path: string) => HttpOutcome;
  /** Cluster DNS, when the caller can answer (kubectl exec); undefined ⇒ the name does not resolve. */
  resolve?: (name: string) => string | undefined;
  /** HTTP to another address in the cluster, when the caller can answer. */
  remoteHttp?: (host: string, port: number, path: string) => HttpOutcome | undefined;
}

export interface Sim {
  t: number;
  files: Map<string, string>;
  vars: Map<string, string>;
  /** Variable names in the environment (what `env` prints), in order. */
  exported: string[];
  args: string[];
  status: number;
  events: SimEvent[];
  end?: SimEnd;
  steps: number;
  /** Executing a loop body with counters as markers; `aborted` when a marker reached something it cannot. */
  symbolic: boolean;
  aborted: boolean;
  /** A loop that never sleeps: the process spins a whole core. */
  busy: boolean;
  errexit: boolean;
  /** Names looked up with nslookup that did not resolve (a waiting init container). */
  unresolved: string[];
  world: SimWorld;
}

/** Budget of commands per run: beyond it a script is treated as running forever (a runaway loop). */
export const MAX_STEPS = 5_000;

export function newSim(world: SimWorld, env: Record<string, string>, files: Map<string, string>, args: string[]): Sim {
  return {
    t: 0,
    files,
    vars: new Map(Object.entries(env)),
    exported: Object.keys(env),
    args,
    status: 0,
    events: [],
    steps: 0,
    symbolic: false,
    aborted: false,
    busy: false,
    errexit: false,
    unresolved: [],
    world,
  };
}

export function write(sim: Sim, sink: Sink, text: string): void {
  if (text === "") return;
  switch (sink.to) {
    case "null":
      return;
    case "capture":
      sink.buf.push(text);
      return;
    case "file": {
      const before = sink.append ? (sim.files.get(sink.path) ?? "") : "";
      setFile(sim, sink.path, before + text);
      sink.append = true; // later writes of the same command append
      return;
    }
    case "out":
      for (const line of (text.endsWith("\n") ? text.slice(0, -1) : text).split("\n")) sim.events.push({ at: sim.t, log: line });
  }
}

export const out = (sim: Sim, io: Io, text: string) => write(sim, io.out, text);
export const err = (sim: Sim, io: Io, text: string) => write(sim, io.err, text);

export function setFile(sim: Sim, path: string, content: string | null): void {
  if (content === null) sim.files.delete(path);
  else sim.files.set(path, content);
  sim.events.push({ at: sim.t, path, content });
}

/** `/tmp/../x`, `./a` ⇒ absolute normalised paths (the working directory is `/`). */
export function normalizePath(p: string): string {
  const parts: string[] = [];
  for (const seg of p.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  return "/" + parts.join("/");
}
