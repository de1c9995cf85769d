/**
 * The inspector: what kubectl says about the clicked object, in tabs (describe, YAML, events,
 * logs for pods). The text is kubectl's own; the lines are shown so players learn them.
 */
import type { KubectlResult } from "../../shared/game/session.ts";
import { kubectlRef, type Target } from "../view/selection.ts";
import { button, el } from "./dom.ts";

export interface InspectorTab {
  id: string;
  label: string;
  line: string;
}

/** The kubectl line behind each tab for a target. */
export function inspectorTabs(t: Target): InspectorTab[] {
  const ref = kubectlRef(t);
  const ns = t.namespace ? ` -n ${t.namespace}` : "";
  const tabs: InspectorTab[] = [
    { id: "describe", label: "Describe", line: `kubectl describe ${ref}` },
    { id: "yaml", label: "YAML", line: `kubectl get ${ref} -o yaml` },
    { id: "events", label: "Events", line: `kubectl get events${t.namespace ? ns : " -A"} --field-selector involvedObject.name=${t.name}` },
  ];
  if (t.kind === "Pod") tabs.push({ id: "logs", label: "Logs", line: `kubectl logs ${t.name}${ns} --all-containers --tail=200` });
  if (t.kind === "Service") tabs.push({ id: "endpoints", label: "Endpoints", line: `kubectl get endpointslices${ns} -l kubernetes.io/service-name=${t.name}` });
  return tabs;
}

export class Inspector {
  readonly el: HTMLElement;
  private readonly title = el("h2", {});
  private readonly tabBar = el("div", { class: "tabs", role: "tablist" });
  private readonly cmd = el("code", { class: "cmd" });
  private readonly out = el("pre", { class: "inspector-out", tabindex: "0" });
  private target: Target | undefined;
  private active = "describe";

  constructor(private readonly run: (line: string) => Promise<KubectlResult>, private readonly onClose: () => void, private readonly sendToTerminal: (line: string) => void) {
    this.el = el("section", { class: "inspector", "aria-label": "Inspector", hidden: true }, [
      el("div", { class: "inspector-head" }, [this.title, el("div", { class: "spacer" }), button("Close (Esc)", () => this.close())]),
      this.tabBar,
      el("div", { class: "cmd-row" }, [this.cmd, button("Run in terminal", () => this.sendToTerminal(this.cmd.textContent ?? ""))]),
      this.out,
    ]);
    this.el.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        e.stopPropagation();
        this.close();
      }
    });
  }

  get open(): boolean {
    return !this.el.hidden;
  }

  show(t: Target, tab = this.active): void {
    this.target = t;
    this.el.hidden = false;
    this.title.textContent = `${t.kind} ${t.namespace ? `${t.namespace}/` : ""}${t.name}`;
    const tabs = inspectorTabs(t);
    if (!tabs.some((x) => x.id === tab)) tab = "describe";
    this.active = tab;
    this.tabBar.replaceChildren(
      ...tabs.map((x) => {
        const b = button(x.label, () => this.show(t, x.id), x.id === tab ? "primary" : "plain", { role: "tab", "aria-selected": String(x.id === tab) });
        return b;
      }),
    );
    void this.load(tabs.find((x) => x.id === tab)!);
    (this.tabBar.querySelector("[aria-selected=true]") as HTMLElement | null)?.focus();
  }

  /** Re-run the current tab (the cluster moved on). */
  refresh(): void {
    if (this.target && this.open) this.show(this.target, this.active);
  }

  private async load(tab: InspectorTab): Promise<void> {
    this.cmd.textContent = tab.line;
    const r = await this.run(tab.line);
    this.out.textContent = (r.stdout + r.stderr).trimEnd() || "(no output)";
    this.out.classList.toggle("is-error", r.exitCode !== 0);
  }

  close(): void {
    this.el.hidden = true;
    this.target = undefined;
    this.onClose();
  }
}
