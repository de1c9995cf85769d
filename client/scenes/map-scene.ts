/**
 * The cluster map. Each new ClusterView is reconciled by id: node panels, pod images and
 * gateways are created once and moved/re-textured afterwards, never rebuilt, so a 400-pod
 * cluster stays smooth. Input is hit-tested against the layout's rectangles.
 */
import Phaser from "phaser";
import { layoutMap, UNSCHEDULED, type MapLayout, type Rect } from "../view/layout.ts";
import { selectableTargets, stepSelection, targetId, type Target } from "../view/selection.ts";
import { linkLook, PALETTE, podLook } from "../view/status.ts";
import { particleRoutes } from "../view/traffic.ts";
import type { ClusterView } from "../view/types.ts";
import { tooltipText } from "../view/tooltip.ts";
import { dashedLine } from "./draw.ts";
import { FONT, NodePanel } from "./node-panel.ts";
import { ensurePodTexture, makeTextures } from "./textures.ts";
import { Gateway } from "./gateway.ts";
import { TrafficParticles } from "./traffic-particles.ts";
import { PingMarkers } from "./ping-markers.ts";
import type { PingBroadcast } from "../../shared/protocol/messages.ts";

const MARGIN = 12;

export interface MapEvents {
  select(t: Target | undefined): void;
  inspect(t: Target): void;
  /** Alt+click (drills): point the team at this object. */
  ping(t: Target): void;
}

export class MapScene extends Phaser.Scene {
  private view: ClusterView | undefined;
  private layout: MapLayout | undefined;
  private readonly panels = new Map<string, NodePanel>();
  private readonly pods = new Map<string, Phaser.GameObjects.Image>();
  private readonly podLabels = new Map<string, Phaser.GameObjects.Text>();
  private readonly gateways = new Map<string, Gateway>();
  private overlayUnder!: Phaser.GameObjects.Graphics;
  private overlayOver!: Phaser.GameObjects.Graphics;
  private lines!: Phaser.GameObjects.Graphics;
  private highlight!: Phaser.GameObjects.Graphics;
  private tooltip!: Phaser.GameObjects.Text;
  private particles!: TrafficParticles;
  private pings!: PingMarkers;
  private selectedId: string | undefined;
  private targets: Target[] = [];
  private ready = false;
  /** Cost of the last reconcile (ms) and how many game objects exist: for the bench and tests. */
  stats = { relayoutMs: 0, relayouts: 0, objects: 0 };
  events2: Partial<MapEvents> = {};

  constructor() {
    super({ key: "map" });
  }

  create(): void {
    makeTextures(this);
    this.cameras.main.setBackgroundColor("#14171f");
    this.overlayUnder = this.add.graphics().setDepth(-1);
    this.lines = this.add.graphics().setDepth(3);
    this.overlayOver = this.add.graphics().setDepth(4);
    this.highlight = this.add.graphics().setDepth(6);
    this.particles = new TrafficParticles(this);
    this.pings = new PingMarkers(this);
    this.tooltip = this.add
      .text(0, 0, "", { fontFamily: FONT, fontSize: "14px", color: "#ffffff", backgroundColor: "#000000cc", padding: { x: 6, y: 4 } })
      .setDepth(10)
      .setVisible(false);
    this.input.on("pointerdown", (p: Phaser.Input.Pointer) => {
      const t = this.hit(p.x, p.y);
      if (t && (p.event as MouseEvent | undefined)?.altKey && this.events2.ping) return this.events2.ping(t);
      this.select(t?.id);
      if (t) this.events2.inspect?.(t);
    });
    this.input.on("pointermove", (p: Phaser.Input.Pointer) => this.hover(p.x, p.y));
    this.scale.on("resize", () => this.relayout());
    this.ready = true;
    if (this.view) this.relayout();
  }

  setView(view: ClusterView): void {
    this.view = view;
    if (this.ready) this.relayout();
  }

  /** Keyboard: move the selection through the map's objects. */
  moveSelection(delta: number): Target | undefined {
    const t = stepSelection(this.targets, this.selectedId, delta);
    this.select(t?.id);
    return t;
  }

  selected(): Target | undefined {
    return this.targets.find((t) => t.id === this.selectedId);
  }

  select(id: string | undefined): void {
    this.selectedId = id;
    this.drawHighlight();
    this.events2.select?.(this.selected());
  }

  /** A player's ping arrived: show its marker for a few seconds. */
  showPing(p: PingBroadcast): void {
    this.pings?.board.add(p, performance.now());
  }

  private relayout(): void {
    const view = this.view;
    if (!view) return;
    const t0 = performance.now();
    const w = this.scale.width - 2 * MARGIN;
    const h = this.scale.height - 2 * MARGIN;
    const raw = layoutMap(view, w, h);
    const layout = offset(raw, MARGIN, MARGIN);
    this.layout = layout;
    this.targets = selectableTargets(view, layout);
    this.reconcilePanels(view, layout);
    this.reconcilePods(view, layout);
    this.reconcileGateways(view, layout);
    this.drawLines(view, layout);
    this.drawOverlay(view, layout);
    this.particles.setRoutes(particleRoutes(view, layout));
    this.drawHighlight();
    this.stats = { relayoutMs: performance.now() - t0, relayouts: this.stats.relayouts + 1, objects: this.children.list.length };
  }

  private reconcilePanels(view: ClusterView, layout: MapLayout): void {
    const nodes = new Map(view.nodes.map((n) => [n.name, n]));
    for (const [name, panel] of this.panels) {
      if (!layout.panels.has(name)) {
        panel.destroy();
        this.panels.delete(name);
      }
    }
    for (const [name, r] of layout.panels) {
      let panel = this.panels.get(name);
      if (!panel) this.panels.set(name, (panel = new NodePanel(this, name)));
      panel.update(name === UNSCHEDULED ? undefined : nodes.get(name), r, layout.headerH);
    }
  }

  private reconcilePods(view: ClusterView, layout: MapLayout): void {
    const seen = new Set<string>();
    for (const p of view.pods) {
      const r = layout.pods.get(p.id);
      if (!r) continue;
      seen.add(p.id);
      const key = ensurePodTexture(this, p.status, p.ready);
      let img = this.pods.get(p.id);
      if (!img) {
        img = this.add.image(r.x + r.w / 2, r.y + r.h / 2, key).setDepth(2).setAlpha(0);
        this.tweens.add({ targets: img, alpha: 1, duration: 250 });
        this.pods.set(p.id, img);
      } else if (img.texture.key !== key) img.setTexture(key);
      img.setDisplaySize(r.w, r.h);
      const tx = r.x + r.w / 2;
      const ty = r.y + r.h / 2;
      if (img.x !== tx || img.y !== ty) {
        this.tweens.killTweensOf(img);
        this.tweens.add({ targets: img, x: tx, y: ty, alpha: 1, duration: 300, ease: "Sine.easeInOut" });
      }
    }
    this.reconcileLabels(view, layout, seen);
    for (const [id, img] of this.pods) {
      if (seen.has(id)) continue;
      this.pods.delete(id);
      this.tweens.killTweensOf(img);
      this.tweens.add({ targets: img, alpha: 0, duration: 250, onComplete: () => img.destroy() });
    }
  }

  /** Name and status words beside each tile, while the cluster is small enough for them. */
  private reconcileLabels(view: ClusterView, layout: MapLayout, seen: Set<string>): void {
    const show = layout.labelW > 0;
    for (const [id, t] of this.podLabels) {
      if (show && seen.has(id)) continue;
      t.destroy();
      this.podLabels.delete(id);
    }
    if (!show) return;
    const maxChars = Math.max(6, Math.floor(layout.labelW / 7));
    const clip = (s: string) => (s.length > maxChars ? `${s.slice(0, Math.ceil(maxChars / 2) - 1)}…${s.slice(s.length - Math.floor(maxChars / 2))}` : s);
    for (const p of view.pods) {
      const r = layout.pods.get(p.id);
      if (!r) continue;
      let t = this.podLabels.get(p.id);
      if (!t) {
        t = this.add.text(0, 0, "", { fontFamily: FONT, fontSize: "12px", color: "#e6e9ef", lineSpacing: -2 }).setDepth(2);
        this.podLabels.set(p.id, t);
      }
      const look = podLook(p.status, p.ready);
      t.setText(`${clip(p.name)}\n${clip(`${look.label}${p.restarts ? ` ↻${p.restarts}` : ""}`)}`);
      t.setPosition(r.x + r.w + 4, r.y - 1);
    }
  }

  private reconcileGateways(view: ClusterView, layout: MapLayout): void {
    const seen = new Set<string>();
    for (const s of view.services) {
      const r = layout.gateways.get(s.id);
      if (!r) continue;
      seen.add(s.id);
      let g = this.gateways.get(s.id);
      if (!g) this.gateways.set(s.id, (g = new Gateway(this)));
      g.update(s, r);
    }
    for (const [id, g] of this.gateways) {
      if (seen.has(id)) continue;
      g.destroy();
      this.gateways.delete(id);
    }
  }

  /** Service → endpoint pods (ready solid, not ready dashed); Ingress → its Services. */
  private drawLines(view: ClusterView, layout: MapLayout): void {
    const g = this.lines.clear();
    // Many endpoints: fainter lines, so pods stay readable under them.
    const count = view.services.reduce((n, s) => n + (s.endpoints?.length ?? 0), 0);
    const alpha = count > 40 ? 0.3 : count > 15 ? 0.5 : 0.75;
    for (const s of view.services) {
      const r = layout.gateways.get(s.id);
      if (!r) continue;
      const x1 = r.x + r.w / 2;
      const y1 = r.y + r.h;
      if (s.kind === "Ingress") {
        for (const b of s.backends ?? []) {
          const br = layout.gateways.get(b);
          if (!br) continue;
          g.lineStyle(2, PALETTE.blue, 0.9);
          g.lineBetween(x1, y1, br.x + br.w / 2, br.y);
        }
        continue;
      }
      for (const ep of s.endpoints ?? []) {
        const pr = layout.pods.get(ep.pod);
        if (!pr) continue;
        const x2 = pr.x + pr.w / 2;
        const y2 = pr.y;
        if (ep.ready) {
          g.lineStyle(1.5, PALETTE.green, alpha);
          g.lineBetween(x1, y1, x2, y2);
        } else {
          g.lineStyle(1.5, PALETTE.orange, Math.min(1, alpha + 0.15));
          dashedLine(g, x1, y1, x2, y2, 6, 5);
        }
      }
    }
  }

  /** Overlay links: healthy ones faint under the panels, broken/degraded ones on top with their style. */
  private drawOverlay(view: ClusterView, layout: MapLayout): void {
    const under = this.overlayUnder.clear();
    const over = this.overlayOver.clear();
    for (const l of view.links) {
      const a = layout.panels.get(l.from);
      const b = layout.panels.get(l.to);
      if (!a || !b) continue;
      const look = linkLook(l.state);
      const p = { x: a.x + a.w / 2, y: a.y + 24 };
      const q = { x: b.x + b.w / 2, y: b.y + 24 };
      if (l.state === "healthy") {
        under.lineStyle(3, look.color, 0.5);
        under.lineBetween(p.x, p.y, q.x, q.y);
      } else {
        over.lineStyle(4, look.color, 0.95);
        if (look.dash) dashedLine(over, p.x, p.y, q.x, q.y, look.dash[0], look.dash[1]);
        const mx = (p.x + q.x) / 2;
        const my = (p.y + q.y) / 2;
        over.fillStyle(look.color, 1);
        over.fillCircle(mx, my, 9);
        over.lineStyle(3, 0x000000, 1);
        over.lineBetween(mx - 4, my - 4, mx + 4, my + 4);
        over.lineBetween(mx - 4, my + 4, mx + 4, my - 4);
      }
    }
  }

  private rectOf(id: string | undefined): Rect | undefined {
    if (!id || !this.layout) return undefined;
    const [kind, key] = [id.slice(0, id.indexOf(":")), id.slice(id.indexOf(":") + 1)];
    if (kind === "Pod") return this.layout.pods.get(key);
    if (kind === "Node") return this.layout.panels.get(key);
    return this.layout.gateways.get(key);
  }

  private drawHighlight(): void {
    const g = this.highlight.clear();
    const r = this.rectOf(this.selectedId);
    if (!r) return;
    g.lineStyle(3, PALETTE.white, 1);
    g.strokeRect(r.x - 3, r.y - 3, r.w + 6, r.h + 6);
    g.lineStyle(1, PALETTE.black, 1);
    g.strokeRect(r.x - 5, r.y - 5, r.w + 10, r.h + 10);
  }

  private hit(x: number, y: number): Target | undefined {
    const layout = this.layout;
    const view = this.view;
    if (!layout || !view) return undefined;
    const inside = (r: Rect) => x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h;
    for (const [id, r] of layout.pods) if (inside(r)) return this.targets.find((t) => t.id === targetId("Pod", id));
    for (const [id, r] of layout.gateways) {
      const s = view.services.find((v) => v.id === id);
      if (s && inside(r)) return this.targets.find((t) => t.id === targetId(s.kind, id));
    }
    for (const [name, r] of layout.panels) if (name !== UNSCHEDULED && inside(r)) return this.targets.find((t) => t.id === targetId("Node", name));
    return undefined;
  }

  private hover(x: number, y: number): void {
    const t = this.hit(x, y);
    if (!t || !this.view) {
      this.tooltip.setVisible(false);
      return;
    }
    this.tooltip.setText(tooltipText(t, this.view)).setVisible(true);
    const tx = Math.min(x + 14, this.scale.width - this.tooltip.width - 4);
    const ty = Math.min(y + 14, this.scale.height - this.tooltip.height - 4);
    this.tooltip.setPosition(Math.max(4, tx), Math.max(4, ty));
  }

  override update(_time: number, delta: number): void {
    this.particles?.update(delta);
    this.pings?.draw(performance.now(), (id) => this.rectOf(id));
  }
}

function offset(l: MapLayout, dx: number, dy: number): MapLayout {
  const move = (m: Map<string, Rect>) => new Map([...m].map(([k, r]) => [k, { x: r.x + dx, y: r.y + dy, w: r.w, h: r.h }]));
  return { gateways: move(l.gateways), panels: move(l.panels), pods: move(l.pods), tile: l.tile, labelW: l.labelW, headerH: l.headerH };
}
