/** The main menu and the solo level select (by category, with difficulty, stars and best scores). */
import type { Catalogue, CatalogueEntry } from "../game/catalogue.ts";
import { groupByCategory } from "../game/catalogue.ts";
import type { LevelRecord } from "../game/progress-store.ts";
import { button, el, formatClock, stars } from "./dom.ts";

export interface MenuActions {
  solo(): void;
  random(seed: number): void;
  join(): void;
  hostDrill(): void;
  hostContest(): void;
}

export function renderMenu(a: MenuActions): HTMLElement {
  const seed = el("input", { type: "number", min: "0", value: String(Math.floor(Math.random() * 100000)), "aria-label": "Seed", class: "seed" });
  const first = button("Solo", a.solo, "primary");
  const root = el("main", { class: "screen menu" }, [
    el("div", { class: "menu-box" }, [
      el("h1", { class: "logo" }, "Crashloop"),
      el("p", { class: "tagline" }, "Fix a Kubernetes cluster that behaves like the real one."),
      el("nav", { class: "menu-buttons", "aria-label": "Main menu" }, [
        first,
        el("div", { class: "random-row" }, [button("Random incident", () => a.random(Number(seed.value) || 0)), el("label", {}, ["seed ", seed])]),
        button("Join a game", a.join),
        button("Host a drill", a.hostDrill),
        button("Host a contest", a.hostContest),
      ]),
    ]),
  ]);
  queueMicrotask(() => first.focus());
  return root;
}

function difficultyDots(d: number): string {
  return "●".repeat(d) + "○".repeat(Math.max(0, 5 - d));
}

export function renderLevelSelect(cat: Catalogue, records: Record<string, LevelRecord>, play: (e: CatalogueEntry) => void, back: () => void): HTMLElement {
  let first: HTMLButtonElement | undefined;
  const groups = groupByCategory(cat.entries).map(([category, entries]) =>
    el("section", { class: "category" }, [
      el("h2", {}, category),
      el(
        "div",
        { class: "level-grid" },
        entries.map((e) => {
          const rec = records[e.id];
          const b = el("button", { type: "button", class: "level-card", "data-level": e.id }, [
            el("span", { class: "level-name" }, e.title),
            el("span", { class: "level-meta" }, `${difficultyDots(e.difficulty)}  par ${formatClock(e.parTimeSeconds)}`),
            el("span", { class: "level-best", "aria-label": rec ? `${rec.stars} stars, best ${rec.bestScore}` : "not played" }, rec ? `${stars(rec.stars)}  best ${rec.bestScore}` : stars(0)),
          ]);
          b.addEventListener("click", () => play(e));
          first ??= b;
          return b;
        }),
      ),
    ]),
  );
  const root = el("main", { class: "screen levels" }, [
    el("header", { class: "screen-head" }, [button("← Back", back), el("h1", {}, "Solo incidents")]),
    el("div", { class: "level-list" }, groups),
  ]);
  root.addEventListener("keydown", (e) => {
    if (e.key === "Escape") back();
  });
  queueMicrotask(() => first?.focus());
  return root;
}
