/** Page helpers for playing Crashloop in the browser: the terminal, screens, the editor. */
import type { Page } from "playwright-core";

export async function waitScreen(page: Page, screen: string, timeout = 30_000): Promise<void> {
  await page.waitForSelector(`body[data-screen=${screen}]`, { timeout });
}

/** Everything the terminal shows (xterm's DOM renderer rows). */
export async function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const rows = document.querySelectorAll(".terminal .xterm-rows > div");
    return [...rows].map((r) => r.textContent ?? "").join("\n");
  });
}

/** Wait until the terminal shows `expect`. */
export async function waitTerminal(page: Page, expect: RegExp, timeout = 10_000): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const text = await terminalText(page);
    if (expect.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`terminal never showed ${expect}:\n${text}`);
    await page.waitForTimeout(100);
  }
}

/** Type a line into the terminal and wait until `expect` appears (a regexp over the terminal). */
export async function runInTerminal(page: Page, line: string, expect?: RegExp, timeout = 10_000): Promise<string> {
  await page.click(".terminal");
  await page.keyboard.type(line, { delay: 2 });
  await page.keyboard.press("Enter");
  if (!expect) return terminalText(page);
  return waitTerminal(page, expect, timeout);
}

/** Replace the CodeMirror buffer's text (as a paste, so auto-indent does not touch it). */
export async function replaceEditorText(page: Page, text: string): Promise<void> {
  await page.click(".cm-content");
  await page.keyboard.press("Control+A");
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData("text/plain", t);
    document.querySelector(".cm-content")!.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

export async function editorText(page: Page): Promise<string> {
  return page.evaluate(() => (document.querySelector(".editor-mount") as HTMLElement & { cmView: { state: { doc: { toString(): string } } } }).cmView.state.doc.toString());
}
