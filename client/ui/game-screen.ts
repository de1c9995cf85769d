/**
 * The game screen: top bar (level, clock, speed, hint, trace), the cluster map (Phaser), the
 * goals/SLO sidebar, the terminal, and the inspector/editor/trace overlays. It renders the
 * backend's snapshots and sends the player's intent; it decides nothing about the game.
 */
import Phaser from "phaser";
import { EDIT_MARKER, parseEditMarker } from "../../shared/kubectl/commands/edit.ts";
import type { KubectlResult } from "../../shared/game/session.ts";
import type { DebriefMessage } from "../../shared/protocol/messages.ts";
import { pingTargetOf } from "../view/pings.ts";
import type { GameBackend, GameSnapshot } from "../game/backend.ts";
import { MapScene } from "../scenes/map-scene.ts";
import { GameTerminal } from "../terminal/terminal.ts";
import { openYamlEditor } from "../editor/yaml-editor.ts";
import { button, el, formatClock } from "./dom.ts";
import { Inspector } from "./inspector.ts";
import { openModal } from "./modal.ts";
import { Sidebar } from "./sidebar.ts";
import { openTracePanel } from "./trace-panel.ts";
import { parseTraceLine } from "./trace-line.ts";

export interface GameScreenOptions {
  onEnded(debrief: DebriefMessage | undefined): void;
  onLeave(): void;
  /** Extra panel under the sidebar (players list in drills). */
  extra?: HTMLElement;
}

const SPEEDS = [0.5, 1, 2, 4, 8];

/**
 * The map draws with Phaser's Canvas renderer: measured with 20 nodes / 400 pods in headless
 * chromium it holds 60 fps, while the WebGL renderer started at ~37 fps and fell to ~10 within
 * a minute on a static scene (test-artifacts/map-fps.txt records the bench). Chrome's 2D canvas
 * is GPU-accelerated where a GPU exists. `?webgl` in the URL opts into WebGL.
 */
function mapRenderer(): number {
  return new URLSearchParams(location.search).has("webgl") ? Phaser.WEBGL : Phaser.CANVAS;
}

export class GameScreen {
  readonly el: HTMLElement;
  private game: Phaser.Game | undefined;
  private scene: MapScene | undefined;
  private readonly terminal: GameTerminal;
  private readonly sidebar = new Sidebar();
  private readonly inspector: Inspector;
  private readonly clock = el("span", { class: "clock", "aria-label": "Simulated time" });
  private readonly status = el("span", { class: "status-pill" });
  private readonly speedBar = el("div", { class: "speeds", role: "group", "aria-label": "Speed" });
  private readonly hintBtn: HTMLButtonElement;
  private readonly mapEl = el("div", { class: "map", tabindex: "0", "aria-label": "Cluster map: arrows select, Enter inspects" });
  private readonly unsubscribe: () => void;
  private last: GameSnapshot | undefined;
  private ended = false;
  private briefingOpen = false;
  private disposed = false;

  constructor(private readonly backend: GameBackend, private readonly opts: GameScreenOptions) {
    const lv = backend.level;
    this.hintBtn = button("Hint (H)", () => void this.hint());
    const top = el("header", { class: "topbar" }, [
      el("h1", { class: "level-title", title: lv.title }, lv.title),
      this.status,
      this.clock,
      backend.setSpeed ? this.speedBar : null,
      el("div", { class: "spacer" }),
      this.hintBtn,
      backend.trace ? button("Trace (R)", () => this.trace()) : null,
      button("Briefing (B)", () => this.briefing()),
      button(backend.mode === "solo" ? "Give up" : "Leave", () => this.leave(), "danger"),
    ]);
    const termEl = el("div", { class: "terminal", "aria-label": "Terminal" });
    this.inspector = new Inspector((l) => backend.inspect(l), () => this.mapEl.focus(), (l) => (this.terminal.typeAndRun(l), this.terminal.focus()));
    this.el = el("main", { class: "screen game" }, [top, this.mapEl, el("div", { class: "side-col" }, [this.sidebar.el, opts.extra ?? null]), termEl, this.inspector.el]);
    this.renderSpeeds();
    document.body.dataset.screen = "game";
    Object.assign(this.el, { fps: () => this.fps(), mapStats: () => this.scene?.stats });

    this.terminal = new GameTerminal(termEl, {
      run: (line) => this.runLine(line),
      complete: (line) => backend.complete(line),
      leave: () => this.mapEl.focus(),
    });
    // Phaser sizes its canvas from the parent: create it once the screen is in the document.
    requestAnimationFrame(() => this.startMap());
    this.el.addEventListener("keydown", (e) => this.onKey(e));
    this.unsubscribe = backend.subscribe((s) => this.onSnapshot(s));
    queueMicrotask(() => this.briefing());
  }

  private startMap(): void {
    if (this.disposed) return;
    this.game = new Phaser.Game({
      type: mapRenderer(),
      parent: this.mapEl,
      backgroundColor: "#14171f",
      banner: false,
      scale: { mode: Phaser.Scale.RESIZE, width: this.mapEl.clientWidth || 800, height: this.mapEl.clientHeight || 400 },
      scene: [],
      callbacks: {
        postBoot: (game) => {
          const scene = new MapScene();
          game.scene.add("map", scene, true);
          scene.events2 = { inspect: (t) => this.inspector.show(t), ...(this.backend.ping ? { ping: (t) => this.backend.ping?.(pingTargetOf(t)) } : {}) };
          this.backend.onPing?.((p) => scene.showPing(p));
          this.scene = scene;
          
          if (this.last) scene.setView(this.last.view);
        },
      },
    });
  }

  private onSnapshot(s: GameSnapshot): void {
    const first = !this.last;
    const wasRevealed = this.last?.hints.length ?? 0;
    this.last = s;
    this.scene?.setView(s.view);
    this.sidebar.update(s.goals, s.view.slo, s.hints);
    this.clock.textContent = `${formatClock(s.clock.elapsedSeconds)} / par ${formatClock(this.backend.level.parTimeSeconds)}`;
    const met = s.goals.filter((g) => g.met).length;
    this.status.textContent = s.solved ? "✓ Resolved" : s.clock.phase === "lobby" ? "Waiting for the start" : s.clock.phase === "ended" ? "Ended" : s.clock.paused ? "❚❚ Paused" : `${met}/${s.goals.length} goals`;
    this.status.className = `status-pill ${s.solved ? "ok" : ""}`;
    const nextCost = this.backend.level.hintCosts[s.hints.length];
    this.hintBtn.textContent = nextCost === undefined ? "No more hints" : `Hint (H) −${nextCost}`;
    this.hintBtn.disabled = nextCost === undefined;
    if (!first && s.hints.length > wasRevealed) {
      const h = s.hints[s.hints.length - 1];
      this.terminal.notify(`Hint ${h.index + 1} (−${h.cost}): ${h.text}`);
    }
    if (this.backend.setSpeed) this.renderSpeeds(s.clock.speed, s.clock.paused);
    if (s.ended && !this.ended) {
      this.ended = true;
      void this.backend.debrief().then((d) => this.opts.onEnded(d));
    }
  }

  private renderSpeeds(speed = 1, paused = false): void {
    const key = `${speed}|${paused}`;
    if (this.speedBar.dataset.key === key) return;
    this.speedBar.dataset.key = key;
    this.speedBar.replaceChildren(
      button(paused ? "▶ Run" : "❚❚ Pause", () => this.backend.setPaused?.(!paused), "plain", { "aria-label": paused ? "Resume" : "Pause", title: paused ? "Resume" : "Pause" }),
      ...SPEEDS.map((s) => button(`${s === 0.5 ? "½" : s}×`, () => this.backend.setSpeed?.(s), s === speed ? "primary" : "plain", { "aria-pressed": String(s === speed), "data-speed": String(s) })),
    );
  }

  /** A terminal line: `hint`, a trace, `kubectl edit` (editor round trip), or any kubectl line. */
  private async runLine(line: string): Promise<void> {
    if (line === "hint") {
      await this.hint();
      return;
    }
    const r = await this.backend.run(line);
    if (r.exitCode === 0 && r.stdout.startsWith(EDIT_MARKER)) {
      await this.editLoop(line, r.stdout);
      return;
    }
    this.print(r);
    const trace = parseTraceLine(line);
    if (trace && this.backend.trace && r.exitCode !== 0) this.trace(trace);
  }

  /** A message in the terminal (a facilitator's words, a lost connection). */
  notify(text: string): void {
    this.terminal.notify(text);
  }

  private print(r: KubectlResult): void {
    this.terminal.print(r.stdout, "out");
    this.terminal.print(r.stderr, "err");
  }

  private async editLoop(line: string, text: string): Promise<void> {
    const marker = parseEditMarker(text);
    let buffer = text;
    let serverError: string | undefined;
    for (;;) {
      const edited = await openYamlEditor(this.el, { title: marker ? `${marker.ref}${marker.namespace ? ` -n ${marker.namespace}` : ""}` : line, text: buffer, ...(serverError ? { serverError } : {}) });
      this.terminal.focus();
      if (edited === undefined) {
        this.terminal.print("Edit cancelled, no changes made.\n");
        return;
      }
      const r = await this.backend.run(line, edited);
      this.print(r);
      if (r.exitCode === 0) return;
      serverError = r.stderr || r.stdout;
      buffer = edited;
    }
  }

  private async hint(): Promise<void> {
    const h = await this.backend.hint();
    if (!h) this.terminal.notify("No more hints for this level.");
  }

  private trace(preset?: { from?: string; to?: string; port?: number }): void {
    const b = this.backend;
    if (!b.trace || !b.traceEndpoints) return;
    openTracePanel(this.el, { endpoints: () => b.traceEndpoints!(), trace: (f, t, p) => b.trace!(f, t, p) }, preset);
  }

  private briefing(): void {
    if (this.briefingOpen) return;
    const lv = this.backend.level;
    const wasPaused = this.last?.clock.paused ?? false;
    if (this.backend.mode === "solo") this.backend.setPaused?.(true);
    this.briefingOpen = true;
    const start = button("Start (Enter)", () => modal.close(), "primary");
    const modal = openModal(
      this.el,
      `Incident: ${lv.title}`,
      [
        el("p", { class: "meta" }, `${lv.category} · difficulty ${"●".repeat(lv.difficulty)}${"○".repeat(5 - lv.difficulty)} · par ${formatClock(lv.parTimeSeconds)}`),
        el("pre", { class: "briefing" }, lv.briefing.trimEnd()),
        el("h3", {}, "You will learn"),
        el("ul", {}, lv.learningGoals.map((g) => el("li", {}, g))),
      ],
      {
        actions: [start],
        onClose: () => {
          this.briefingOpen = false;
          if (this.backend.mode === "solo") this.backend.setPaused?.(wasPaused);
          this.terminal.focus();
        },
        wide: true,
      },
    );
  }

  private leave(): void {
    if (this.backend.mode === "solo" && "end" in this.backend) (this.backend as unknown as { end(): void }).end();
    else this.opts.onLeave();
  }

  /** Screen keys, when the focus is not in the terminal, an editor or a form field. */
  private onKey(e: KeyboardEvent): void {
    const t = e.target as HTMLElement;
    if (t.closest(".terminal, .modal, input, select, textarea, .cm-editor") || e.ctrlKey || e.metaKey || e.altKey) return;
    const inMap = t === this.mapEl || this.mapEl.contains(t);
    const key = e.key;
    if (key === "Escape" && this.inspector.open) this.inspector.close();
    else if (key === "t" || key === "T" || (key === "Escape" && !this.inspector.open)) this.terminal.focus();
    else if (key === "h" || key === "H") void this.hint();
    else if (key === "r" || key === "R") this.trace();
    else if (key === "b" || key === "B") this.briefing();
    else if (inMap && (key === "ArrowRight" || key === "ArrowDown")) this.scene?.moveSelection(1);
    else if (inMap && (key === "ArrowLeft" || key === "ArrowUp")) this.scene?.moveSelection(-1);
    else if (inMap && (key === "p" || key === "P") && this.backend.ping) {
      const sel = this.scene?.selected();
      if (sel) this.backend.ping(pingTargetOf(sel));
    } else if (inMap && key === "Enter") {
      const sel = this.scene?.selected();
      if (sel) this.inspector.show(sel);
      else this.terminal.focus();
    } else return;
    e.preventDefault();
  }

  /** Frames per second Phaser measures (the bench and the e2e test read it). */
  fps(): number {
    return this.game?.loop.actualFps ?? 0;
  }

  dispose(): void {
    this.unsubscribe();
    this.terminal.dispose();
    this.disposed = true;
    this.game?.destroy(true);
    this.el.remove();
  }
}
