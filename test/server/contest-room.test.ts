/**
 * The `contest` room: a teacher, five students on clusters of their own, a live leaderboard,
 * the podium and the results export.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Room } from "colyseus.js";
import { bootTestServer, FIX_LINE, kubectl, nextMessage, waitForState, type TestServer } from "../support/server-builders.ts";

let srv: TestServer;
beforeAll(async () => {
  srv = await bootTestServer(25712);
});
afterAll(async () => {
  await srv.colyseus.shutdown();
});

interface Student {
  name: string;
  lobby: Room;
  seat: Room;
  seatInfo: { roomId: string; seatToken: string; seat: string };
}

async function createContest(opts: Record<string, unknown> = {}) {
  const teacher = await srv.colyseus.sdk.create("contest", { name: "Teacher", levels: ["tiny-selector"], timeLimitMinutes: 30, ...opts });
  const { token } = await nextMessage<{ token: string }>(teacher, "host");
  return { teacher, token, code: teacher.roomId };
}

async function joinStudent(code: string, name: string, extra: Record<string, unknown> = {}): Promise<Student> {
  const lobby = await srv.colyseus.sdk.joinById(code, { name, ...extra });
  const seatInfo = await nextMessage<Student["seatInfo"]>(lobby, "contest:seat");
  const seat = await srv.colyseus.sdk.joinById(seatInfo.roomId, { seatToken: seatInfo.seatToken, name });
  return { name, lobby, seat, seatInfo };
}

describe("contest room", () => {
  it("ranks five students by score: hints cost, unsolved scores nothing, the podium is the top three", async () => {
    const { teacher, token, code } = await createContest({ autoStart: true });
    const students = [];
    for (const name of ["ada", "bo", "cy", "di", "ev"]) students.push(await joinStudent(code, name));
    const [ada, bo, cy, di] = students;

    // ada fixes at once; bo after one hint; cy after two; di and ev never fix.
    bo.seat.send("hint:request", {});
    await nextMessage(bo.seat, "hint");
    for (let i = 0; i < 2; i++) {
      cy.seat.send("hint:request", {});
      await nextMessage(cy.seat, "hint");
    }
    await kubectl(di.seat, "kubectl get pods");
    for (const s of [ada, bo, cy]) expect((await kubectl(s.seat, FIX_LINE)).exitCode).toBe(0);
    for (const s of [ada, bo, cy]) await waitForState(s.seat, (st: any) => st.phase === "ended", 10_000);

    const podium = nextMessage<{ standings: any[]; podium: any[] }>(teacher, "podium", () => true, 10_000);
    teacher.send("control", { token, action: "end" });
    const { standings, podium: top } = await podium;
    expect(top.map((e) => e.name)).toEqual(["ada", "bo", "cy"]);
    expect(standings.map((e) => e.rank).slice(0, 3)).toEqual([1, 2, 3]);
    expect(standings[0].score - standings[1].score).toBe(20);
    expect(standings[1].score - standings[2].score).toBe(40);
    expect(standings.slice(3).map((e) => e.score)).toEqual([0, 0]);
    expect(standings.slice(3).map((e) => e.name).sort()).toEqual(["di", "ev"]);

    const board = await waitForState(ada.lobby, (s: any) => s.phase === "ended" && s.leaderboard.length === 5 && s.leaderboard[0].name === "ada");
    expect(board.leaderboard[0]).toMatchObject({ rank: 1, solved: 1, levelId: "tiny-selector" });

    const json = await srv.colyseus.http.get(`/api/contests/${code}/results.json`, { headers: { authorization: `Bearer ${token}` } });
    expect((json.data as any).standings.map((e: any) => e.name).slice(0, 3)).toEqual(["ada", "bo", "cy"]);
    const csv = await srv.colyseus.http.get(`/api/contests/${code}/results.csv?token=${encodeURIComponent(token)}`);
    expect(String(csv.data).split("\r\n")[0]).toBe("rank,name,level,levelId,solved,score,timeSeconds");
    expect(String(csv.data)).toMatch(/^1,ada,1,tiny-selector,1,\d+,\d+\r$/m);
    await expect(srv.colyseus.http.get(`/api/contests/${code}/results.json`)).rejects.toMatchObject({ statusCode: 403 });

    await Promise.all([teacher.leave(), ...students.flatMap((s) => [s.lobby.leave(), s.seat.leave()])]);
  });

  it("keeps each student's cluster private: a seat refuses another student's token", async () => {
    const { teacher, code } = await createContest({ autoStart: true });
    const a = await joinStudent(code, "amy");
    const b = await joinStudent(code, "ben");
    expect(a.seatInfo.roomId).not.toBe(b.seatInfo.roomId);
    await expect(srv.colyseus.sdk.joinById(a.seatInfo.roomId, { seatToken: b.seatInfo.seatToken })).rejects.toThrow(/another student/);
    await kubectl(a.seat, "kubectl delete deployment web");
    const bState = await waitForState(b.seat, (s: any) => s.cluster.pods.size > 0);
    expect([...bState.cluster.pods.values()].length).toBe(1);
    await Promise.all([teacher.leave(), a.lobby.leave(), a.seat.leave(), b.lobby.leave(), b.seat.leave()]);
  });

  it("puts team mates on the same cluster", async () => {
    const { teacher, code } = await createContest({ mode: "teams" });
    const a = await joinStudent(code, "ann", { team: "red" });
    const b = await joinStudent(code, "bob", { team: "red" });
    const c = await joinStudent(code, "cat", { team: "blue" });
    expect(b.seatInfo.roomId).toBe(a.seatInfo.roomId);
    expect(c.seatInfo.roomId).not.toBe(a.seatInfo.roomId);
    await expect(srv.colyseus.sdk.joinById(code, { name: "loner" })).rejects.toThrow(/team name/);
    await Promise.all([teacher.leave(), ...[a, b, c].flatMap((s) => [s.lobby.leave(), s.seat.leave()])]);
  });

  it("waits in the lobby until the teacher starts, and refuses the start to students", async () => {
    const { teacher, token, code } = await createContest();
    const s = await joinStudent(code, "lee");
    expect((await kubectl(s.seat, "kubectl get pods")).stderr).toMatch(/not started/);
    const refused = nextMessage(s.lobby, "error");
    s.lobby.send("control", { token: "nope", action: "start" });
    expect(await refused).toMatchObject({ code: "forbidden" });
    teacher.send("control", { token, action: "start" });
    await waitForState(s.seat, (st: any) => st.phase === "running");
    expect((await kubectl(s.seat, "kubectl get pods")).exitCode).toBe(0);
    await Promise.all([teacher.leave(), s.lobby.leave(), s.seat.leave()]);
  });
});

describe("contest clock", () => {
  let clockSrv: TestServer;
  let nowMs = 1_000_000;
  beforeAll(async () => {
    clockSrv = await bootTestServer(25715, { now: () => nowMs });
  });
  afterAll(async () => {
    await clockSrv.colyseus.shutdown();
  });

  it("freezes the public leaderboard for the last minutes, keeps the teacher's live, and ends at the time limit", async () => {
    const teacher = await clockSrv.colyseus.sdk.create("contest", { name: "T", levels: ["tiny-selector"], timeLimitMinutes: 2, freezeLastMinutes: 1, autoStart: true });
    await nextMessage(teacher, "host");
    const lobby = await clockSrv.colyseus.sdk.joinById(teacher.roomId, { name: "fay" });
    const { roomId, seatToken } = await nextMessage(lobby, "contest:seat");
    const seat = await clockSrv.colyseus.sdk.joinById(roomId, { seatToken });
    await waitForState(lobby, (s: any) => s.leaderboard.length === 1 && !s.frozen);

    nowMs += 61_000;
    await waitForState(lobby, (s: any) => s.frozen === true);
    await kubectl(seat, FIX_LINE);
    const live = await nextMessage<any[]>(teacher, "leaderboard:live", (b) => b[0]?.solved === 1, 10_000);
    expect(live[0]).toMatchObject({ name: "fay", rank: 1 });
    expect(lobby.state.leaderboard[0].solved).toBe(0);

    const podium = nextMessage<{ podium: any[] }>(lobby, "podium", () => true, 10_000);
    nowMs += 60_000;
    expect((await podium).podium[0]).toMatchObject({ name: "fay", solved: 1 });
    const final = await waitForState(lobby, (s: any) => s.phase === "ended" && s.leaderboard[0].solved === 1);
    expect(final.frozen).toBe(false);
    expect(final.remainingMs).toBe(0);
    await Promise.all([teacher.leave(), lobby.leave(), seat.leave()]);
  });
});
