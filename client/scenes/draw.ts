/** Small drawing helpers for Phaser Graphics: dashed lines, pressure bars. */
import type Phaser from "phaser";
import { pressureColor } from "../view/status.ts";

export function dashedLine(g: Phaser.GameObjects.Graphics, x1: number, y1: number, x2: number, y2: number, dash: number, gap: number): void {
  const len = Math.hypot(x2 - x1, y2 - y1);
  if (len === 0) return;
  const dx = (x2 - x1) / len;
  const dy = (y2 - y1) / len;
  for (let d = 0; d < len; d += dash + gap) {
    const e = Math.min(d + dash, len);
    g.lineBetween(x1 + dx * d, y1 + dy * d, x1 + dx * e, y1 + dy * e);
  }
}

/** A thin bar filled to `ratio` (0..1), coloured by how close it is to full. */
export function pressureBar(g: Phaser.GameObjects.Graphics, x: number, y: number, w: number, h: number, ratio: number): void {
  const r = Math.max(0, Math.min(1, ratio));
  g.fillStyle(0x2a2f3a, 1);
  g.fillRect(x, y, w, h);
  g.fillStyle(pressureColor(r), 1);
  g.fillRect(x, y, Math.round(w * r), h);
}
