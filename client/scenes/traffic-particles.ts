/**
 * Traffic particles along the routes of view/traffic.ts: a fixed pool of dot images (one
 * texture, one batch). Failed requests are drawn vermillion and fade where they die.
 */
import type Phaser from "phaser";
import type { ParticleRoute } from "../view/traffic.ts";
import { DOT_FAILED, DOT_OK } from "./textures.ts";

const POOL = 160;
const TRAVEL_MS = 900;

interface Particle {
  img: Phaser.GameObjects.Image;
  route?: ParticleRoute;
  t: number;
  failed: boolean;
  dying: number;
}

export class TrafficParticles {
  private readonly pool: Particle[] = [];
  private routes: ParticleRoute[] = [];
  private readonly carry = new Map<string, number>();

  constructor(scene: Phaser.Scene) {
    for (let i = 0; i < POOL; i++) {
      this.pool.push({ img: scene.add.image(0, 0, DOT_OK).setDepth(5).setVisible(false).setDisplaySize(9, 9), t: 0, failed: false, dying: 0 });
    }
  }

  setRoutes(routes: ParticleRoute[]): void {
    this.routes = routes;
    const keys = new Set(routes.map((r) => r.key));
    for (const k of this.carry.keys()) if (!keys.has(k)) this.carry.delete(k);
  }

  update(deltaMs: number): void {
    const dt = Math.min(deltaMs, 100);
    for (const r of this.routes) {
      let due = (this.carry.get(r.key) ?? Math.random()) + (r.ratePerSec * dt) / 1000;
      while (due >= 1) {
        due -= 1;
        this.spawn(r);
      }
      this.carry.set(r.key, due);
    }
    for (const p of this.pool) {
      if (!p.route) continue;
      const r = p.route;
      if (p.dying > 0) {
        p.dying -= dt;
        p.img.setAlpha(Math.max(0, p.dying / 400));
        if (p.dying <= 0) this.free(p);
        continue;
      }
      p.t += dt / TRAVEL_MS;
      const stop = p.failed ? r.dieAt : 1;
      if (p.t >= stop) {
        p.t = stop;
        if (p.failed) p.dying = 400;
        else {
          this.free(p);
          continue;
        }
      }
      p.img.setPosition(r.x1 + (r.x2 - r.x1) * p.t, r.y1 + (r.y2 - r.y1) * p.t);
    }
  }

  private spawn(r: ParticleRoute): void {
    const p = this.pool.find((q) => !q.route);
    if (!p) return;
    p.route = r;
    p.t = 0;
    p.dying = 0;
    p.failed = Math.random() < r.failFraction;
    p.img.setTexture(p.failed ? DOT_FAILED : DOT_OK).setDisplaySize(9, 9).setAlpha(1).setVisible(true).setPosition(r.x1, r.y1);
  }

  private free(p: Particle): void {
    p.route = undefined;
    p.img.setVisible(false);
  }
}
