/**
 * Solo play in a real browser (no server): boot, pick a level, diagnose and fix it through the
 * terminal (and through `kubectl edit`'s editor), and reach the debrief. Saves screenshots of
 * the main screens to test-artifacts/ and the game screen to docs/screenshot.png.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadLevel } from "../../shared/levels/loader.ts";
import { e2eUnavailable, openBrowser, type Browser } from "./support/browser.ts";
import { buildClient, ROOT, serveClient } from "./support/static-server.ts";
import { editorText, replaceEditorText, runInTerminal, waitScreen, waitTerminal } from "./support/game-driver.ts";

const ARTIFACTS = join(ROOT, "test-artifacts");
const LEVEL_ID = "probes-readiness-wrong-path";
const skip = e2eUnavailable();

function level() {
  const r = loadLevel(readFileSync(join(ROOT, "levels", `${LEVEL_ID}.yaml`), "utf8"));
  if (!r.ok) throw new Error("level does not load");
  return r.value;
}

describe.skipIf(skip !== undefined)("solo play in the browser", { timeout: 180_000 }, () => {
  let server: { url: string; close(): Promise<void> };
  let b: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await buildClient();
    server = await serveClient();
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  async function startLevel(browser: Browser): Promise<void> {
    const page = browser.page;
    await page.goto(server.url);
    await waitScreen(page, "menu");
    await page.screenshot({ path: join(ARTIFACTS, "menu.png") });
    await page.click("text=Solo");
    await waitScreen(page, "levels");
    await page.screenshot({ path: join(ARTIFACTS, "level-select.png") });
    await page.click(`[data-level=${LEVEL_ID}]`);
    await waitScreen(page, "game");
    await page.waitForSelector(".modal .briefing");
    await page.screenshot({ path: join(ARTIFACTS, "briefing.png") });
    await page.keyboard.press("Enter");
    await page.waitForSelector(".modal", { state: "detached" });
  }

  it("plays a level to completion through the terminal and shows the debrief", async () => {
    b = await openBrowser();
    const page = b.page;
    try {
      await startLevel(b);
      await runInTerminal(page, "kubectl get pods", /orders-[a-z0-9]+-[a-z0-9]+\s+0\/1\s+Running/);
      await runInTerminal(page, "kubectl describe pod -l app=orders | grep Readiness", /Readiness probe failed: HTTP probe failed/);
      await page.waitForTimeout(1200);
      await page.screenshot({ path: join(ARTIFACTS, "game.png") });
      await page.screenshot({ path: join(ROOT, "docs", "screenshot.png") });

      // Keyboard only: leave the terminal, walk the map to the first pod, inspect it.
      await page.keyboard.press("Escape");
      for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
      await page.keyboard.press("Enter");
      await page.waitForSelector(".inspector:not([hidden])");
      await page.waitForFunction(() => /Readiness probe failed/.test(document.querySelector(".inspector-out")?.textContent ?? ""));
      expect(await page.textContent(".inspector .cmd")).toMatch(/^kubectl describe pod\/orders-\S+ -n default$/);
      await page.screenshot({ path: join(ARTIFACTS, "inspector.png") });
      await page.keyboard.press("Escape");
      await page.waitForSelector(".inspector", { state: "hidden" });

      // The packet trace: a pod to the Service, hop by hop.
      await page.keyboard.press("r");
      await page.waitForSelector(".trace-form");
      await page.selectOption("select[aria-label=Destination]", "svc/default/orders");
      await page.click(".trace-form >> text=Trace");
      await page.waitForSelector(".trace-verdict:not(:empty)", { timeout: 15_000 });
      expect(await page.locator(".trace-hops li").count()).toBeGreaterThan(2);
      await page.screenshot({ path: join(ARTIFACTS, "trace.png") });
      await page.keyboard.press("Escape");
      await page.waitForSelector(".trace-form", { state: "detached" });
      await runInTerminal(page, level().solution[0].line, /deployment\.apps\/orders patched/);
      await page.click("[data-speed='8']");
      await waitScreen(page, "debrief", 90_000);
      const text = await page.textContent("main.debrief");
      expect(text).toContain("Resolved: Orders is up, but never Ready");
      expect(await page.getAttribute(".stars", "aria-label")).toMatch(/^[1-3] of 3 stars$/);
      expect(text).toContain("Reference solution");
      await page.screenshot({ path: join(ARTIFACTS, "debrief.png"), fullPage: true });
      // The best score is kept for the level select.
      await page.click("text=Main menu");
      await waitScreen(page, "levels");
      expect(await page.textContent(`[data-level=${LEVEL_ID}] .level-best`)).toMatch(/★.*best \d+/);
      expect(b.errors).toEqual([]);
    } finally {
      await b.close();
    }
  });

  it("fixes the Deployment with kubectl edit: a refused save shows the error inline, a good one applies", async () => {
    b = await openBrowser();
    const page = b.page;
    try {
      await startLevel(b);
      await runInTerminal(page, "kubectl edit deployment orders");
      await page.waitForSelector(".editor-modal .cm-content");
      const original = await editorText(page);
      expect(original).toContain("path: /healthz");
      await replaceEditorText(page, original.replace(/replicas: 3/, "replicas: -1"));
      await page.keyboard.press("Control+S");
      await page.waitForSelector(".editor-errors:not([hidden])");
      expect(await page.textContent(".editor-errors")).toMatch(/spec\.replicas/);
      await page.waitForSelector(".cm-lintRange-error");
      await page.screenshot({ path: join(ARTIFACTS, "editor.png") });
      await replaceEditorText(page, original.replace("path: /healthz", "path: /health/ready"));
      await page.keyboard.press("Control+S");
      await page.waitForSelector(".editor-modal", { state: "detached" });
      await waitTerminal(page, /deployment\.apps\/orders edited/);
      await page.click("[data-speed='8']");
      await waitScreen(page, "debrief", 90_000);
      expect(await page.textContent("main.debrief")).toContain("Resolved");
      expect(b.errors).toEqual([]);
    } finally {
      await b.close();
    }
  });
});
