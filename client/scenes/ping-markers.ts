/**
 * Draws the drill's live pings (client/view/pings.ts) over the map: a pulsing ring around the
 * target and the player's name beside it. Phaser Text renders plain text, so a name with HTML
 * in it shows as typed. Labels are pooled: at most MAX_PINGS exist.
 */
import Phaser from "phaser";
import type { Rect } from "../view/layout.ts";
import { PingBoard } from "../view/pings.ts";
import { PALETTE } from "../view/status.ts";
import { FONT } from "./node-panel.ts";

const PING_COLOUR = 0xffd166;

export class PingMarkers {
  readonly board = new PingBoard();
  private readonly rings: Phaser.GameObjects.Graphics;
  private readonly labels: Phaser.GameObjects.Text[] = [];

  constructor(private readonly scene: Phaser.Scene) {
    this.rings = scene.add.graphics().setDepth(8);
  }

  /** Redraw at `now` (performance.now()); `rectOf` finds the target on the current layout. */
  draw(now: number, rectOf: (targetId: string) => Rect | undefined): void {
    const g = this.rings.clear();
    let used = 0;
    for (const p of this.board.live(now)) {
      const r = rectOf(p.targetId);
      if (!r) continue;
      const cx = r.x + r.w / 2;
      const cy = r.y + r.h / 2;
      const base = Math.max(10, Math.min(r.w, r.h) / 2);
      g.lineStyle(3, PING_COLOUR, p.alpha * (1 - p.pulse));
      g.strokeCircle(cx, cy, base + 18 * p.pulse);
      g.lineStyle(2, PALETTE.black, p.alpha);
      g.strokeCircle(cx, cy, base);
      const label = this.label(used++);
      label.setText(p.name).setPosition(cx + base + 4, cy - base - 10).setAlpha(p.alpha).setVisible(true);
    }
    for (let i = used; i < this.labels.length; i++) this.labels[i].setVisible(false);
  }

  private label(i: number): Phaser.GameObjects.Text {
    while (this.labels.length <= i) {
      this.labels.push(this.scene.add.text(0, 0, "", { fontFamily: FONT, fontSize: "13px", color: "#14171f", backgroundColor: "#ffd166", padding: { x: 4, y: 2 } }).setDepth(9));
    }
    return this.labels[i];
  }
}
