/**
 * Multiplayer flows: join by code (a drill, or a contest that sends the student to their seat),
 * host a drill (facilitator), host a contest (teacher), and getting the same seat back after a
 * reload (reconnection token first, then the host/seat token).
 */
import type { Room } from "colyseus.js";
import type { App } from "../app.ts";
import type { Catalogue, CatalogueEntry } from "../game/catalogue.ts";
import { ROOM, S2C } from "../../shared/protocol/names.ts";
import type { DebriefMessage } from "../../shared/protocol/messages.ts";
import { GameScreen } from "../ui/game-screen.ts";
import { button, el } from "../ui/dom.ts";
import { connectError, forgetSeat, gameClient, loadSeat, nextMessage, prepareRoom, saveSeat, type SavedSeat } from "./connection.ts";
import { renderContestHost } from "./contest-host.ts";
import { hostContestForm, hostDrillForm, joinForm, type FormHandle } from "./forms.ts";
import { facilitatorControls, PlayersPanel } from "./panels.ts";
import { RoomBackend } from "./room-backend.ts";

export class MultiplayerScreens {
  constructor(private readonly app: App, private readonly catalogue: Catalogue) {}

  private find = (id: string): CatalogueEntry | undefined => this.catalogue.entries.find((e) => e.id === id);

  private async attempt(f: FormHandle, fn: () => Promise<void>): Promise<void> {
    f.busy(true);
    f.error("");
    try {
      await fn();
    } catch (e) {
      f.error(connectError(e));
      f.busy(false);
    }
  }

  join(): void {
    const f = joinForm((code, name, team) => void this.attempt(f, async () => {
      const room = prepareRoom(await gameClient().joinById(code, { name, ...(team ? { team } : {}) }));
      if (room.name === ROOM.contest) return this.contestStudent(room, name);
      saveSeat({ kind: "drill", roomId: room.roomId, reconnectionToken: room.reconnectionToken, name });
      this.drill(room);
    }), () => this.app.menu());
    this.app.mount(f, "join");
  }

  hostDrill(): void {
    const f = hostDrillForm(this.catalogue, (o) => void this.attempt(f, async () => {
      const room = prepareRoom(await gameClient().create(ROOM.drill, { name: o.name, levelId: o.levelId, speed: o.speed }));
      const host = await nextMessage<{ token: string; code: string }>(room, S2C.host);
      saveSeat({ kind: "drill", roomId: room.roomId, reconnectionToken: room.reconnectionToken, hostToken: host.token, name: o.name });
      this.drill(room, host.token);
    }), () => this.app.menu());
    this.app.mount(f, "host-drill");
  }

  hostContest(): void {
    const f = hostContestForm(this.catalogue, (o) => void this.attempt(f, async () => {
      if (o.levels.length === 0) throw new Error("Pick at least one level.");
      const room = prepareRoom(await gameClient().create(ROOM.contest, o));
      const host = await nextMessage<{ token: string; code: string }>(room, S2C.host);
      saveSeat({ kind: "contest-host", roomId: room.roomId, reconnectionToken: room.reconnectionToken, hostToken: host.token, name: o.name });
      this.contestHost(room, host.token);
    }), () => this.app.menu());
    this.app.mount(f, "host-contest");
  }

  /** A drill: the game screen on the room, plus players (and the facilitator's controls). */
  private drill(room: Room, hostToken?: string): void {
    const backend = new RoomBackend(room, "drill", this.find);
    const players = new PlayersPanel(hostToken ? (seat, role) => room.send("control", { token: hostToken, action: "role", player: seat, role }) : undefined);
    const level = this.find(backend.level.id)?.level;
    const extra = el("div", {}, [hostToken ? facilitatorControls(room, hostToken, room.roomId, level) : el("section", { class: "side-extra" }, [el("h3", {}, "Drill"), el("p", {}, ["Code ", el("strong", {}, room.roomId)])]), players.el]);
    const screen = new GameScreen(backend, {
      extra,
      onEnded: (d) => this.ended(d, room),
      onLeave: () => this.leave(room),
    });
    const off = backend.subscribe(() => players.update(backend.players()));
    backend.onNote((t) => screen.notify(t));
    room.onLeave((code) => {
      if (code > 1001) screen.notify("Connection to the game server lost. Reload the page to get your seat back.");
    });
    this.app.mount({ el: screen.el, dispose: () => (off(), screen.dispose(), backend.dispose()) }, "drill");
  }

  private ended(d: DebriefMessage | undefined, room: Room): void {
    forgetSeat();
    if (!d) return this.app.menu();
    this.app.showDebrief(d, { menu: () => this.leave(room) });
  }

  private leave(room: Room): void {
    forgetSeat();
    void room.leave(true).catch(() => undefined);
    this.app.menu();
  }

  private contestHost(room: Room, token: string): void {
    const view = renderContestHost(room, token, room.roomId, () => this.leave(room));
    this.app.mount(view, "contest-host");
  }

  /** A student: wait in the contest room for the seat, then play in the seat room. */
  private async contestStudent(contest: Room, name: string): Promise<void> {
    const waiting = el("main", { class: "screen" }, el("div", { class: "form-box" }, [el("h1", {}, "Joined the contest"), el("p", {}, ["Code ", el("strong", {}, contest.roomId), " as ", el("strong", {}, name)]), el("p", { class: "muted" }, "Your cluster is being prepared…")]));
    this.app.mount({ el: waiting }, "contest-lobby");
    const seat = await nextMessage<{ roomId: string; seatToken: string; seat: string }>(contest, S2C.contestSeat, 20_000);
    const room = prepareRoom(await gameClient().joinById(seat.roomId, { seatToken: seat.seatToken, name }));
    saveSeat({ kind: "contest-student", roomId: contest.roomId, reconnectionToken: contest.reconnectionToken, name, seat: { roomId: seat.roomId, seatToken: seat.seatToken, reconnectionToken: room.reconnectionToken } });
    this.seat(room, contest);
  }

  private seat(room: Room, contest?: Room): void {
    const backend = new RoomBackend(room, "contest", this.find);
    const info = el("section", { class: "side-extra" }, [el("h3", {}, "Contest"), el("p", {}, `Level ${(room.state.toJSON() as { levelNumber?: number }).levelNumber ?? 1} of ${(room.state.toJSON() as { levelCount?: number }).levelCount ?? 1}`)]);
    const screen = new GameScreen(backend, { extra: info, onEnded: (d) => this.ended(d, room), onLeave: () => (contest && void contest.leave(true).catch(() => undefined), this.leave(room)) });
    const offLevel = room.onMessage(S2C.level, () => {
      // The next level started on this seat: a fresh screen for it.
      this.seat(room, contest);
    }) as unknown as () => void;
    this.app.mount({ el: screen.el, dispose: () => (offLevel?.(), screen.dispose(), backend.dispose()) }, "contest-seat");
  }

  /** After a reload: reconnect to the saved seat, or go to the menu. */
  resumeOrMenu(): void {
    const saved = loadSeat();
    if (!saved) return this.app.menu();
    const notice = el("main", { class: "screen" }, el("div", { class: "form-box" }, [el("h1", {}, "Reconnecting…"), el("p", {}, `Getting your seat back in ${saved.roomId}.`), button("Cancel", () => (forgetSeat(), this.app.menu()))]));
    this.app.mount({ el: notice }, "reconnecting");
    void this.resume(saved).catch(() => {
      forgetSeat();
      this.app.menu();
    });
  }

  private async resume(s: SavedSeat): Promise<void> {
    const client = gameClient();
    if (s.kind === "contest-student" && s.seat) {
      const room = prepareRoom(await client.reconnect(s.seat.reconnectionToken ?? "").catch(() => client.joinById(s.seat!.roomId, { seatToken: s.seat!.seatToken, name: s.name })));
      saveSeat({ ...s, seat: { ...s.seat, reconnectionToken: room.reconnectionToken } });
      return this.seat(room);
    }
    const room = prepareRoom(
      await client.reconnect(s.reconnectionToken).catch((e: unknown) => {
        if (!s.hostToken) throw e;
        return client.joinById(s.roomId, { hostToken: s.hostToken, name: s.name });
      }),
    );
    saveSeat({ ...s, reconnectionToken: room.reconnectionToken });
    if (s.kind === "contest-host" && s.hostToken) return this.contestHost(room, s.hostToken);
    this.drill(room, s.hostToken);
  }
}
