/**
 * The right column of the game screen: the SLO gauge and error budget, the goals checklist
 * (✓ met, ◐ holding but not yet for the stable window, ✗ not holding, each with its detail),
 * revealed hints, and the keyboard legend.
 */
import type { GoalStatus, HintView } from "../../shared/game/session.ts";
import type { ViewSlo } from "../view/types.ts";
import { el } from "./dom.ts";

export function goalMark(g: Pick<GoalStatus, "met" | "holding" | "unavailable">): { mark: string; cls: string; word: string } {
  if (g.unavailable) return { mark: "–", cls: "goal-na", word: "unavailable" };
  if (g.met) return { mark: "✓", cls: "goal-met", word: "met" };
  if (g.holding) return { mark: "◐", cls: "goal-holding", word: "holding, keep it stable" };
  return { mark: "✗", cls: "goal-open", word: "not met" };
}

export class Sidebar {
  readonly el: HTMLElement;
  private readonly slo = el("section", { class: "slo", "aria-label": "Service level" });
  private readonly goals = el("ul", { class: "goals", "aria-label": "Goals", "aria-live": "polite" });
  private readonly hints = el("ol", { class: "hints", "aria-label": "Hints" });
  private lastGoals = "";
  private lastHints = -1;

  constructor() {
    this.el = el("aside", { class: "sidebar" }, [
      this.slo,
      el("h3", {}, "Goals"),
      this.goals,
      el("h3", {}, "Hints"),
      this.hints,
      el("div", { class: "keys" }, [
        el("h3", {}, "Keys"),
        el("p", {}, "Esc: leave terminal · T: terminal · ←/→: select on map · Enter: inspect · P / Alt+click: ping (drills) · H: hint · R: trace · B: briefing"),
      ]),
    ]);
  }

  update(goals: GoalStatus[], slo: ViewSlo | undefined, hints: HintView[]): void {
    this.renderSlo(slo);
    const key = JSON.stringify(goals);
    if (key !== this.lastGoals) {
      this.lastGoals = key;
      this.goals.replaceChildren(
        ...goals.map((g) => {
          const m = goalMark(g);
          return el("li", { class: m.cls, "data-goal": g.id }, [el("span", { class: "mark", "aria-label": m.word }, m.mark), el("div", {}, [el("div", { class: "goal-text" }, g.text), el("div", { class: "goal-detail" }, g.detail)])]);
        }),
      );
    }
    if (hints.length !== this.lastHints) {
      this.lastHints = hints.length;
      this.hints.replaceChildren(...(hints.length ? hints.map((h) => el("li", {}, [el("span", { class: "cost" }, `−${h.cost}`), " ", h.text])) : [el("li", { class: "muted none" }, "None revealed. Press H for one (it costs points).")]));
    }
  }

  private renderSlo(slo: ViewSlo | undefined): void {
    if (!slo) {
      this.slo.hidden = true;
      return;
    }
    this.slo.hidden = false;
    const budget = Math.round(slo.budgetRemaining * 100);
    const ok = (slo.successRate * 100).toFixed(1);
    this.slo.replaceChildren(
      el("h3", {}, "SLO"),
      el("div", { class: "gauge", role: "meter", "aria-valuemin": "0", "aria-valuemax": "100", "aria-valuenow": String(budget), "aria-label": "Error budget remaining" }, [
        el("div", { class: `gauge-fill ${budget < 25 ? "low" : budget < 60 ? "mid" : "high"}`, style: `width:${budget}%` }),
      ]),
      el("div", { class: "slo-text" }, `${ok}% ok · target ${(slo.target * 100).toFixed(1)}% · budget ${budget}% · ${slo.requestsPerSec.toFixed(0)} req/s`),
    );
  }
}
