/**
 * Claiming a join code for a room: random codes until one is free, claimed atomically through
 * presence (a Redis hash when scaled out, so two processes never hand out the same code).
 */
import type { Presence } from "@colyseus/core";
import { newJoinCode } from "../security/tokens.ts";

const CODES_KEY = "crashloop:join-codes";

export async function claimJoinCode(presence: Presence): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const code = newJoinCode();
    if ((await presence.hincrby(CODES_KEY, code, 1)) === 1) return code;
  }
  throw new Error("no free join code after 50 attempts");
}

export async function releaseJoinCode(presence: Presence, code: string): Promise<void> {
  await presence.hdel(CODES_KEY, code);
}

/** A restored room takes its old code back. */
export async function reserveJoinCode(presence: Presence, code: string): Promise<void> {
  await presence.hincrby(CODES_KEY, code, 1);
}
