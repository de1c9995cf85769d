/** The multiplayer forms: join with a code, host a drill, host a contest. */
import type { Catalogue } from "../game/catalogue.ts";
import { groupByCategory } from "../game/catalogue.ts";
import { JOIN_CODE_LENGTH, LIMITS } from "../../shared/protocol/names.ts";
import { button, el } from "../ui/dom.ts";

export interface FormHandle {
  el: HTMLElement;
  /** Show a problem (connection refused, unknown code) under the form. */
  error(text: string): void;
  busy(on: boolean): void;
}

function form(title: string, fields: HTMLElement[], submitLabel: string, onSubmit: () => void, back: () => void): FormHandle {
  const err = el("p", { class: "error", role: "alert" });
  const submit = button(submitLabel, onSubmit, "primary");
  const f = el("form", { class: "form-box", "aria-label": title }, [el("h1", {}, title), ...fields, err, el("div", { class: "controls" }, [submit, button("← Back", back)])]);
  f.addEventListener("submit", (e) => {
    e.preventDefault();
    onSubmit();
  });
  f.addEventListener("keydown", (e) => {
    if (e.key === "Escape") back();
  });
  queueMicrotask(() => (f.querySelector("input, select") as HTMLElement | null)?.focus());
  return {
    el: el("main", { class: "screen" }, f),
    error: (t) => (err.textContent = t),
    busy: (on) => (submit.disabled = on),
  };
}

const nameInput = () => el("input", { name: "name", maxlength: String(LIMITS.nameLength), autocomplete: "nickname", required: true, placeholder: "your name" });

export function joinForm(onJoin: (code: string, name: string, team: string) => void, back: () => void): FormHandle {
  const code = el("input", { name: "code", maxlength: String(JOIN_CODE_LENGTH), autocomplete: "off", required: true, placeholder: "ABC123", class: "code-input", style: "text-transform:uppercase;font:700 28px monospace;letter-spacing:6px" });
  const name = nameInput();
  const team = el("input", { name: "team", maxlength: String(LIMITS.nameLength), placeholder: "team (contests played in teams)" });
  return form("Join a game", [el("label", {}, ["Join code", code]), el("label", {}, ["Name", name]), el("label", {}, ["Team (optional)", team])], "Join", () => onJoin(code.value.trim().toUpperCase(), name.value, team.value.trim()), back);
}

function levelSelect(cat: Catalogue): HTMLSelectElement {
  return el(
    "select",
    { name: "level" },
    groupByCategory(cat.entries).map(([c, entries]) => {
      const g = el("optgroup", { label: c });
      g.append(...entries.map((e) => el("option", { value: e.id }, `${e.title} (${"●".repeat(e.difficulty)})`)));
      return g;
    }),
  );
}

export function hostDrillForm(cat: Catalogue, onHost: (o: { name: string; levelId: string; speed: number }) => void, back: () => void): FormHandle {
  const name = nameInput();
  const level = levelSelect(cat);
  const speed = el("select", { name: "speed" }, ["0.5", "1", "2", "4"].map((s) => el("option", { value: s, selected: s === "1" }, `${s}×`)));
  return form("Host a drill", [el("label", {}, ["Your name (facilitator)", name]), el("label", {}, ["Incident", level]), el("label", {}, ["Speed", speed])], "Create drill", () => onHost({ name: name.value, levelId: level.value, speed: Number(speed.value) }), back);
}

export interface ContestChoice {
  name: string;
  levels: string[];
  timeLimitMinutes: number;
  mode: "individual" | "teams";
  hintCosts: boolean;
  freezeLastMinutes: number;
}

export function hostContestForm(cat: Catalogue, onHost: (o: ContestChoice) => void, back: () => void): FormHandle {
  const name = nameInput();
  const boxes = cat.entries.map((e, i) => el("input", { type: "checkbox", value: e.id, checked: i < 3 }));
  const list = el("div", { class: "level-checks", style: "max-height:220px;overflow:auto;display:flex;flex-direction:column;gap:2px" }, cat.entries.map((e, i) => el("label", { style: "flex-direction:row;font-weight:400" }, [boxes[i], ` ${e.category}: ${e.title}`])));
  const minutes = el("input", { type: "number", min: "1", max: "600", value: "45" });
  const mode = el("select", {}, [el("option", { value: "individual" }, "individual"), el("option", { value: "teams" }, "teams")]);
  const hints = el("input", { type: "checkbox", checked: true });
  const freeze = el("input", { type: "number", min: "0", max: "600", value: "0" });
  return form(
    "Host a contest",
    [
      el("label", {}, ["Your name (teacher)", name]),
      el("fieldset", {}, [el("legend", {}, "Levels, in order"), list]),
      el("label", {}, ["Time limit (minutes)", minutes]),
      el("label", {}, ["Mode", mode]),
      el("label", { style: "flex-direction:row" }, [hints, " Hints cost points"]),
      el("label", {}, ["Freeze the public leaderboard for the last N minutes", freeze]),
    ],
    "Create contest",
    () =>
      onHost({
        name: name.value,
        levels: boxes.filter((b) => b.checked).map((b) => b.value),
        timeLimitMinutes: Number(minutes.value) || 45,
        mode: mode.value as "individual" | "teams",
        hintCosts: hints.checked,
        freezeLastMinutes: Number(freeze.value) || 0,
      }),
    back,
  );
}
