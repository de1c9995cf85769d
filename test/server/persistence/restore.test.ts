import { LocalPresence } from "@colyseus/core";
import { describe, expect, it } from "vitest";
import { MemoryJournal } from "../../../server/persistence/journal.ts";
import { RESTORE_OPTION, replayUntilTick, restoreRooms, takeRestoredRoom, type RestoreMatchMaker } from "../../../server/persistence/restore.ts";
import { aCommand, aRoom, aSession } from "../../support/journal-builders.ts";

/** A matchMaker stand-in whose rooms run the restore half of onCreate. */
function fakeMatchMaker(alive: string[] = [], presence = new LocalPresence()) {
  const created: { name: string; roomId: string; sessions: number }[] = [];
  const mm: RestoreMatchMaker = {
    presence,
    getRoomById: async (id) => (alive.includes(id) ? { roomId: id } : undefined),
    handleCreateRoom: async (name, options) => {
      const restored = takeRestoredRoom(options);
      const roomId = restored?.room.roomId ?? "NEWID1";
      created.push({ name, roomId, sessions: restored?.sessions.length ?? 0 });
      return { roomId };
    },
  };
  return { mm, created };
}

async function journalWith(...ids: string[]) {
  const j = new MemoryJournal();
  for (const [i, id] of ids.entries()) {
    await j.roomCreated(aRoom({ roomId: id, createdAtMs: i, kind: i % 2 ? "contest" : "drill" }));
    await j.sessionStarted(aSession({ roomId: id }));
  }
  return j;
}

describe("restoring unfinished rooms", () => {
  it("recreates each unfinished room under its join code, with its sessions, by kind", async () => {
    const j = await journalWith("AAAAAA", "CCCCCC");
    await j.roomCreated(aRoom({ roomId: "DDDDDD", phase: "ended" }));
    const { mm, created } = fakeMatchMaker();
    const outcomes = await restoreRooms(j, { matchMaker: mm });
    expect(outcomes).toEqual([
      { roomId: "AAAAAA", outcome: "restored" },
      { roomId: "CCCCCC", outcome: "restored" },
    ]);
    expect(created).toEqual([
      { name: "drill", roomId: "AAAAAA", sessions: 1 },
      { name: "contest", roomId: "CCCCCC", sessions: 1 },
    ]);
  });

  it("skips a room still alive on another process", async () => {
    const { mm, created } = fakeMatchMaker(["AAAAAA"]);
    expect(await restoreRooms(await journalWith("AAAAAA"), { matchMaker: mm })).toEqual([{ roomId: "AAAAAA", outcome: "skipped", detail: "alive on a running process" }]);
    expect(created).toEqual([]);
  });

  it("lets only one of two processes restoring at once claim a room", async () => {
    const presence = new LocalPresence();
    const j = await journalWith("AAAAAA");
    const [first, second] = await Promise.all([restoreRooms(j, { matchMaker: fakeMatchMaker([], presence).mm }), restoreRooms(j, { matchMaker: fakeMatchMaker([], presence).mm })]);
    expect([...first, ...second].map((o) => o.outcome).sort()).toEqual(["restored", "skipped"]);
  });

  it("reports a room whose onCreate did not take the restored id as failed", async () => {
    const mm: RestoreMatchMaker = { ...fakeMatchMaker().mm, handleCreateRoom: async () => ({ roomId: "OTHER1" }) };
    const [o] = await restoreRooms(await journalWith("AAAAAA"), { matchMaker: mm });
    expect(o).toMatchObject({ roomId: "AAAAAA", outcome: "failed", detail: expect.stringMatching(/came back as OTHER1/) });
  });

  it("gives nothing to a client that forges the restore option", () => {
    expect(takeRestoredRoom({ [RESTORE_OPTION]: "00000000-0000-0000-0000-000000000000" })).toBeUndefined();
    expect(takeRestoredRoom({ [RESTORE_OPTION]: { room: aRoom() } })).toBeUndefined();
    expect(takeRestoredRoom(undefined)).toBeUndefined();
  });

  it.each([
    ["the recorded tick when it is past the last command", 50, [3, 9], 50],
    ["the last command's tick when progress was recorded before it", 5, [3, 9], 9],
    ["the recorded tick with an empty log", 12, [], 12],
  ])("replays to %s", (_what, tick, commandTicks, want) => {
    expect(replayUntilTick({ ...aSession({ tick }), log: commandTicks.map((t) => aCommand({ tick: t })) })).toBe(want);
  });
});
