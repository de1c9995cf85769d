/**
 * Textures made at start-up on a 2D canvas: one tile per pod look (colour + glyph), a dot for
 * traffic particles. Every pod is an Image of one of these, so 400 pods batch into few draws.
 */
import type Phaser from "phaser";
import { cssColor, PALETTE, podLook } from "../view/status.ts";

export const TILE_PX = 40;
/** Particle dots: one texture per colour (the Canvas renderer does not tint). */
export const DOT_OK = "dot-ok";
export const DOT_FAILED = "dot-failed";

/** Statuses whose look differs: one texture per distinct look. */
const SAMPLE_STATUSES: [string, string][] = [
  ["Running", "1/1"], ["Running", "0/1"], ["Pending", "0/1"], ["ContainerCreating", "0/1"], ["CrashLoopBackOff", "0/1"],
  ["Evicted", "0/1"], ["Terminating", "0/1"], ["Completed", "0/1"], ["Unknown-status", "0/1"],
];

export function podTextureKey(status: string, ready: string): string {
  const l = podLook(status, ready);
  return `pod-${l.health}-${l.icon.codePointAt(0)}`;
}

function isLight(color: number): boolean {
  const r = (color >> 16) & 255;
  const g = (color >> 8) & 255;
  const b = color & 255;
  return 0.299 * r + 0.587 * g + 0.114 * b > 150;
}

function makeTile(scene: Phaser.Scene, key: string, color: number, icon: string): void {
  if (scene.textures.exists(key)) return;
  const c = document.createElement("canvas");
  c.width = TILE_PX;
  c.height = TILE_PX;
  const ctx = c.getContext("2d")!;
  ctx.fillStyle = cssColor(color);
  ctx.beginPath();
  ctx.roundRect(1, 1, TILE_PX - 2, TILE_PX - 2, 6);
  ctx.fill();
  ctx.fillStyle = isLight(color) ? "#111" : "#fff";
  ctx.font = "bold 26px 'DejaVu Sans', 'Segoe UI Symbol', sans-serif";
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  ctx.fillText(icon, TILE_PX / 2, TILE_PX / 2 + 1);
  scene.textures.addCanvas(key, c);
}

/** Make sure the texture for this status exists (statuses are open-ended) and return its key. */
export function ensurePodTexture(scene: Phaser.Scene, status: string, ready: string): string {
  const key = podTextureKey(status, ready);
  if (!scene.textures.exists(key)) {
    const l = podLook(status, ready);
    makeTile(scene, key, l.color, l.icon);
  }
  return key;
}

export function makeTextures(scene: Phaser.Scene): void {
  for (const [s, r] of SAMPLE_STATUSES) ensurePodTexture(scene, s, r);
  for (const [key, color] of [[DOT_OK, PALETTE.skyBlue], [DOT_FAILED, PALETTE.vermillion]] as const) {
    if (scene.textures.exists(key)) continue;
    const c = document.createElement("canvas");
    c.width = 12;
    c.height = 12;
    const ctx = c.getContext("2d")!;
    ctx.fillStyle = cssColor(color);
    ctx.beginPath();
    ctx.arc(6, 6, 5, 0, Math.PI * 2);
    ctx.fill();
    ctx.strokeStyle = "#000";
    ctx.lineWidth = 1;
    ctx.stroke();
    scene.textures.addCanvas(key, c);
  }
}
