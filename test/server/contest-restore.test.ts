/**
 * A contest survives a restart: a fresh server restores it from the journal under its code,
 * each student's seat rebuilt by replay (same hash), the leaderboard as it was, the teacher's
 * host token still in control, and students back in their seats by name or saved seat token.
 */
import { afterAll, describe, expect, it } from "vitest";
import { MemoryJournal } from "../../server/persistence/journal.ts";
import { restoreRooms } from "../../server/persistence/restore.ts";
import { bootTestServer, kubectl, nextMessage, waitForState, type TestServer } from "../support/server-builders.ts";

type SeatInfo = { roomId: string; seatToken: string; seat: string };

const servers: TestServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.colyseus.shutdown().catch(() => {});
});

async function until(pred: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function joinStudent(srv: TestServer, code: string, name: string) {
  const lobby = await srv.colyseus.sdk.joinById(code, { name });
  const info = await nextMessage<SeatInfo>(lobby, "contest:seat");
  const seat = await srv.colyseus.sdk.joinById(info.roomId, { seatToken: info.seatToken, name });
  return { lobby, seat, info };
}

describe("a contest after a restart", () => {
  it("comes back under its code with the same seats, hashes and leaderboard, and obeys the teacher's token", async () => {
    const journal = new MemoryJournal();
    const first = await bootTestServer(25731, { journal });
    servers.push(first);
    const teacher = await first.colyseus.sdk.create("contest", { name: "Teacher", levels: ["tiny-selector"], timeLimitMinutes: 30, autoStart: true });
    const { token } = await nextMessage<{ token: string }>(teacher, "host");
    const code = teacher.roomId;
    const ada = await joinStudent(first, code, "ada");
    const bo = await joinStudent(first, code, "bo");
    expect((await kubectl(ada.seat, "kubectl get pods")).exitCode).toBe(0);
    bo.seat.send("hint:request", {});
    await nextMessage(bo.seat, "hint");
    expect((await kubectl(bo.seat, "kubectl get svc web -o yaml")).exitCode).toBe(0);
    await waitForState(bo.seat, (s: any) => s.simTimeMs > 1_500);
    teacher.send("control", { token, action: "pause" });
    await waitForState(ada.seat, (s: any) => s.phase === "paused");
    await waitForState(bo.seat, (s: any) => s.phase === "paused");

    const seatRoom = (info: SeatInfo) => first.colyseus.getRoomById(info.roomId) as any;
    const hashes = [ada, bo].map((s) => seatRoom(s.info).runner.session.hash());
    const contest = first.colyseus.getRoomById(code) as any;
    await until(() => contest.progress.size === 2 && [ada, bo].every((s) => contest.progress.get(s.info.seat).timeMs === seatRoom(s.info).runner.simTimeMs));
    const board = contest.ranked();
    expect(board.map((e: any) => e.timeMs > 0)).toEqual([true, true]);
    await Promise.all([teacher, ada.lobby, ada.seat, bo.lobby, bo.seat].map((r) => r.leave()));
    await first.colyseus.shutdown();
    servers.splice(servers.indexOf(first), 1);

    const second = await bootTestServer(25732, { journal });
    servers.push(second);
    expect(await restoreRooms(journal)).toContainEqual({ roomId: code, outcome: "restored" });
    const restored = second.colyseus.getRoomById(code) as any;
    expect(restored.state.phase).toBe("paused");
    expect([ada, bo].map((s) => (second.colyseus.getRoomById(s.info.roomId) as any).runner.session.hash())).toEqual(hashes);
    await until(() => JSON.stringify(restored.ranked()) === JSON.stringify(board));

    // The teacher comes back with the host token, resumes the contest, and may export results.
    const back = await second.colyseus.sdk.joinById(code, { name: "Teacher", hostToken: token });
    expect(await nextMessage(back, "welcome")).toMatchObject({ host: true });
    // ada rejoins by name and gets her own seat; bo uses the seat token he saved.
    const adaLobby = await second.colyseus.sdk.joinById(code, { name: "ada" });
    const adaInfo = await nextMessage<SeatInfo>(adaLobby, "contest:seat");
    expect(adaInfo).toMatchObject({ roomId: ada.info.roomId, seat: ada.info.seat });
    expect(adaInfo.seatToken).not.toBe(ada.info.seatToken);
    const adaSeat = await second.colyseus.sdk.joinById(adaInfo.roomId, { seatToken: adaInfo.seatToken, name: "ada" });
    const boSeat = await second.colyseus.sdk.joinById(bo.info.roomId, { seatToken: bo.info.seatToken, name: "bo" });
    await expect(second.colyseus.sdk.joinById(bo.info.roomId, { seatToken: ada.info.seatToken, name: "ada" })).rejects.toThrow(/another student/);
    back.send("control", { token, action: "resume" });
    await waitForState(boSeat, (s: any) => s.phase === "running");
    expect((await kubectl(adaSeat, "kubectl get pods")).exitCode).toBe(0);
    const json = await second.colyseus.http.get(`/api/contests/${code}/results.json`, { headers: { authorization: `Bearer ${token}` } });
    expect(json.statusCode).toBe(200);
    await expect(second.colyseus.http.get(`/api/contests/${code}/results.json?token=wrong`)).rejects.toMatchObject({ statusCode: 403 });

    // A newcomer gets a new seat, numbered after the restored ones.
    const cy = await joinStudent(second, code, "cy");
    expect(cy.info.seat).toBe("s3");
    await Promise.all([back, adaLobby, adaSeat, boSeat, cy.lobby, cy.seat].map((r) => r.leave()));
  }, 30_000);
});
