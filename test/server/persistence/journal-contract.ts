/**
 * The RoomJournal contract, run against every implementation (MemoryJournal, SQLite,
 * PostgreSQL). `open` returns a fresh, empty journal; `reopen`, when given, closes it and opens
 * the same storage again (durable journals must keep everything).
 */
import { afterEach, describe, expect, it } from "vitest";
import type { RoomJournal } from "../../../server/persistence/journal.ts";
import { aCommand, aResult, aRoom, aScore, aSession } from "../../support/journal-builders.ts";

export interface JournalFixture {
  journal: RoomJournal;
  /** Close this journal and open its storage again (durable journals only). */
  reopen?: () => Promise<RoomJournal>;
  cleanup?: () => Promise<void>;
}

export function describeJournalContract(name: string, open: () => Promise<JournalFixture>, { durable = true } = {}): void {
  describe(`RoomJournal contract: ${name}`, () => {
    let fixture: JournalFixture | undefined;
    afterEach(async () => {
      await fixture?.journal.close();
      await fixture?.cleanup?.();
      fixture = undefined;
    });
    const start = async () => (fixture = await open()).journal;

    it("returns a running room with its session and the command log in application order", async () => {
      const j = await start();
      await j.roomCreated(aRoom());
      await j.sessionStarted(aSession());
      const log = [
        aCommand({ tick: 3, line: "kubectl get pods" }),
        aCommand({ tick: 3, player: "p2", line: "kubectl describe pod web-0", exitCode: 1 }),
        aCommand({ tick: 9, line: "kubectl apply -f -", stdin: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n" }),
        aCommand({ tick: 12, line: "hint 1", type: "hint" }),
        aCommand({ tick: 15, player: "p2", line: "kubectl delete ns default", exitCode: 1, refused: true }),
      ];
      for (const e of log) await j.commandApplied("K7QP2M", "main", e);
      await j.sessionTicked("K7QP2M", "main", 40);
      expect(await j.unfinishedRooms()).toEqual([{ room: aRoom(), sessions: [{ ...aSession(), tick: 40, log }] }]);
    });

    it("keeps the commands of interleaved sessions apart, each in its own order", async () => {
      const j = await start();
      await j.roomCreated(aRoom({ kind: "contest", config: { levels: ["a", "b"], timeLimitMs: 900_000, teams: false } }));
      await j.sessionStarted(aSession({ sessionId: "bob" }));
      await j.sessionStarted(aSession({ sessionId: "amy" }));
      for (let i = 0; i < 6; i++) await j.commandApplied("K7QP2M", i % 2 ? "amy" : "bob", aCommand({ tick: i, line: `kubectl get pods # ${i}` }));
      const [restored] = await j.unfinishedRooms();
      expect(restored.room.config).toEqual({ levels: ["a", "b"], timeLimitMs: 900_000, teams: false });
      expect(restored.sessions.map((s) => [s.sessionId, s.log.map((e) => e.tick)])).toEqual([
        ["amy", [1, 3, 5]],
        ["bob", [0, 2, 4]],
      ]);
    });

    it("keeps the latest tick reported for a session", async () => {
      const j = await start();
      await j.roomCreated(aRoom());
      await j.sessionStarted(aSession());
      for (const t of [10, 20, 30]) await j.sessionTicked("K7QP2M", "main", t);
      expect((await j.unfinishedRooms())[0].sessions[0].tick).toBe(30);
    });

    it("restarting a session empties its log", async () => {
      const j = await start();
      await j.roomCreated(aRoom());
      await j.sessionStarted(aSession());
      await j.commandApplied("K7QP2M", "main", aCommand());
      await j.sessionStarted(aSession({ levelId: "next-level", seed: 7 }));
      const s = (await j.unfinishedRooms())[0].sessions[0];
      expect(s).toMatchObject({ levelId: "next-level", seed: 7, log: [] });
    });

    it("records phase changes and forgets ended rooms", async () => {
      const j = await start();
      await j.roomCreated(aRoom({ roomId: "AAAAAA", createdAtMs: 1 }));
      await j.roomCreated(aRoom({ roomId: "BBBBBB", createdAtMs: 2 }));
      await j.roomPhase("AAAAAA", "paused");
      await j.roomEnded("BBBBBB");
      expect((await j.unfinishedRooms()).map((r) => [r.room.roomId, r.room.phase])).toEqual([["AAAAAA", "paused"]]);
    });

    it("ignores a phase change of an unknown room", async () => {
      const j = await start();
      await j.roomPhase("NOROOM", "paused");
      expect(await j.unfinishedRooms()).toEqual([]);
    });

    it("replaces a room recorded twice under one id", async () => {
      const j = await start();
      await j.roomCreated(aRoom({ phase: "lobby" }));
      await j.roomCreated(aRoom({ phase: "running", config: { seed: 99 } }));
      expect((await j.unfinishedRooms()).map((r) => r.room)).toEqual([aRoom({ phase: "running", config: { seed: 99 } })]);
    });

    it("looks up one room's record, ended or not, and nothing for an unknown id", async () => {
      const j = await start();
      await j.roomCreated(aRoom({ kind: "contest", config: { seats: [{ seat: "s1" }] } }));
      await j.roomEnded(aRoom().roomId);
      expect(await j.room(aRoom().roomId)).toEqual(aRoom({ kind: "contest", config: { seats: [{ seat: "s1" }] }, phase: "ended" }));
      expect(await j.room("NOROOM")).toBeUndefined();
    });

    it("lists rooms by creation time, then id", async () => {
      const j = await start();
      await j.roomCreated(aRoom({ roomId: "ZZZZZZ", createdAtMs: 5 }));
      await j.roomCreated(aRoom({ roomId: "BBBBBB", createdAtMs: 9 }));
      await j.roomCreated(aRoom({ roomId: "AAAAAA", createdAtMs: 9 }));
      expect((await j.unfinishedRooms()).map((r) => r.room.roomId)).toEqual(["ZZZZZZ", "AAAAAA", "BBBBBB"]);
    });

    it("returns a room's results in the order recorded; recording a player's result again replaces it", async () => {
      const j = await start();
      await j.resultRecorded(aResult({ playerName: "ada", score: aScore(500) }));
      await j.resultRecorded(aResult({ playerName: "bob", solved: false, score: aScore(0) }));
      await j.resultRecorded(aResult({ roomId: "OTHER1", playerName: "cy" }));
      await j.resultRecorded(aResult({ playerName: "ada", score: aScore(700) }));
      expect(await j.results("K7QP2M")).toEqual([aResult({ playerName: "ada", score: aScore(700) }), aResult({ playerName: "bob", solved: false, score: aScore(0) })]);
    });

    it("ranks the hall of fame: solved results of the level, best total, then fastest, then earliest", async () => {
      const j = await start();
      const r = (n: string, total: number, durationMs: number, finishedAtMs: number, over = {}) =>
        aResult({ roomId: "solo", sessionId: n, playerName: n, score: aScore(total), durationMs, finishedAtMs, ...over });
      await j.resultRecorded(r("slow", 900, 300_000, 1));
      await j.resultRecorded(r("late", 900, 100_000, 9));
      await j.resultRecorded(r("best", 950, 400_000, 5));
      await j.resultRecorded(r("fast", 900, 100_000, 2));
      await j.resultRecorded(r("unsolved", 999, 1, 1, { solved: false }));
      await j.resultRecorded(r("elsewhere", 999, 1, 1, { levelId: "other-level" }));
      expect((await j.hallOfFame("probes-readiness-wrong-path", 10)).map((x) => x.playerName)).toEqual(["best", "fast", "late", "slow"]);
      expect((await j.hallOfFame("probes-readiness-wrong-path", 2)).map((x) => x.playerName)).toEqual(["best", "fast"]);
      expect(await j.hallOfFame("no-such-level", 10)).toEqual([]);
    });

    if (!durable) return;
    it("keeps everything across close and reopen", async () => {
      const j = await start();
      if (!fixture?.reopen) throw new Error("a durable journal's fixture must provide reopen()");
      await j.roomCreated(aRoom());
      await j.sessionStarted(aSession());
      await j.commandApplied("K7QP2M", "main", aCommand({ stdin: "a: 1\n" }));
      await j.sessionTicked("K7QP2M", "main", 77);
      await j.resultRecorded(aResult());
      const before = await j.unfinishedRooms();
      const again = await fixture.reopen();
      fixture.journal = again;
      expect(await again.unfinishedRooms()).toEqual(before);
      expect(await again.results("K7QP2M")).toEqual([aResult()]);
    });
  });
}
