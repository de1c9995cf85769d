/**
 * Drill pings on the map: a player points at an object and everyone sees a pulsing marker with
 * their name for PING_LIFETIME_MS. Pure model: the scene asks `live(now)` what to draw.
 * Times are the client's own clock (performance.now()), not the server's simulated `atMs`, so
 * a paused drill still lets a marker fade.
 */
import type { PingBroadcast } from "../../shared/protocol/messages.ts";
import type { Target } from "./selection.ts";
import { targetId } from "./selection.ts";

export const PING_LIFETIME_MS = 3_000;
/** One pulse (grow and fade) every this many ms. */
export const PING_PULSE_MS = 750;
/** More than this many live markers would only be noise: the oldest go first. */
export const MAX_PINGS = 16;

export interface PingMarker {
  /** Seat id of the player: one marker per player, a new ping moves it. */
  player: string;
  /** Shown as text, never as HTML. */
  name: string;
  /** Map target id (`Pod:ns/name`, see selection.ts). */
  targetId: string;
  startedAt: number;
}

export interface LivePing extends PingMarker {
  /** 0 → 1 over the marker's life. */
  age: number;
  /** 0 → 1 within the current pulse (the ring's radius). */
  pulse: number;
  /** Fades out over the last third of the life. */
  alpha: number;
}

const KIND_BY_PREFIX: Record<string, Target["kind"]> = { pod: "Pod", svc: "Service", ing: "Ingress", node: "Node" };
const PREFIX_BY_KIND: Record<Target["kind"], string> = { Pod: "pod", Service: "svc", Ingress: "ing", Node: "node" };

/** The wire form of a map target: `pod/ns/name`, `svc/ns/name`, `ing/ns/name`, `node/name`. */
export function pingTargetOf(t: Target): string {
  return t.namespace ? `${PREFIX_BY_KIND[t.kind]}/${t.namespace}/${t.name}` : `${PREFIX_BY_KIND[t.kind]}/${t.name}`;
}

/** The map target id of a wire target; undefined for a kind the map does not draw. */
export function mapTargetIdOf(target: string): string | undefined {
  const slash = target.indexOf("/");
  const kind = KIND_BY_PREFIX[target.slice(0, slash)];
  return slash > 0 && kind ? targetId(kind, target.slice(slash + 1)) : undefined;
}

export class PingBoard {
  private markers: PingMarker[] = [];

  /** Add a received ping; false when its target is not something the map draws. */
  add(p: PingBroadcast, now: number): boolean {
    const id = mapTargetIdOf(p.target);
    if (!id) return false;
    this.markers = this.markers.filter((m) => m.player !== p.player && now - m.startedAt < PING_LIFETIME_MS);
    this.markers.push({ player: p.player, name: p.name, targetId: id, startedAt: now });
    if (this.markers.length > MAX_PINGS) this.markers = this.markers.slice(-MAX_PINGS);
    return true;
  }

  /** The markers to draw at `now`, oldest first; expired ones are dropped. */
  live(now: number): LivePing[] {
    this.markers = this.markers.filter((m) => now - m.startedAt < PING_LIFETIME_MS);
    return this.markers.map((m) => {
      const elapsed = Math.max(0, now - m.startedAt);
      const age = elapsed / PING_LIFETIME_MS;
      return { ...m, age, pulse: (elapsed % PING_PULSE_MS) / PING_PULSE_MS, alpha: age < 2 / 3 ? 1 : Math.max(0, (1 - age) * 3) };
    });
  }
}
