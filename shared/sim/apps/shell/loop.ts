import { counterMarker } from "./markers.ts";
import type { ShellNode } from "./parse.ts";
import { runNode, stopped } from "./run.ts";
import type { Io, Sim } from "./sim.ts";

type LoopNode = Extract<ShellNode, { t: "while" }>;
interface Snapshot {
  files: Map<string, string>;
  vars: Map<string, string>;
}

/** Iterations a loop may run concretely before it is given up as running forever. */
const MAX_CONCRETE_ITERATIONS = 200;
/** From which iteration, and until which, a loop is tested for being periodic. */
const FIRST_CYCLE_TRY = 2;
const LAST_CYCLE_TRY = 8;

/**
 * `while`/`until`. A loop that ends (a condition turns false, `exit`) runs concretely. A loop
 * that never ends must not be unrolled: once an iteration leaves the files and variables as it
 * found them (integer counters aside, which become c + d·k markers), the rest of the loop is a
 * *cycle* — one iteration's events repeated every period — and the run ends there.
 */
export function runLoop(sim: Sim, node: LoopNode, io: Io): number {
  let status = 0;
  let previous: Snapshot | undefined;
  for (let iter = 0; ; iter++) {
    if (stopped(sim)) return status;
    if (!sim.symbolic && previous && iter >= FIRST_CYCLE_TRY && iter <= LAST_CYCLE_TRY && tryCycle(sim, node, io, previous)) {
      return status;
    }
    if (iter >= (sim.symbolic ? 20 : MAX_CONCRETE_ITERATIONS)) {
      /** Simplification: a loop we cannot prove periodic is treated, after this many iterations, as blocking forever. */
      if (sim.symbolic) sim.aborted = true;
      else sim.end = { kind: "forever" };
      return status;
    }
    previous = snapshot(sim);
    const cond = runNode(sim, node.cond, io);
    if (stopped(sim) || (cond === 0) === node.until) return status;
    status = runNode(sim, node.body, io);
  }
}

function snapshot(sim: Sim): Snapshot {
  return { files: new Map(sim.files), vars: new Map(sim.vars) };
}

function tryCycle(sim: Sim, node: LoopNode, io: Io, previous: Snapshot): boolean {
  const counters = new Map<string, { now: number; step: number }>();
  for (const [name, value] of sim.vars) {
    const before = previous.vars.get(name);
    if (before !== undefined && /^-?\d+$/.test(value) && /^-?\d+$/.test(before) && value !== before) {
      counters.set(name, { now: Number(value), step: Number(value) - Number(before) });
    }
  }
  const vars = new Map(sim.vars);
  for (const [name, c] of counters) vars.set(name, counterMarker(c.now, c.step));
  const sym: Sim = {
    ...sim,
    t: 0,
    files: new Map(sim.files),
    vars,
    exported: [...sim.exported],
    events: [],
    end: undefined,
    symbolic: true,
    aborted: false,
    busy: false,
    unresolved: [],
  };
  const cond = runNode(sym, node.cond, io);
  if (stopped(sym) || (cond === 0) === node.until) return false;
  runNode(sym, node.body, io);
  if (stopped(sym) || sym.busy || sym.errexit !== sim.errexit) return false;
  if (!sameMap(sym.files, sim.files)) return false;
  const expected = new Map(sim.vars);
  for (const [name, c] of counters) expected.set(name, counterMarker(c.now + c.step, c.step));
  if (!sameMap(sym.vars, expected)) return false;

  for (const name of sym.unresolved) if (!sim.unresolved.includes(name)) sim.unresolved.push(name);
  let periodMs = sym.t;
  if (periodMs === 0) {
    /** Simplification: a loop that never sleeps is represented as one iteration per millisecond, burning a whole core. */
    periodMs = 1;
    sim.busy = true;
  }
  sim.end = { kind: "cycle", startMs: sim.t, periodMs, events: sym.events };
  return true;
}

function sameMap(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}
