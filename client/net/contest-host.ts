/**
 * The teacher's contest screen, made for a projector: the join code in large type, the lobby,
 * the clock and controls, the live leaderboard (the host keeps seeing it while the public one
 * is frozen), a progress tile per student, which level most are stuck on, the podium at the
 * end and the results export.
 */
import type { Room } from "colyseus.js";
import type { LeaderboardEntry } from "../../shared/protocol/leaderboard.ts";
import type { GoalTallyShape, LeaderboardRowShape, PlayerStateShape } from "../../shared/protocol/state.ts";
import { goalMissLines } from "./class-analytics.ts";
import { C2S, S2C } from "../../shared/protocol/names.ts";
import { button, el, formatClock } from "../ui/dom.ts";
import { values } from "./room-state.ts";

interface ContestJson {
  phase?: string;
  mode?: string;
  levels?: string[];
  remainingMs?: number;
  frozen?: boolean;
  leaderboard?: LeaderboardRowShape[];
  goalTallies?: GoalTallyShape[];
  players?: Record<string, PlayerStateShape & { team?: string }>;
}

/** Which level holds most students right now (class analytics). */
export function stuckLevel(rows: readonly Pick<LeaderboardRowShape, "levelId" | "level">[], levels: readonly string[]): { levelId: string; count: number } | undefined {
  const counts = new Map<string, number>();
  for (const r of rows) if (r.level <= levels.length) counts.set(r.levelId, (counts.get(r.levelId) ?? 0) + 1);
  let best: { levelId: string; count: number } | undefined;
  for (const [levelId, count] of counts) if (!best || count > best.count) best = { levelId, count };
  return best;
}

export function renderContestHost(room: Room, token: string, code: string, leave: () => void): { el: HTMLElement; dispose(): void } {
  const control = (action: string) => room.send(C2S.control, { token, action });
  const phase = el("span", { class: "status-pill" });
  const clock = el("span", { class: "clock", style: "font-size:28px" });
  const lobby = el("ul", { class: "players", "aria-label": "Students" });
  const board = el("tbody");
  const tiles = el("div", { class: "tiles", "aria-label": "Progress" });
  const analytics = el("p", { class: "muted" });
  const missed = el("ol", { class: "goal-misses", "aria-label": "Goals most students missed" });
  const podium = el("section", { class: "podium-box", hidden: true });
  const exportLinks = el("p", {}, [
    el("a", { href: `/api/contests/${code}/results.csv?token=${encodeURIComponent(token)}`, download: `contest-${code}.csv` }, "Export results (CSV)"),
    " · ",
    el("a", { href: `/api/contests/${code}/results.json?token=${encodeURIComponent(token)}`, target: "_blank" }, "JSON"),
  ]);
  let live: LeaderboardEntry[] | undefined;

  const root = el("main", { class: "screen contest-host", "aria-label": "Contest host" }, [
    el("header", { class: "screen-head" }, [el("h1", {}, "Contest"), phase, clock, el("div", { class: "spacer" }), button("Start", () => control("start"), "primary"), button("Pause", () => control("pause")), button("Resume", () => control("resume")), button("End contest", () => control("end"), "danger"), button("Leave", leave)]),
    el("div", { class: "host-grid" }, [
      el("section", {}, [el("p", { class: "muted" }, `Join at ${location.host} with the code:`), el("div", { class: "join-code", "aria-label": "Join code" }, code), el("h2", {}, "Lobby"), lobby, podium]),
      el("section", {}, [el("h2", {}, "Leaderboard"), el("table", { class: "leaderboard" }, [el("thead", {}, el("tr", {}, ["#", "Name", "Level", "Solved", "Score", "Time"].map((h) => el("th", {}, h)))), board]), analytics, el("h2", {}, "Goals most missed"), missed, el("h2", {}, "Progress"), tiles, exportLinks]),
    ]),
  ]);

  const render = () => {
    const s = room.state.toJSON() as ContestJson;
    phase.textContent = `${s.phase ?? "lobby"}${s.frozen ? " · public board frozen" : ""}`;
    clock.textContent = formatClock((s.remainingMs ?? 0) / 1000);
    const students = values(s.players).filter((p) => !p.host);
    lobby.replaceChildren(...(students.length ? students.map((p) => el("li", { class: p.connected ? "" : "offline" }, `${p.connected ? "●" : "○"} ${p.name}${p.team ? ` (${p.team})` : ""}`)) : [el("li", { class: "muted" }, "Waiting for students…")]));
    const rows: LeaderboardRowShape[] = live ?? s.leaderboard ?? [];
    board.replaceChildren(...rows.map((r) => el("tr", {}, [el("td", {}, String(r.rank)), el("td", {}, r.name), el("td", {}, `${r.level}/${s.levels?.length ?? "?"}`), el("td", {}, String(r.solved)), el("td", {}, String(r.score)), el("td", {}, formatClock(r.timeMs / 1000))])));
    tiles.replaceChildren(...rows.map((r) => el("div", { class: "tile" }, [el("strong", {}, r.name), el("div", {}, `level ${r.level}: ${r.levelId}`), el("div", { class: "muted" }, `${r.solved} solved · ${r.score} pts`)])));
    const stuck = stuckLevel(rows, s.levels ?? []);
    const misses = goalMissLines(s.goalTallies ?? []);
    missed.replaceChildren(...(misses.length ? misses.map((m) => el("li", {}, m.line)) : [el("li", { class: "muted" }, "No goal reports yet.")]));
    analytics.textContent = stuck && stuck.count > 1 ? `Most students are on ${stuck.levelId} (${stuck.count}).` : "";
  };
  room.onStateChange(render);
  room.onMessage(S2C.leaderboardLive, (rows: LeaderboardEntry[]) => {
    live = rows;
    render();
  });
  room.onMessage(S2C.podium, (p: { podium: LeaderboardEntry[] }) => {
    live = undefined;
    podium.hidden = false;
    podium.replaceChildren(el("h2", {}, "Podium"), el("div", { class: "podium" }, p.podium.map((e) => el("div", {}, [el("div", { style: "font-size:40px" }, ["1st", "2nd", "3rd"][e.rank - 1] ?? `${e.rank}th`), el("div", {}, e.name), el("div", { class: "muted" }, `${e.score} pts`)]))));
    render();
  });
  render();
  return { el: root, dispose: () => room.onStateChange.remove(render) };
}
