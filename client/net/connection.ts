/**
 * The connection to the game server (same origin as the page) and what a tab remembers to get
 * its seat back after a reload: the room's reconnection token, and the host or seat token as
 * a fallback once the reconnection window has passed. Kept in sessionStorage: per tab.
 */
import { Client, type Room } from "colyseus.js";

export type SavedKind = "drill" | "contest-host" | "contest-student";

export interface SavedSeat {
  kind: SavedKind;
  roomId: string;
  reconnectionToken: string;
  name?: string;
  /** Facilitator / teacher token: rejoin as host. */
  hostToken?: string;
  /** Students: their seat room. */
  seat?: { roomId: string; seatToken: string; reconnectionToken?: string };
}

const KEY = "crashloop.seat.v1";

export function serverEndpoint(loc: Pick<Location, "protocol" | "host"> = location): string {
  return `${loc.protocol === "https:" ? "wss" : "ws"}://${loc.host}`;
}

let client: Client | undefined;
export function gameClient(): Client {
  // `vite` dev server: the game server runs beside it on its own port (rooms' WebSocket paths are dynamic, not proxied).
  // MODE, not DEV: DEV follows NODE_ENV, and a `vite build` started from a test runner (NODE_ENV=test) must still
  // produce the production client that talks to its own origin.
  client ??= new Client(import.meta.env.MODE === "development" ? `ws://${location.hostname}:${import.meta.env.VITE_GAME_PORT ?? 2567}` : serverEndpoint());
  return client;
}

export function saveSeat(s: SavedSeat): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(s));
  } catch {
    // Reconnection after a reload is a nicety.
  }
}

export function loadSeat(): SavedSeat | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    const s = raw ? (JSON.parse(raw) as SavedSeat) : undefined;
    return s && typeof s.roomId === "string" && typeof s.reconnectionToken === "string" ? s : undefined;
  } catch {
    return undefined;
  }
}

export function forgetSeat(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing to forget.
  }
}

/**
 * Register what every room may send before the screen exists (welcome comes right after the
 * join), so nothing arrives unhandled. The welcome (our seat) is kept on the room.
 */
const EARLY = ["welcome", "host", "contest:seat"];
const early = new WeakMap<Room, Map<string, unknown>>();

export function prepareRoom(room: Room): Room {
  const seen = new Map<string, unknown>();
  early.set(room, seen);
  for (const type of EARLY) room.onMessage(type, (m: unknown) => seen.set(type, m));
  room.onMessage("chat", () => undefined);
  room.onMessage("error", () => undefined);
  room.onMessage("hint", () => undefined);
  return room;
}

/** The server's refusal in words a player understands. */
export function connectError(e: unknown): string {
  const msg = e instanceof Error ? e.message : typeof e === "object" && e && "message" in e ? String((e as { message: unknown }).message) : String(e);
  if (/not found|no rooms found|404/i.test(msg)) return "No game with this code. Check the code on the host's screen.";
  if (/ECONNREFUSED|Failed to fetch|NetworkError|connect/i.test(msg)) return "Cannot reach the game server. Multiplayer needs `npm start` (solo works offline).";
  return msg || "The server refused to join.";
}

/** The first message of `type` (already received right after joining, or the next one; rejects after `ms`). */
export function nextMessage<T>(room: Room, type: string, ms = 10_000): Promise<T> {
  const got = early.get(room)?.get(type);
  if (got !== undefined) return Promise.resolve(got as T);
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no "${type}" message from the server`)), ms);
    const off = room.onMessage(type, (m: T) => {
      clearTimeout(t);
      off();
      resolve(m);
    });
  });
}
