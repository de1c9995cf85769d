/** Helpers for tests that talk to a running server through colyseus.js, as the game client does. */
import type { Room } from "colyseus.js";

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Send `type` and resolve with the first `replyType` message that `accept` takes (10 s timeout). */
export function ask<T>(room: Room, type: string, payload: unknown, replyType: string, accept: (m: T) => boolean = () => true, timeoutMs = 10_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => {
      done = true;
      reject(new Error(`no "${replyType}" reply to "${type}" within ${timeoutMs} ms`));
    }, timeoutMs);
    room.onMessage(replyType, (m: T) => {
      if (done || !accept(m)) return;
      done = true;
      clearTimeout(timer);
      resolve(m);
    });
    room.send(type, payload);
  });
}

let nextId = 0;

/** Run one kubectl line in the room and wait for its `kubectl:result`. */
export interface KubectlReply {
  id: string;
  stdout: string;
  stderr: string;
  exitCode: number;
}

export function kubectl(room: Room, line: string, stdin?: string): Promise<KubectlReply> {
  const id = `t${++nextId}`;
  return ask<KubectlReply>(room, "kubectl", stdin === undefined ? { id, line } : { id, line, stdin }, "kubectl:result", (m) => m.id === id);
}
