/**
 * The debrief after an incident: stars and the score breakdown, the SLO/goals chart over time,
 * the timeline (faults, who ran what, goals flipping, cluster events), what went wrong and the
 * real-world lesson, and the reference solution.
 */
import type { DebriefMessage } from "../../shared/protocol/messages.ts";
import { button, el, formatClock, stars } from "./dom.ts";

const SVG = "http://www.w3.org/2000/svg";

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const n = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
  return n;
}

/** Chart points: x in 0..1 of the run, y in 0..1 (1 = all goals met / 100% success). */
export function curveSeries(curve: DebriefMessage["curve"]): { goals: [number, number][]; success: [number, number][] } {
  const end = Math.max(1, ...curve.map((p) => p.simTimeMs));
  const goals = curve.map((p): [number, number] => [p.simTimeMs / end, p.goalsTotal ? p.goalsMet / p.goalsTotal : 0]);
  const success = curve.filter((p) => p.successRate !== undefined).map((p): [number, number] => [p.simTimeMs / end, p.successRate!]);
  return { goals, success };
}

function chart(curve: DebriefMessage["curve"]): SVGSVGElement {
  const W = 560;
  const H = 160;
  const s = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img", "aria-label": "Goals met and request success over time" });
  s.append(svg("rect", { x: 0, y: 0, width: W, height: H, fill: "#141821" }));
  const { goals, success } = curveSeries(curve);
  const pts = (series: [number, number][]) => series.map(([x, y]) => `${(x * (W - 20) + 10).toFixed(1)},${(H - 10 - y * (H - 20)).toFixed(1)}`).join(" ");
  if (success.length) s.append(svg("polyline", { points: pts(success), fill: "none", stroke: "#56b4e9", "stroke-width": 3 }));
  if (goals.length) s.append(svg("polyline", { points: pts(goals), fill: "none", stroke: "#009e73", "stroke-width": 3, "stroke-dasharray": "8 4" }));
  return s;
}

export interface DebriefActions {
  retry?: () => void;
  next?: () => void;
  menu: () => void;
}

export function renderDebrief(d: DebriefMessage, actions: DebriefActions, extra?: { newBest?: boolean }): HTMLElement {
  const sc = d.score;
  const buttons = [
    actions.next ? button("Next level", actions.next, "primary") : null,
    actions.retry ? button("Play again", actions.retry, actions.next ? "plain" : "primary") : null,
    button("Main menu", actions.menu),
  ].filter((b): b is HTMLButtonElement => b !== null);
  const root = el("main", { class: "screen debrief", "aria-label": "Debrief" }, [
    el("header", { class: "debrief-head" }, [
      el("h1", {}, d.solved ? `Resolved: ${d.title}` : `Unresolved: ${d.title}`),
      el("div", { class: "stars", "aria-label": `${sc.stars} of 3 stars` }, stars(sc.stars)),
      el("div", { class: "total" }, `${sc.total} / ${sc.max} points${extra?.newBest ? " · new best!" : ""}`),
      el("div", { class: "actions" }, buttons),
    ]),
    el("div", { class: "debrief-grid" }, [
      el("section", {}, [
        el("h2", {}, "Score"),
        el("table", { class: "score" }, [
          el("tbody", {}, sc.components.map((c) => el("tr", {}, [el("td", {}, c.label), el("td", { class: "num" }, `${c.points > 0 ? "+" : ""}${c.points}`), el("td", { class: "muted" }, c.detail)]))),
        ]),
        el("h2", {}, "Over time"),
        chart(d.curve),
        el("p", { class: "legend" }, [el("span", { class: "swatch success" }, "━"), " request success   ", el("span", { class: "swatch goals" }, "╍"), " goals met"]),
      ]),
      el("section", {}, [
        el("h2", {}, "What went wrong"),
        el("p", {}, d.debrief.whatWentWrong),
        el("h2", {}, "Why"),
        el("p", {}, d.debrief.why),
        el("h2", {}, "In real life"),
        el("p", {}, d.debrief.prevention),
        el("h2", {}, "Commands worth knowing"),
        el("ul", { class: "mono" }, d.debrief.commands.map((c) => el("li", {}, c))),
        el("h2", {}, "Reference solution"),
        el("ol", { class: "mono" }, d.solution.map((s) => el("li", {}, [s.line, s.stdin ? el("pre", {}, s.stdin) : null]))),
      ]),
      el("section", { class: "timeline" }, [
        el("h2", {}, "Timeline"),
        el(
          "ol",
          {},
          d.timeline.slice(-300).map((e) =>
            el("li", { class: `tl-${e.type}${e.exitCode ? " failed" : ""}` }, [el("span", { class: "when" }, formatClock(e.simTimeMs / 1000)), " ", e.player ? el("strong", {}, `${e.player}: `) : null, e.text]),
          ),
        ),
      ]),
    ]),
  ]);
  queueMicrotask(() => buttons[0]?.focus());
  return root;
}
