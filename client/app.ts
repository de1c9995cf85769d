/**
 * The client's screens and how the player moves between them: menu → level select → game →
 * debrief (solo), and the multiplayer screens (join, drill, contest). One screen at a time;
 * leaving a screen disposes it (Phaser game, terminal, timers).
 */
import { bundledLevelFiles, buildCatalogue, pickRandomLevel, type Catalogue, type CatalogueEntry } from "./game/catalogue.ts";
import { ProgressStore } from "./game/progress-store.ts";
import { SoloBackend } from "./game/solo-backend.ts";
import { BenchBackend } from "./game/bench-backend.ts";
import type { DebriefMessage } from "../shared/protocol/messages.ts";
import { renderDebrief } from "./ui/debrief.ts";
import { GameScreen } from "./ui/game-screen.ts";
import { renderLevelSelect, renderMenu } from "./ui/menu.ts";
import { MultiplayerScreens } from "./net/screens.ts";

let catalogue: Catalogue = { entries: [], problems: [] };

export function prepare(): void {
  catalogue = buildCatalogue(bundledLevelFiles());
  for (const p of catalogue.problems) console.warn(p);
}

interface Mounted {
  el: HTMLElement;
  dispose?(): void;
}

export class App {
  private current: Mounted | undefined;
  readonly progress = new ProgressStore(safeLocalStorage());
  readonly multiplayer: MultiplayerScreens;

  constructor(private readonly root: HTMLElement) {
    this.multiplayer = new MultiplayerScreens(this, catalogue);
  }

  mount(m: Mounted, screen: string): void {
    this.current?.dispose?.();
    this.current?.el.remove();
    this.current = m;
    this.root.append(m.el);
    document.body.dataset.screen = screen;
  }

  menu(): void {
    this.mount(
      {
        el: renderMenu({
          solo: () => this.levels(),
          random: (seed) => {
            const pick = pickRandomLevel(catalogue.entries, seed);
            if (pick) this.playSolo(pick.entry, pick.seed);
          },
          join: () => this.multiplayer.join(),
          hostDrill: () => this.multiplayer.hostDrill(),
          hostContest: () => this.multiplayer.hostContest(),
        }),
      },
      "menu",
    );
  }

  levels(): void {
    this.mount({ el: renderLevelSelect(catalogue, this.progress.all(), (e) => this.playSolo(e), () => this.menu()) }, "levels");
  }

  playSolo(entry: CatalogueEntry, seed?: number): void {
    const backend = new SoloBackend(entry.level, seed);
    const screen = new GameScreen(backend, {
      onEnded: (d) => this.soloDebrief(entry, d, seed),
      onLeave: () => this.levels(),
    });
    this.mount({ el: screen.el, dispose: () => (screen.dispose(), backend.dispose()) }, "game");
  }

  /** `#bench`: the map's frame rate on a synthetic 20-node, 400-pod cluster. */
  bench(): void {
    const backend = new BenchBackend();
    const screen = new GameScreen(backend, { onEnded: () => this.menu(), onLeave: () => this.menu() });
    this.mount({ el: screen.el, dispose: () => (screen.dispose(), backend.dispose()) }, "bench");
  }

  private soloDebrief(entry: CatalogueEntry, d: DebriefMessage | undefined, seed?: number): void {
    if (!d) return this.levels();
    const last = d.curve.at(-1)?.simTimeMs ?? 0;
    const newBest = d.solved ? this.progress.record(entry.id, { score: d.score.total, stars: d.score.stars, seconds: Math.round(last / 1000) }) : false;
    const i = catalogue.entries.indexOf(entry);
    const next = catalogue.entries[i + 1];
    this.showDebrief(d, {
      retry: () => this.playSolo(entry, seed),
      ...(next && d.solved ? { next: () => this.playSolo(next) } : {}),
      menu: () => this.levels(),
    }, newBest);
  }

  showDebrief(d: DebriefMessage, actions: { retry?: () => void; next?: () => void; menu: () => void }, newBest = false): void {
    this.mount({ el: renderDebrief(d, actions, { newBest }) }, "debrief");
  }
}

function safeLocalStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export function start(root: HTMLElement): App {
  const app = new App(root);
  if (location.hash.startsWith("#bench")) app.bench();
  else app.multiplayer.resumeOrMenu();
  return app;
}
