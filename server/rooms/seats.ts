/**
 * Who is in a room: one seat per client (kept across a reconnection), with a display name that
 * is sanitized and unique in the room, a role, and that client's rate-limit buckets. Mirrors
 * itself into the `players` map of room state.
 */
import type { MapSchema } from "@colyseus/schema";
import { LIMITS, type Role } from "../../shared/protocol/names.ts";
import { sanitizeName } from "../../shared/protocol/sanitize.ts";
import { TokenBucket } from "../security/rate-limit.ts";
import { PlayerState } from "./schema/session-state.ts";

export interface Seat {
  seat: string;
  sessionId: string;
  name: string;
  role: Role;
  host: boolean;
  team: string;
  commands: TokenBucket;
  chat: TokenBucket;
}

export class Seats {
  private readonly bySession = new Map<string, Seat>();
  private next = 1;

  constructor(
    private readonly players: MapSchema<PlayerState>,
    private readonly now: () => number,
  ) {}

  /** Seat a client. The name is cleaned, and made unique with " (2)", " (3)"... */
  add(sessionId: string, rawName: unknown, role: Role, host: boolean, team = ""): Seat {
    const seatId = `p${this.next++}`;
    const name = this.uniqueName(sanitizeName(rawName, host ? "facilitator" : `player ${seatId.slice(1)}`));
    const seat: Seat = {
      seat: seatId,
      sessionId,
      name,
      role,
      host,
      team,
      commands: new TokenBucket(LIMITS.commandsPerSecond, LIMITS.commandsPerSecond, this.now),
      chat: new TokenBucket(5, 1, this.now),
    };
    this.bySession.set(sessionId, seat);
    const p = new PlayerState();
    Object.assign(p, { seat: seatId, name, role, connected: true, host, team });
    this.players.set(seatId, p);
    return seat;
  }

  get(sessionId: string): Seat | undefined {
    return this.bySession.get(sessionId);
  }

  bySeat(seatId: string): Seat | undefined {
    for (const s of this.bySession.values()) if (s.seat === seatId) return s;
    return undefined;
  }

  all(): Seat[] {
    return [...this.bySession.values()];
  }

  setConnected(sessionId: string, connected: boolean): void {
    const s = this.bySession.get(sessionId);
    const p = s && this.players.get(s.seat);
    if (p && p.connected !== connected) p.connected = connected;
  }

  setRole(seat: Seat, role: Role): void {
    seat.role = role;
    const p = this.players.get(seat.seat);
    if (p) p.role = role;
  }

  remove(sessionId: string): void {
    const s = this.bySession.get(sessionId);
    if (!s) return;
    this.bySession.delete(sessionId);
    this.players.delete(s.seat);
  }

  private uniqueName(name: string): string {
    const taken = new Set([...this.bySession.values()].map((s) => s.name));
    if (!taken.has(name)) return name;
    for (let i = 2; ; i++) {
      const suffix = ` (${i})`;
      const candidate = [...name].slice(0, LIMITS.nameLength - suffix.length).join("") + suffix;
      if (!taken.has(candidate)) return candidate;
    }
  }
}
