/**
 * Packet trace: pick a source and a destination, and watch the packet go hop by hop (veth,
 * bridge, DNAT, routes, tunnel, firewall...), stopping at the hop where it is dropped, with the
 * reason the kernel or the application would give.
 */
import type { Hop, TraceResult } from "../../shared/net/trace-types.ts";
import { button, el } from "./dom.ts";
import { openModal } from "./modal.ts";

const STAGE_ICON: Record<string, string> = {
  resolve: "?", "pod-eth0": "◉", veth: "═", bridge: "⊞", dnat: "⇆", "policy-egress": "⛨", route: "➜", encapsulation: "▣",
  underlay: "≈", router: "◈", firewall: "▥", decapsulation: "▢", "policy-ingress": "⛨", deliver: "↘", port: "⊙", application: "✉", response: "↩", external: "☁",
};

export interface TraceSource {
  endpoints(): { sources: string[]; targets: string[] };
  trace(from: string, to: string, port: number): Promise<TraceResult>;
}

/** One hop as a line of text (also what the e2e test and screen readers read). */
export function hopText(h: Hop): string {
  const where = `${h.at}${h.device ? ` ${h.device}` : ""}`;
  const addr = h.src || h.dst ? `  [${h.src ?? "?"} → ${h.dst ?? "?"}]` : "";
  return `${STAGE_ICON[h.stage] ?? "•"} ${h.stage.padEnd(14)} ${where}: ${h.action}${addr}`;
}

export function openTracePanel(host: HTMLElement, src: TraceSource, preset?: { from?: string; to?: string; port?: number }): void {
  const { sources, targets } = src.endpoints();
  const select = (label: string, options: string[], value: string | undefined) => {
    const s = el("select", { "aria-label": label }, options.map((o) => el("option", { value: o }, o)));
    if (value && options.includes(value)) s.value = value;
    return s;
  };
  const from = select("Source", sources, preset?.from);
  const to = select("Destination", targets, preset?.to);
  const port = el("input", { type: "number", min: "1", max: "65535", value: String(preset?.port ?? 80), "aria-label": "Port", class: "port" });
  const hops = el("ol", { class: "trace-hops", "aria-live": "polite" });
  const verdict = el("p", { class: "trace-verdict" });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const go = async () => {
    clearTimeout(timer);
    hops.replaceChildren();
    verdict.textContent = "";
    const r = await src.trace(from.value, to.value, Number(port.value) || 80);
    if (r.error) {
      verdict.textContent = r.error;
      verdict.className = "trace-verdict dropped";
      return;
    }
    let i = 0;
    const step = () => {
      const h = r.hops[i];
      if (!h) {
        verdict.textContent = r.dropped ? `✗ dropped at ${r.hops[r.dropped.hopIndex]?.at ?? "?"}: ${r.dropped.reason} — ${r.dropped.detail}` : `✓ delivered${r.reached?.pod ? ` to ${r.reached.pod}` : r.reached?.node ? ` to node ${r.reached.node}` : ""}`;
        verdict.className = `trace-verdict ${r.dropped ? "dropped" : "delivered"}`;
        return;
      }
      const li = el("li", { class: h.dropped ? "hop dropped" : "hop" }, [hopText(h), h.dropped ? el("div", { class: "drop-reason" }, `✗ ${h.dropped.reason}: ${h.dropped.detail}`) : null]);
      hops.append(li);
      li.scrollIntoView({ block: "nearest" });
      i++;
      timer = setTimeout(step, h.dropped ? 0 : 280);
    };
    step();
  };
  const traceBtn = button("Trace", () => void go(), "primary");
  openModal(
    host,
    "Packet trace",
    [
      el("div", { class: "trace-form" }, [el("label", {}, ["From ", from]), el("label", {}, ["To ", to]), el("label", {}, ["Port ", port]), traceBtn]),
      hops,
      verdict,
    ],
    { wide: true, onClose: () => clearTimeout(timer) },
  );
  if (preset?.from && preset.to) void go();
  else from.focus();
}
