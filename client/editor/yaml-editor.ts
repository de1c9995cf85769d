/**
 * `kubectl edit`'s editor: CodeMirror 6 with YAML highlighting, live syntax errors and the API
 * server's field errors from a refused save drawn on their lines. Resolves with the edited
 * text (Save / Ctrl+S) or undefined (Cancel / Esc): the caller sends it as the edit's stdin.
 */
import { EditorView, basicSetup } from "codemirror";
import { keymap } from "@codemirror/view";
import { yaml } from "@codemirror/lang-yaml";
import { linter, lintGutter, forceLinting } from "@codemirror/lint";
import { oneDarkish } from "./theme.ts";
import { diagnose } from "./error-lines.ts";
import { button, el } from "../ui/dom.ts";

export interface EditRequest {
  title: string;
  text: string;
  /** kubectl's refusal of the previous save, shown above and on the lines it names. */
  serverError?: string;
}

export function openYamlEditor(host: HTMLElement, req: EditRequest): Promise<string | undefined> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (v: string | undefined) => {
      if (done) return;
      done = true;
      view.destroy();
      overlay.remove();
      resolve(v);
    };
    const errorBox = el("pre", { class: "editor-errors", role: "alert" }, req.serverError ?? "");
    errorBox.hidden = !req.serverError;
    const mount = el("div", { class: "editor-mount" });
    const save = button("Save  (Ctrl+S)", () => finish(view.state.doc.toString()), "primary");
    const cancel = button("Cancel  (Esc)", () => finish(undefined));
    const overlay = el("div", { class: "modal editor-modal", role: "dialog", "aria-label": `Editing ${req.title}` }, [
      el("div", { class: "modal-box editor-box" }, [
        el("div", { class: "modal-head" }, [el("h2", {}, `kubectl edit ${req.title}`), el("div", { class: "spacer" }), save, cancel]),
        errorBox,
        mount,
      ]),
    ]);
    host.append(overlay);
    const view = new EditorView({
      doc: req.text,
      parent: mount,
      extensions: [
        basicSetup,
        yaml(),
        oneDarkish,
        lintGutter(),
        linter((v) => diagnose(v.state.doc.toString(), req.serverError).map((d) => ({ ...d, to: Math.min(d.to, v.state.doc.length), severity: "error" as const })), { delay: 300 }),
        keymap.of([
          { key: "Mod-s", preventDefault: true, run: (v) => (finish(v.state.doc.toString()), true) },
          { key: "Escape", run: () => (finish(undefined), true) },
        ]),
      ],
    });
    // The document for tests and tools (CodeMirror renders only the visible lines).
    (mount as HTMLElement & { cmView?: EditorView }).cmView = view;
    view.focus();
    forceLinting(view);
  });
}
