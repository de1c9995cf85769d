/**
 * Side panels of the drill screen: the players with their roles and last command, and the
 * facilitator's controls (start, pause, speed, hint, inject a timeline fault, roles, end).
 * Names are text nodes only.
 */
import type { Room } from "colyseus.js";
import type { Level } from "../../shared/levels/schema.ts";
import { C2S, LIMITS, ROLES } from "../../shared/protocol/names.ts";
import type { PlayerInfo } from "../game/backend.ts";
import { button, el } from "../ui/dom.ts";

export class PlayersPanel {
  readonly el: HTMLElement;
  private readonly list = el("ul", { class: "players", "aria-label": "Players", "aria-live": "polite" });
  private key = "";

  constructor(private readonly onRole?: (seat: string, role: string) => void) {
    this.el = el("section", { class: "side-extra" }, [el("h3", {}, "Players"), this.list]);
  }

  update(players: PlayerInfo[]): void {
    const key = JSON.stringify(players);
    if (key === this.key) return;
    this.key = key;
    this.list.replaceChildren(
      ...players.map((p) => {
        const role = this.onRole && p.role !== "facilitator" ? roleSelect(p, this.onRole) : el("span", { class: "muted" }, p.role);
        return el("li", { class: p.connected ? "" : "offline", "data-seat": p.id }, [
          el("span", { class: "player-name" }, `${p.connected ? "●" : "○"} ${p.name}`),
          role,
          p.lastLine ? el("code", { class: "muted", style: "overflow:hidden;text-overflow:ellipsis;white-space:nowrap;max-width:140px" }, p.lastLine) : null,
        ]);
      }),
    );
  }
}

function roleSelect(p: PlayerInfo, onRole: (seat: string, role: string) => void): HTMLSelectElement {
  const s = el("select", { "aria-label": `Role of ${p.name}` }, ROLES.filter((r) => r !== "facilitator").map((r) => el("option", { value: r, selected: r === p.role }, r)));
  s.addEventListener("change", () => onRole(p.id, s.value));
  return s;
}

export function facilitatorControls(room: Room, token: string, code: string, level: Level | undefined): HTMLElement {
  const control = (action: string, extra: Record<string, unknown> = {}) => room.send(C2S.control, { token, action, ...extra });
  const speed = el("select", { "aria-label": "Speed" }, [0.5, 1, 2, 4].map((s) => el("option", { value: String(s), selected: s === 1 }, `${s}×`)));
  speed.addEventListener("change", () => control("speed", { speed: Number(speed.value) }));
  const hintText = el("input", { maxlength: String(LIMITS.chatLength), placeholder: "your own hint…", "aria-label": "Hint text" });
  const inject = el("select", { "aria-label": "Fault to inject" }, (level?.timeline ?? []).map((t, i) => el("option", { value: String(i) }, t.note ?? `${t.fault.kind} (at ${t.atSeconds}s)`)));
  return el("section", { class: "side-extra facilitator", "aria-label": "Facilitator controls" }, [
    el("h3", {}, "Join code"),
    el("div", { class: "join-code small", style: "font-size:44px;letter-spacing:6px" }, code),
    el("h3", {}, "Drill"),
    el("div", { class: "controls" }, [button("Start", () => control("start"), "primary"), button("Pause", () => control("pause")), button("Resume", () => control("resume")), speed, button("End", () => control("end"), "danger")]),
    el("h3", {}, "Hints"),
    el("div", { class: "controls" }, [
      button("Reveal next hint", () => control("hint")),
      hintText,
      button("Send", () => {
        if (hintText.value.trim()) control("hint", { text: hintText.value.trim() });
        hintText.value = "";
      }),
    ]),
    level?.timeline.length ? el("h3", {}, "Inject a fault") : null,
    level?.timeline.length ? el("div", { class: "controls" }, [inject, button("Inject", () => control("inject", { timeline: Number(inject.value) }), "danger")]) : null,
  ]);
}
