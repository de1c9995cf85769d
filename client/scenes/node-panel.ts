/**
 * One node on the map: a panel with its name, Ready/pressure state (colour + icon + words), and
 * memory/disk bars. Redrawn only when what it shows changes.
 */
import type Phaser from "phaser";
import type { Rect } from "../view/layout.ts";
import { PANEL_HEADER_H, UNSCHEDULED } from "../view/layout.ts";
import { cssColor, nodeLook, PALETTE } from "../view/status.ts";
import type { ViewNode } from "../view/types.ts";
import { pressureBar } from "./draw.ts";

export const FONT = "'DejaVu Sans', 'Segoe UI', system-ui, sans-serif";

export class NodePanel {
  private readonly bg: Phaser.GameObjects.Graphics;
  private readonly title: Phaser.GameObjects.Text;
  private readonly status: Phaser.GameObjects.Text;
  private readonly memLabel: Phaser.GameObjects.Text;
  private readonly diskLabel: Phaser.GameObjects.Text;
  private drawnKey = "";

  constructor(scene: Phaser.Scene, readonly name: string) {
    this.bg = scene.add.graphics().setDepth(0);
    this.title = scene.add.text(0, 0, name, { fontFamily: FONT, fontSize: "15px", fontStyle: "bold", color: "#f2f4f8" }).setDepth(1);
    this.status = scene.add.text(0, 0, "", { fontFamily: FONT, fontSize: "13px", color: "#cfd6e4" }).setDepth(1);
    const small = { fontFamily: FONT, fontSize: "11px", color: "#aab3c5" };
    this.memLabel = scene.add.text(0, 0, "mem", small).setDepth(1);
    this.diskLabel = scene.add.text(0, 0, "disk", small).setDepth(1);
  }

  /** The node (undefined for the unscheduled pods' panel) at `r`. */
  update(node: ViewNode | undefined, r: Rect, headerH: number): void {
    const compact = headerH < PANEL_HEADER_H;
    const memRatio = node?.memory && node.memory.capacityBytes > 0 ? node.memory.usedBytes / node.memory.capacityBytes : undefined;
    const diskRatio = node?.disk && node.disk.capacityBytes > 0 ? node.disk.usedBytes / node.disk.capacityBytes : undefined;
    const key = JSON.stringify([node?.status, node?.problems, node?.taints, memRatio?.toFixed(2), diskRatio?.toFixed(2), r, headerH]);
    if (key === this.drawnKey) return;
    this.drawnKey = key;
    const look = node ? nodeLook(node) : { color: PALETTE.grey, icon: "…", label: "Pending: not bound to a node" };
    const g = this.bg.clear();
    g.fillStyle(this.name === UNSCHEDULED ? 0x1b1e26 : 0x222733, 0.96);
    g.fillRoundedRect(r.x, r.y, r.w, r.h, 8);
    g.lineStyle(2, look.color, 1);
    g.strokeRoundedRect(r.x, r.y, r.w, r.h, 8);
    g.fillStyle(look.color, 1);
    g.fillRect(r.x + 2, r.y + 2, 6, headerH - 8);
    const narrow = r.w < 150;
    this.title.setFontSize(narrow ? 13 : 15);
    const maxChars = Math.max(4, Math.floor((r.w - 22) / (narrow ? 7.6 : 8.8)));
    /** Names keep their end (node-17, not node-…): that is where clusters number them. */
    const clip = (s: string) => (s.length > maxChars ? `…${s.slice(s.length - maxChars + 1)}` : s);
    const statusText = node ? `${look.label}${node.taints ? ` · ${node.taints} taint${node.taints > 1 ? "s" : ""}` : ""}` : look.label;
    if (compact) {
      this.title.setText(`${look.icon} ${clip(`${this.name} ${node ? look.label : ""}`.trim())}`).setPosition(r.x + 14, r.y + 3);
      this.status.setVisible(false);
    } else {
      this.title.setText(`${look.icon} ${clip(this.name)}`).setPosition(r.x + 14, r.y + 3);
      this.status.setText(statusText.length > maxChars + 2 ? `${statusText.slice(0, maxChars + 1)}…` : statusText).setPosition(r.x + 14, r.y + 21).setVisible(true);
    }
    this.status.setColor(cssColor(node && node.ready !== "True" ? PALETTE.orange : 0xcfd6e4));
    if (memRatio !== undefined || diskRatio !== undefined) {
      const x0 = r.x + 14;
      const by = r.y + headerH - 12;
      // Narrow panels: two bare bars (memory left, disk right; the tooltip has the figures).
      const labelW = narrow ? 0 : 32;
      const bw = Math.max(12, (r.w - 24 - 2 * labelW - 10) / 2);
      pressureBar(g, x0 + labelW, by, bw, 6, memRatio ?? 0);
      pressureBar(g, x0 + 2 * labelW + bw + 10, by, bw, 6, diskRatio ?? 0);
      this.memLabel.setPosition(x0, by - 4).setVisible(!narrow);
      this.diskLabel.setPosition(x0 + labelW + bw + 10, by - 4).setVisible(!narrow);
    } else {
      this.memLabel.setVisible(false);
      this.diskLabel.setVisible(false);
    }
  }

  destroy(): void {
    this.bg.destroy();
    this.title.destroy();
    this.status.destroy();
    this.memLabel.destroy();
    this.diskLabel.destroy();
  }
}
