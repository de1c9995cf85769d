/** A Service (or Ingress) drawn as a gateway box: name, type and its ready/not-ready endpoint counts. */
import type Phaser from "phaser";
import type { Rect } from "../view/layout.ts";
import { cssColor, PALETTE } from "../view/status.ts";
import type { ViewService } from "../view/types.ts";
import { FONT } from "./node-panel.ts";

export function gatewayLook(s: Pick<ViewService, "kind" | "readyEndpoints" | "notReadyEndpoints">): { color: number; icon: string } {
  if (s.kind === "Ingress") return { color: PALETTE.blue, icon: "⇶" };
  if (s.readyEndpoints === 0) return { color: PALETTE.vermillion, icon: "✗" };
  if (s.notReadyEndpoints > 0) return { color: PALETTE.orange, icon: "!" };
  return { color: PALETTE.green, icon: "⇄" };
}

export class Gateway {
  private readonly bg: Phaser.GameObjects.Graphics;
  private readonly label: Phaser.GameObjects.Text;
  private key = "";

  constructor(scene: Phaser.Scene) {
    this.bg = scene.add.graphics().setDepth(2);
    this.label = scene.add.text(0, 0, "", { fontFamily: FONT, fontSize: "13px", color: "#f2f4f8", lineSpacing: 1 }).setDepth(3);
  }

  update(s: ViewService, r: Rect): void {
    const traffic = s.traffic ? `${Math.round(s.traffic.successRate * 100)}%` : "";
    const key = JSON.stringify([s.name, s.kind, s.readyEndpoints, s.notReadyEndpoints, s.backends, traffic, r]);
    if (key === this.key) return;
    this.key = key;
    const look = gatewayLook(s);
    const g = this.bg.clear();
    g.fillStyle(0x1d2330, 1);
    g.fillRoundedRect(r.x, r.y, r.w, r.h, 12);
    g.lineStyle(2, look.color, 1);
    g.strokeRoundedRect(r.x, r.y, r.w, r.h, 12);
    const maxChars = Math.max(5, Math.floor((r.w - 14) / 7.5));
    const clip = (t: string) => (t.length > maxChars ? `${t.slice(0, maxChars - 1)}…` : t);
    const second = s.kind === "Ingress" ? `ingress → ${s.backends?.length ?? 0} svc` : `${s.readyEndpoints} ready${s.notReadyEndpoints ? ` · ${s.notReadyEndpoints} not` : ""}${traffic ? ` · ${traffic} ok` : ""}`;
    this.label.setText(`${clip(`${look.icon} ${s.name}`)}\n${clip(second)}`).setPosition(r.x + 8, r.y + 5);
    this.label.setColor(cssColor(0xf2f4f8));
  }

  destroy(): void {
    this.bg.destroy();
    this.label.destroy();
  }
}
