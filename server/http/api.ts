/**
 * The HTTP API beside the rooms (docs/protocol.md):
 *   GET  /api/levels                       id, title, category, difficulty (never faults or solutions)
 *   GET  /api/contests/:code/results.json  ranked results (teacher: `Authorization: Bearer <host token>` or ?token=)
 *   GET  /api/contests/:code/results.csv   the same as CSV
 *   POST /api/solo-results                 a solo game's seed and command log; the server replays it
 *   GET  /api/hall-of-fame/:levelId        best solved results of a level
 */
import express from "express";
import type { Presence } from "@colyseus/core";
import { leaderboardCsv } from "../../shared/protocol/leaderboard.ts";
import type { ServerDeps } from "../deps.ts";
import { tokenMatches } from "../security/tokens.ts";
import { contestStandings } from "../contest/results.ts";
import { CONTEST_HOSTS_KEY } from "../contest/directory.ts";
import { soloResultSchema, verifySoloResult } from "./solo-results.ts";
import { describeIssues } from "../rooms/guard.ts";

export function apiRouter(deps: ServerDeps, presence: () => Presence): express.Router {
  const r = express.Router();
  r.use(express.json({ limit: "512kb" }));

  r.get("/levels", (_req, res) => {
    res.json(deps.catalogue.list());
  });

  r.get("/contests/:code/results.:format(json|csv)", async (req, res) => {
    const code = req.params.code.toUpperCase();
    const header = req.headers.authorization ?? "";
    const token = header.startsWith("Bearer ") ? header.slice(7) : typeof req.query.token === "string" ? req.query.token : "";
    // Presence knows running contests; the journal also knows contests from before a restart.
    const hash = (await presence().hget(CONTEST_HOSTS_KEY, code)) || (await deps.journal.room(code).then((r) => (r?.kind === "contest" ? r.hostTokenHash : undefined)));
    if (!hash) return res.status(404).json({ error: `no contest with code ${code}` });
    if (!tokenMatches(token, hash)) return res.status(403).json({ error: "the teacher's host token is required" });
    const standings = contestStandings(await deps.journal.results(code));
    if (req.params.format === "csv") return res.type("text/csv").set("Content-Disposition", `attachment; filename="contest-${code}.csv"`).send(leaderboardCsv(standings));
    res.json({ code, standings });
  });

  r.post("/solo-results", async (req, res) => {
    const parsed = soloResultSchema.safeParse(req.body);
    if (!parsed.success) return res.status(400).json({ error: describeIssues(parsed.error) });
    const level = deps.catalogue.get(parsed.data.levelId);
    if (!level) return res.status(404).json({ error: `unknown level "${parsed.data.levelId}"` });
    const verdict = verifySoloResult(level, parsed.data);
    if (!verdict.ok) return res.status(422).json({ error: verdict.error });
    await deps.journal.resultRecorded({ ...verdict.value, finishedAtMs: deps.now() });
    res.status(201).json({ score: verdict.value.score, solved: verdict.value.solved, durationMs: verdict.value.durationMs });
  });

  r.get("/hall-of-fame/:levelId", async (req, res) => {
    if (!deps.catalogue.get(req.params.levelId)) return res.status(404).json({ error: `unknown level "${req.params.levelId}"` });
    const best = await deps.journal.hallOfFame(req.params.levelId, 20);
    res.json(best.map((b, i) => ({ rank: i + 1, name: b.playerName, score: b.score.total, stars: b.score.stars, durationMs: b.durationMs, finishedAtMs: b.finishedAtMs })));
  });

  return r;
}
