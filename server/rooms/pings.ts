/**
 * Drill pings: a player points at a map object and everyone sees a short-lived marker with
 * their name. Validated by the guard (pingMessageSchema), limited per client to
 * LIMITS.pingsPerSecond (a token bucket, so a double-tap passes and a flood does not).
 * The server only relays: a ping changes nothing in the cluster.
 */
import type { Client } from "@colyseus/core";
import { pingMessageSchema, type PingBroadcast } from "../../shared/protocol/messages.ts";
import { C2S, LIMITS, S2C } from "../../shared/protocol/names.ts";
import { TokenBucket } from "../security/rate-limit.ts";
import type { MessageGuard } from "./guard.ts";
import type { Seats } from "./seats.ts";

export interface PingRoom {
  broadcast(type: string, message: PingBroadcast): void;
}

export class PingRelay {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly room: PingRoom,
    private readonly seats: () => Seats,
    private readonly simTimeMs: () => number,
    private readonly now: () => number,
  ) {}

  /** Register the `ping` message on the room's guard. */
  listen(guard: MessageGuard): void {
    guard.on(C2S.ping, pingMessageSchema, (client, m) => this.onPing(guard, client, m.target));
  }

  private onPing(guard: MessageGuard, client: Client, target: string): void {
    const seat = this.seats().get(client.sessionId);
    if (!seat) return guard.refuse(client, "forbidden", "you have no seat in this room", C2S.ping);
    const bucket = this.bucketFor(seat.seat);
    if (!bucket.take()) return guard.refuse(client, "rate-limited", `slow down: at most ${LIMITS.pingsPerSecond} pings per second`, C2S.ping);
    this.room.broadcast(S2C.ping, { player: seat.seat, name: seat.name, target, atMs: this.simTimeMs() });
  }

  /** Keyed by seat, so a reconnection does not refill the bucket. */
  private bucketFor(seat: string): TokenBucket {
    let b = this.buckets.get(seat);
    if (!b) this.buckets.set(seat, (b = new TokenBucket(LIMITS.pingsPerSecond, LIMITS.pingsPerSecond, this.now)));
    return b;
  }
}
