/**
 * The level authors' and CI's tool: `npm run levels -- <command>`.
 *   validate [file...]          schema + references + playability (every level when no file)
 *   solve [file...]             play each reference solution headless: time to goal and score
 *   play <file|--seed N>        play a level in the terminal with a kubectl prompt
 *   generate --seed N [--difficulty D] [--categories a,b] [--out file.yaml]
 */
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { createInterface } from "node:readline";
import { stringify } from "yaml";
import { autoplay } from "../shared/game/autoplay.ts";
import { createSession } from "../shared/game/session.ts";
import { formatProblem, loadLevel } from "../shared/levels/loader.ts";
import type { Level } from "../shared/levels/schema.ts";
import { validateLevel } from "../shared/levels/validate.ts";
import { generateLevel, verifyGeneratedLevel } from "../shared/levels/generator/generate.ts";

const LEVELS_DIR = resolve(import.meta.dirname, "../levels");

function levelFiles(args: string[]): string[] {
  const files = args.filter((a) => !a.startsWith("--"));
  if (files.length) return files.map((f) => resolve(f));
  return readdirSync(LEVELS_DIR).filter((f) => f.endsWith(".yaml")).sort().map((f) => join(LEVELS_DIR, f));
}

function load(file: string): Level | undefined {
  const r = loadLevel(readFileSync(file, "utf8"), relative(process.cwd(), file));
  if (r.ok) return r.value;
  for (const p of r.error) console.error(formatProblem(p));
  return undefined;
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
}

function validate(args: string[]): number {
  let bad = 0;
  for (const file of levelFiles(args)) {
    const lv = load(file);
    if (!lv) {
      bad++;
      continue;
    }
    const r = validateLevel(lv, { play: true });
    const name = relative(process.cwd(), file);
    if (r.problems.length) {
      bad++;
      for (const p of r.problems) console.error(`${name}: ${p}`);
    } else console.log(`ok   ${name}${r.solvedInSeconds !== undefined ? ` (solved in ${r.solvedInSeconds}s, score ${r.score})` : ""}`);
    for (const n of r.notes) console.log(`note ${name}: ${n}`);
  }
  return bad ? 1 : 0;
}

function solve(args: string[]): number {
  let bad = 0;
  for (const file of levelFiles(args)) {
    const lv = load(file);
    if (!lv) {
      bad++;
      continue;
    }
    const t0 = performance.now();
    const r = autoplay(lv, lv.solution, { inspectFirst: true });
    const wall = Math.round(performance.now() - t0);
    if (!r.solved) bad++;
    console.log(`${r.solved ? "solved" : "FAILED"} ${lv.id}: ${r.seconds}s simulated (par ${lv.parTimeSeconds}s), score ${r.score.total}/${r.score.max} ${"★".repeat(r.score.stars)} [${wall} ms]`);
    for (const f of r.failedSteps) console.log(`  step failed: ${f.line}\n  ${f.stderr.trim()}`);
    if (!r.solved) for (const g of r.session.goals().filter((x) => !x.met)) console.log(`  unmet: ${g.text}: ${g.detail}`);
  }
  return bad ? 1 : 0;
}

function generate(args: string[]): number {
  const seed = Number(flag(args, "seed") ?? "1");
  const difficulty = Number(flag(args, "difficulty") ?? "2");
  const categories = flag(args, "categories")?.split(",");
  const lv = generateLevel(seed, { difficulty, ...(categories ? { categories } : {}) });
  const v = verifyGeneratedLevel(lv);
  const text = stringify(lv, { lineWidth: 0 });
  const out = flag(args, "out");
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
  console.error(v.ok ? `# verified: solved in ${v.value.seconds}s by its reference solution` : `# NOT solvable: ${v.error}`);
  return v.ok ? 0 : 1;
}

function play(args: string[]): Promise<number> {
  const seed = flag(args, "seed");
  const level = seed !== undefined && !args.some((a) => a.endsWith(".yaml")) ? generateLevel(Number(seed), { difficulty: Number(flag(args, "difficulty") ?? "2") }) : load(levelFiles(args)[0]);
  if (!level) return Promise.resolve(1);
  const session = createSession(level, { seed: Number(flag(args, "cluster-seed") ?? level.cluster.seed ?? 1) });
  console.log(`\n${level.title}  (difficulty ${level.difficulty}, par ${level.parTimeSeconds}s)\n\n${level.briefing}`);
  console.log("Type kubectl commands. :goals  :hint  :score  :wait <seconds>  :solution (ends the game)  :quit\n");
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: "$ " });
  let reported = false;
  // Simulated time follows the wall clock (10 ticks per second), as in the game.
  const timer = setInterval(() => {
    session.tick(1);
    if (session.solved() && !reported) {
      reported = true;
      console.log("\n*** Incident resolved: every goal held for the stable window. ***");
      printScore();
      rl.prompt();
    }
  }, session.cluster.state.msPerTick);
  const printGoals = () => session.goals().forEach((g) => console.log(`${g.met ? "[x]" : g.holding ? "[~]" : "[ ]"} ${g.text} — ${g.detail}`));
  const printScore = () => {
    const s = session.score();
    for (const c of s.components) console.log(`${String(c.points).padStart(6)}  ${c.label}: ${c.detail}`);
    console.log(`${String(s.total).padStart(6)}  total ${"★".repeat(s.stars)}${"☆".repeat(3 - s.stars)}`);
  };
  rl.prompt();
  /** A `kubectl apply -f -` waiting for its YAML (ended by a line `EOF`). */
  let pending: { line: string; stdin: string[] } | undefined;
  const runLine = (line: string, stdin?: string) => {
    const r = session.run(line, { player: "you", ...(stdin !== undefined ? { stdin } : {}) });
    process.stdout.write(r.stdout);
    process.stderr.write(r.stderr);
  };
  return new Promise((done) => {
    rl.on("line", (raw) => {
      if (pending) {
        if (raw.trim() !== "EOF") return void pending.stdin.push(raw);
        runLine(pending.line, pending.stdin.join("\n") + "\n");
        pending = undefined;
        return rl.prompt();
      }
      const line = raw.trim();
      if (line === ":quit" || line === "exit") return rl.close();
      if (line === ":goals") printGoals();
      else if (line === ":score") printScore();
      else if (line === ":hint") {
        const h = session.nextHint("you");
        console.log(h ? `Hint ${h.index + 1} (−${h.cost}): ${h.text}` : "No more hints.");
      } else if (line.startsWith(":wait")) session.advance(Number(line.split(/\s+/)[1] ?? "10") * 1000);
      else if (line === ":solution") {
        for (const s of level.solution) console.log(`${s.line}${s.stdin ? `\n${s.stdin}` : ""}`);
        console.log(`\n${level.debrief.whatWentWrong}\n${level.debrief.why}\n${level.debrief.prevention}`);
        return rl.close();
      } else if (line === "clear") console.clear();
      else if (/\s-f\s+-(\s|$)/.test(line)) {
        pending = { line, stdin: [] };
        console.log("(paste the YAML, then a line containing only EOF)");
        return;
      } else if (line) runLine(line);
      rl.prompt();
    });
    rl.on("close", () => {
      clearInterval(timer);
      console.log("");
      printGoals();
      printScore();
      done(0);
    });
  });
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...args] = argv;
  switch (cmd) {
    case "validate":
      return validate(args);
    case "solve":
      return solve(args);
    case "generate":
      return generate(args);
    case "play":
      return play(args);
    default:
      console.error("usage: npm run levels -- validate [file...] | solve [file...] | play <file> | play --seed N | generate --seed N [--difficulty D] [--categories a,b] [--out file]");
      return cmd ? 1 : 0;
  }
}

process.exitCode = await main(process.argv.slice(2));
