/**
 * The door every client message passes: a size limit, zod validation, an `error` reply and a
 * counter for anything refused (unknown type, malformed, too large), and a try/catch so one bad
 * message can never take the room (or the process) down.
 */
import type { Client, Room } from "@colyseus/core";
import type { z } from "zod";
import type { ErrorMessage } from "../../shared/protocol/messages.ts";
import { LIMITS, S2C, type ErrorCode } from "../../shared/protocol/names.ts";
import type { Logger, RoomKind, ServerMetrics } from "../deps.ts";

export function jsonSize(message: unknown): number {
  try {
    return JSON.stringify(message ?? null)?.length ?? 0;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** zod's first issues in one line: `line: Too big: expected string to have <=2000 characters`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join(".") + ": " : ""}${i.message}`)
    .join("; ");
}

export class MessageGuard {
  constructor(
    private readonly room: Room,
    private readonly kind: RoomKind,
    private readonly metrics: ServerMetrics,
    private readonly log: Logger,
  ) {
    room.onMessage("*", (client, type) => this.refuse(client, "unknown-message", `unknown message type ${JSON.stringify(String(type)).slice(0, 80)}`, String(type).slice(0, 40)));
  }

  refuse(client: Client, code: ErrorCode, message: string, type?: string, id?: string): void {
    this.metrics.messageRefused(this.kind, code);
    const reply: ErrorMessage = { code, message, ...(type ? { type } : {}), ...(id ? { id } : {}) };
    client.send(S2C.error, reply);
  }

  /**
   * Register `type`: the handler receives the parsed message. `onInvalid` lets a type answer in
   * its own form (a malformed kubectl message still gets its one `kubectl:result` when it has an id).
   */
  on<S extends z.ZodType>(type: string, schema: S, handler: (client: Client, msg: z.infer<S>) => void, onInvalid?: (client: Client, raw: unknown, code: ErrorCode, why: string) => boolean): void {
    this.room.onMessage(type, (client: Client, raw: unknown) => {
      try {
        if (jsonSize(raw) > LIMITS.messageBytes) {
          const why = `message over ${LIMITS.messageBytes} bytes`;
          if (!onInvalid?.(client, raw, "too-large", why)) this.refuse(client, "too-large", why, type);
          return;
        }
        const parsed = schema.safeParse(raw);
        if (!parsed.success) {
          const why = `malformed ${type}: ${describeIssues(parsed.error)}`;
          if (!onInvalid?.(client, raw, "malformed", why)) this.refuse(client, "malformed", why, type);
          return;
        }
        handler(client, parsed.data);
      } catch (e) {
        this.log.error({ err: e, type, room: this.room.roomId }, "message handler failed");
        this.refuse(client, "invalid-state", "the server could not handle this message", type);
      }
    });
  }
}
