/**
 * Entry point: a tiny first chunk that shows the boot progress bar and then loads the rest.
 */
import "./style.css";
import { runBoot } from "./boot.ts";

const bootEl = document.getElementById("boot")!;
const fill = bootEl.querySelector<HTMLElement>(".progress-fill")!;
const bar = bootEl.querySelector<HTMLElement>(".progress")!;
const label = bootEl.querySelector<HTMLElement>(".progress-label")!;

function show(fraction: number, text: string): void {
  const pct = Math.round(fraction * 100);
  fill.style.width = `${pct}%`;
  bar.setAttribute("aria-valuenow", String(pct));
  label.textContent = `${text} (${pct}%)`;
}

let appModule: typeof import("./app.ts") | undefined;

runBoot(
  [
    { label: "Loading the renderer", weight: 5, run: () => import("phaser") },
    { label: "Loading the terminal and editor", weight: 2, run: () => Promise.all([import("./terminal/terminal.ts"), import("./editor/yaml-editor.ts")]) },
    { label: "Loading the cluster simulator", weight: 3, run: async () => (appModule = await import("./app.ts")) },
    { label: "Reading the incidents", weight: 1, run: async () => appModule!.prepare() },
  ],
  show,
)
  .then(() => {
    bootEl.remove();
    appModule!.start(document.getElementById("app")!);
  })
  .catch((e: unknown) => {
    label.textContent = `Could not start: ${e instanceof Error ? e.message : String(e)}. Reload to try again.`;
    bootEl.classList.add("failed");
  });
